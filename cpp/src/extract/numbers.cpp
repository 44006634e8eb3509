#include "optally/extract/numbers.hpp"

#include <charconv>
#include <cmath>
#include <cstdint>

#include "extract_internal.hpp"

namespace optally::extract {

namespace {

using detail::LexiconData;

// Out of line: the callers below ask first whether the token is a number word at all, and
// stay small enough to inline that test.
template <class Map>
[[gnu::noinline]] const double* find(const Map& map, std::string_view word) {
    auto found = map.find(word);
    return found == map.end() ? nullptr : &found->second;
}

// "14.000" and "1.250.000", with dots between groups of three as much of Europe writes
// thousands: a count is never a decimal with exactly three places after its point (a
// scale after it, "2.500 million", is read elsewhere and keeps its decimals).
bool dotted_thousands(std::string_view s) {
    std::size_t dot = s.find('.');
    if (dot == std::string_view::npos || dot == 0 || dot > 3 || s.find(',') != std::string_view::npos) return false;
    if ((s.size() - dot) % 4 != 0) return false;
    for (std::size_t i = dot; i < s.size(); i += 4) {
        if (s[i] != '.') return false;
        for (std::size_t k = 1; k <= 3; ++k)
            if (s[i + k] < '0' || s[i + k] > '9') return false;
    }
    return true;
}

double digits_value(std::string_view s, bool scale_follows) {
    char buffer[64];
    std::size_t n = 0;
    const bool dotted = !scale_follows && dotted_thousands(s);
    // Most figures are whole numbers of a few digits ("14", "2,500"): summed here, exactly as
    // from_chars reads them (integers below 10^15 are exact doubles), without its call.
    std::uint64_t whole = 0;
    bool only_digits = true;
    for (char c : s)
        // (Spaces and the bytes of a no-break space set thousands apart: "12 000".)
        if (c != ',' && c != ' ' && (static_cast<unsigned char>(c) < 0x80) && !(dotted && c == '.') && n < sizeof buffer) {
            buffer[n++] = c;
            if (c >= '0' && c <= '9') whole = whole * 10 + static_cast<std::uint64_t>(c - '0');
            else only_digits = false;
        }
    if (only_digits && n > 0 && n <= 15) return static_cast<double>(whole);
    double value = 0;
    std::from_chars(buffer, buffer + n, value);
    return value;
}

// A number word's value in `map` for token k; tokens the lexicon does not know as number
// words (nearly every token after a figure) are answered inline, without a call or hashing
// their text.
template <class Map>
OPTALLY_HOT_INLINE const double* find(const Map& map, const TokenizedText& t, std::size_t k, const LexiconData& d) {
    if (!(d.starts_of(t, k) & detail::is_number_word)) return nullptr;
    return find(map, t.low(k));
}

// Glued means no white space in between: "3½", "1.2m", "Ninety-nine".
bool glued(const TokenizedText& t, std::size_t i, std::size_t limit) {
    return i < limit && !t.tokens[i].space_before;
}

// "and a half", "and ½", "a half" at token i: the fraction and where it ends.
std::optional<std::pair<double, std::size_t>> fraction_at(const TokenizedText& t, std::size_t i, std::size_t limit,
                                                          const LexiconData& d) {
    if (i >= limit) return std::nullopt;
    if (t.tokens[i].kind == TokenKind::fraction)
        if (const double* f = find(d.fraction_chars, t.original(t.tokens[i]))) return std::pair{*f, i + 1};
    if (i + 1 < limit && (detail::token_is(t, i, "a") || detail::token_is(t, i, "one")))
        if (const double* f = find(d.fraction_words, t, i + 1, d)) return std::pair{*f, i + 2};
    return std::nullopt;
}

// A fraction joined by "and" ("two and a half", "2 and ½") or glued ("3½").
std::size_t add_fraction(const TokenizedText& t, std::size_t j, std::size_t limit, const LexiconData& d, double& value) {
    if (j < limit && t.tokens[j].kind == TokenKind::fraction && !t.tokens[j].space_before) {
        if (auto f = fraction_at(t, j, limit, d)) {
            value += f->first;
            return f->second;
        }
    }
    if (j < limit && detail::token_is(t, j, "and"))
        if (auto f = fraction_at(t, j + 1, limit, d)) {
            value += f->first;
            return f->second;
        }
    // "a six-and-a-half-year term": the same, hyphenated as one word.
    if (j + 5 < limit && t.tokens[j].kind == TokenKind::dash && glued(t, j, limit) && detail::token_is(t, j + 1, "and") &&
        glued(t, j + 1, limit) && t.tokens[j + 2].kind == TokenKind::dash && glued(t, j + 2, limit) &&
        (detail::token_is(t, j + 3, "a") || detail::token_is(t, j + 3, "one")) && glued(t, j + 3, limit) &&
        t.tokens[j + 4].kind == TokenKind::dash && glued(t, j + 4, limit) && glued(t, j + 5, limit))
        if (const double* f = find(d.fraction_words, t, j + 5, d)) {
            value += *f;
            return j + 6;
        }
    return j;
}

// "million" after a figure, or "m"/"bn" glued to digits.
std::size_t add_scale(const TokenizedText& t, std::size_t j, std::size_t limit, const LexiconData& d, double& value,
                      bool allow_glued) {
    if (j >= limit || t.tokens[j].kind != TokenKind::word) return j;
    // Most words after a figure are no number word: one test of the start bits for the three
    // look-ups below.
    if (!(d.starts_of(t, j) & detail::is_number_word)) return j;
    if (allow_glued && glued(t, j, limit))
        if (const double* m = find(d.multipliers, t, j, d)) {
            value = std::round(value * *m * 1000) / 1000;
            return j + 1;
        }
    if (const double* s = find(d.scales, t, j, d)) {
        value = std::round(value * *s * 1000) / 1000;
        return j + 1;
    }
    if (const double* s = find(d.dozens, t, j, d)) {
        value *= *s;
        return j + 1;
    }
    return j;
}

enum class Last { none, unit, tens, scale };

// Number words: "six hundred and sixty", "one million two hundred thousand", "ninety-nine".
std::optional<NumberSpan> words_at(const TokenizedText& t, std::size_t i, std::size_t limit, const LexiconData& d) {
    double total = 0, current = 0;
    Last last = Last::none;
    std::size_t k = i;
    bool any = false;
    // "a hundred", "a dozen", "a million": the article stands for one.
    if (detail::token_is(t, k, "a") || detail::token_is(t, k, "an")) {
        if (k + 1 >= limit) return std::nullopt;
        if (find(d.scales, t, k + 1, d) == nullptr && find(d.dozens, t, k + 1, d) == nullptr) return std::nullopt;
        current = 1;
        last = Last::unit;
        any = true;
        ++k;
    } else if (detail::token_is(t, k, "half") && k + 2 < limit && detail::token_is(t, k + 1, "a")) {
        // "half a dozen", "half a million"
        const double* s = find(d.dozens, t, k + 2, d);
        if (!s) s = find(d.scales, t, k + 2, d);
        if (!s) return std::nullopt;
        return NumberSpan{0.5 * *s, i, k + 3, true, false};
    }
    while (k < limit && t.tokens[k].kind == TokenKind::word) {
        if (const double* u = find(d.units, t, k, d)) {
            // "fifty three" joins; "ten twelve" and "fifty eleven" do not.
            if (last == Last::unit || (last == Last::tens && (*u >= 10 || *u == 0))) break;
            current += *u;
            last = Last::unit;
        } else if (const double* n = find(d.tens, t, k, d)) {
            if (last == Last::unit || last == Last::tens) break;
            current += *n;
            last = Last::tens;
            // "ninety-nine"
            if (k + 2 < limit && t.tokens[k + 1].kind == TokenKind::dash && glued(t, k + 1, limit) &&
                glued(t, k + 2, limit))
                if (const double* u2 = find(d.units, t, k + 2, d); u2 && *u2 > 0 && *u2 < 10) {
                    current += *u2;
                    last = Last::unit;
                    k += 2;
                }
        } else if (const double* s = find(d.scales, t, k, d)) {
            if (!any) break;
            if (last == Last::scale && current == 0) break;  // "thousand million": two figures
            if (*s < 1000) {
                current *= *s;
            } else {
                total += current * *s;
                current = 0;
            }
            last = Last::scale;
        } else if (const double* z = find(d.dozens, t, k, d)) {
            if (!any || last == Last::scale) break;
            current *= *z;
            last = Last::scale;
        } else if (any && detail::token_is(t, k, "and")) {
            // "six hundred and sixty" joins; "ten and twelve" does not.
            if (last == Last::scale && k + 1 < limit &&
                (find(d.units, t, k + 1, d) || find(d.tens, t, k + 1, d))) {
                ++k;
                continue;
            }
            break;
        } else {
            break;
        }
        any = true;
        ++k;
    }
    if (!any) return std::nullopt;
    double value = total + current;
    std::size_t end = add_fraction(t, k, limit, d, value);
    if (end != k) end = add_scale(t, end, limit, d, value, false);  // "two and a half million"
    return NumberSpan{value, i, end, true, false};
}

// No report states a figure beyond this; chained scale words ("one hundred hundred ...") or a
// run of digits can overflow to infinity, which no fact may carry.
constexpr double largest_figure = 1e15;

std::optional<NumberSpan> read_number(const TokenizedText& t, std::size_t i, std::size_t limit, const Lexicon& lexicon) {
    const LexiconData& d = lexicon.data();
    limit = std::min(limit, t.tokens.size());
    if (i >= limit) return std::nullopt;
    const Token& tok = t.tokens[i];
    if (tok.kind == TokenKind::number) {
        const bool scale_follows = i + 1 < limit && (find(d.scales, t, i + 1, d) || find(d.multipliers, t, i + 1, d));
        double value = digits_value(t.original(tok), scale_follows);
        std::size_t j = add_fraction(t, i + 1, limit, d, value);
        j = add_scale(t, j, limit, d, value, j == i + 1);
        return NumberSpan{value, i, j, false, false};
    }
    if (tok.kind == TokenKind::fraction) {
        if (auto f = fraction_at(t, i, limit, d)) return NumberSpan{f->first, i, f->second, false, false};
        return std::nullopt;
    }
    if (tok.kind != TokenKind::word) return std::nullopt;
    if (detail::has(d.vague_numbers, t, i)) return NumberSpan{0, i, i + 1, true, true};
    if (detail::token_is(t, i, "a"))
        if (auto f = fraction_at(t, i, limit, d)) return NumberSpan{f->first, i, f->second, true, false};  // "a half"
    return words_at(t, i, limit, d);
}

}  // namespace

std::optional<NumberSpan> parse_number(const TokenizedText& t, std::size_t i, std::size_t limit, const Lexicon& lexicon) {
    auto span = read_number(t, i, limit, lexicon);
    if (span && !(std::isfinite(span->value) && span->value <= largest_figure)) return std::nullopt;
    return span;
}

std::optional<double> parse_number(std::string_view text, const Lexicon& lexicon) {
    TokenizedText t = tokenize(text);
    if (t.tokens.empty()) return std::nullopt;
    auto span = parse_number(t, 0, t.tokens.size(), lexicon);
    if (!span || span->vague || span->last != t.tokens.size()) return std::nullopt;
    return span->value;
}

}  // namespace optally::extract
