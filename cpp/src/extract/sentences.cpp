#include <algorithm>
#include <cstring>

#include "lexicon_data.hpp"
#include "optally/extract/text.hpp"

namespace optally::extract {

namespace {

// Asked of every punctuation token: one-byte tokens by their byte, without a string compare.
bool is_terminal(std::string_view s) {
    if (s.size() == 1) return s[0] == '.' || s[0] == '!' || s[0] == '?';
    return s == "\u2026";
}

bool is_closing(const Token& tok, std::string_view s) {
    return tok.kind == TokenKind::quote || s == ")" || s == "]";
}

// Hard-wrapped prose (lines cut near one width, e.g. a plain-text e-mail) keeps its
// sentences across line breaks; elsewhere a line break ends a line of its own.
struct Lines {
    bool wrapped = false;
    std::size_t width = 0;
};

// Calls line(length) for each non-empty line of text, in order, until it returns false.
template <class Line>
void for_each_line(std::string_view text, Line line) {
    std::size_t start = 0;
    while (start <= text.size()) {
        // memchr: this runs over every byte of every document.
        const void* found = std::memchr(text.data() + start, '\n', text.size() - start);
        std::size_t i = found ? static_cast<std::size_t>(static_cast<const char*>(found) - text.data()) : text.size();
        std::size_t len = i - start;
        if (len > 0 && !line(len)) return;
        start = i + 1;
    }
}

Lines measure_lines(std::string_view text) {
    // Two passes and no list of lengths: most texts have a line longer than 100 bytes, which
    // settles it (not wrapped) at once, before the end of the first pass.
    constexpr std::size_t wrap_width_limit = 100;
    std::size_t count = 0, longest = 0;
    bool too_long = false;
    for_each_line(text, [&](std::size_t len) {
        ++count;
        longest = std::max(longest, len);
        too_long = len > wrap_width_limit;
        return !too_long;
    });
    Lines lines;
    if (too_long || count < 6) return lines;
    std::size_t near_width = 0;
    for_each_line(text, [&](std::size_t len) {
        near_width += len + 15 >= longest;
        return true;
    });
    lines.wrapped = near_width * 2 >= count && longest >= 50;
    lines.width = longest;
    return lines;
}

}  // namespace

std::vector<Sentence> split_sentences(const TokenizedText& t, const Lexicon& lexicon) {
    const auto& d = lexicon.data();
    const auto& tokens = t.tokens;
    std::vector<Sentence> out;
    if (tokens.empty()) return out;
    // Room for sentences of 12 tokens on average, so that most documents allocate once.
    out.reserve(tokens.size() / 12 + 4);
    Lines lines = measure_lines(t.text);

    std::uint32_t paragraph = 0;
    std::size_t first = 0;
    std::size_t line_start_byte = 0;  // where the current line of text began
    auto close = [&](std::size_t last) {
        if (last <= first) return;
        Sentence s;
        s.first = first;
        s.last = last;
        s.begin = tokens[first].begin;
        s.end = tokens[last - 1].end;
        s.paragraph = paragraph;
        bool line_end = last == tokens.size() || tokens[last].newlines_before > 0;
        bool line_begin = tokens[first].newlines_before > 0 || first == 0;
        if (line_end && line_begin && tokens[last - 1].kind != TokenKind::quote) {
            // The last token's text only for a sentence that has a line to itself.
            std::string_view tail = t.low(tokens[last - 1]);
            s.headline = !is_terminal(tail) && tail != ":" && tail != ";" && tail != ",";
        }
        out.push_back(s);
        first = last;
    };

    // The size and data held in locals: the vector's, read through the reference, were loaded
    // again (and the size divided by a token's) at every token, as out.push_back() might alias them.
    const Token* const token_data = tokens.data();
    const std::size_t token_count = tokens.size();
    for (std::size_t k = 0; k < token_count; ++k) {
        // Most tokens neither open a line nor are punctuation: two byte tests in a loop of
        // their own pass them by.
        while (k < token_count && token_data[k].newlines_before == 0 && token_data[k].kind != TokenKind::punct) ++k;
        if (k == token_count) break;
        const Token& tok = token_data[k];
        if (k > first && tok.newlines_before > 0) {
            bool line_break = tok.newlines_before >= 2 || !lines.wrapped;
            if (!line_break) {
                // In wrapped text a short line closes its paragraph; a bullet opens a new line.
                std::size_t prev_len = tokens[k - 1].end - line_start_byte;
                std::string_view s = t.low(tok);
                line_break = prev_len + 15 < lines.width || s == "*" || s == "\u2022" ||
                             (tok.kind == TokenKind::dash && tok.space_before);
                // A row of a table laid out with spaces ("Allegheny      24      37") is no
                // wrapped prose: its cells are set apart by runs of spaces inside the line.
                if (!line_break) {
                    std::string_view line = t.text.substr(line_start_byte, tokens[k - 1].end - line_start_byte);
                    const std::size_t indent = line.find_first_not_of(" \t");
                    line_break = indent != std::string_view::npos && line.find("   ", indent) != std::string_view::npos;
                }
            }
            if (line_break) {
                close(k);
                ++paragraph;
            }
        }
        if (tok.newlines_before > 0) {
            std::size_t nl = t.text.rfind('\n', tok.begin);
            line_start_byte = nl == std::string_view::npos ? 0 : nl + 1;
        }
        std::string_view s = t.low(tok);
        if (tok.kind != TokenKind::punct || !is_terminal(s)) continue;
        std::size_t m = k + 1;
        while (m < tokens.size() && !tokens[m].space_before && is_closing(tokens[m], t.low(m))) ++m;
        if (m >= tokens.size()) break;
        const Token& next = tokens[m];
        if (!next.space_before) continue;  // "U.S.", "2.5", "e.g."
        if (next.newlines_before > 0) {
            close(m);
            continue;
        }
        if (s == "." && k > 0 && !tok.space_before && tokens[k - 1].kind == TokenKind::word) {
            bool initial = tokens[k - 1].size() == 1;  // "J. Smith", "U.S.", "e.g."
            if (initial || detail::has(d.abbreviations, t, k - 1)) continue;
        }
        // A sentence starts with a capital, a figure, a quote or a bracket.
        bool opener = next.upper || next.kind == TokenKind::number || next.kind == TokenKind::quote ||
                      next.kind == TokenKind::fraction || t.low(next) == "(" ||
                      static_cast<unsigned char>(t.text[next.begin]) >= 0x80;
        if (opener) close(m);
    }
    close(tokens.size());
    return out;
}

}  // namespace optally::extract
