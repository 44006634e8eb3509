// The document's own date: a dateline or publication line near the top ("Published
// 16 June 2012", "December 16, 2022", "2012-06-16", "16/06/2012").

#include <algorithm>

#include "extract_internal.hpp"

namespace optally::extract::detail {

namespace {

int digits_at(const TokenizedText& t, std::size_t i, std::size_t last, std::size_t width = 0) {
    if (i >= last || t.tokens[i].kind != TokenKind::number) return -1;
    std::string_view s = t.original(t.tokens[i]);
    if (width && s.size() != width) return -1;
    if (s.size() > 9) return -1;  // no day, month or year is this long, and ten digits overflow an int
    int v = 0;
    for (char c : s) {
        if (c < '0' || c > '9') return -1;
        v = v * 10 + (c - '0');
    }
    return v;
}

std::string iso(int year, int month, int day) {
    if (year < 1900 || year > 2100 || month < 1 || month > 12 || day < 1 || day > 31) return {};
    // yyyy-mm-dd, written digit by digit: snprintf cost some 1,600 instructions a date.
    auto digit = [](int value) { return static_cast<char>('0' + value % 10); };
    return {digit(year / 1000), digit(year / 100), digit(year / 10), digit(year), '-', digit(month / 10), digit(month),
            '-', digit(day / 10), digit(day)};
}

// A full date starting at token i, with the token after it.
std::string date_at(const SentenceView& s, std::size_t i, std::size_t& end) {
    const auto& t = s.t;
    auto month_at = [&](std::size_t k) -> int {
        // Month names by word id first: most capitalised words are none, and need no hashing.
        if (k >= s.last || !s.upper(k) || !has(s.d.month_words, t, k)) return 0;
        auto found = s.d.months.find(t.low(k));
        return found == s.d.months.end() ? 0 : found->second;
    };
    auto skip = [&](std::size_t k, std::string_view what) { return k < s.last && t.low(k) == what ? k + 1 : k; };
    auto ordinal = [&](std::size_t k) {
        return k < s.last && !t.tokens[k].space_before && has(s.d.ordinal_suffixes, t, k) ? k + 1 : k;
    };
    // 2012-06-16 and 16/06/2012
    if (int y = digits_at(t, i, s.last, 4); y > 0 && i + 4 < s.last && t.tokens[i + 1].kind == TokenKind::dash) {
        int m = digits_at(t, i + 2, s.last, 2), d = digits_at(t, i + 4, s.last, 2);
        end = i + 5;
        if (m > 0 && d > 0) return iso(y, m, d);
    }
    if (int d = digits_at(t, i, s.last); d > 0 && i + 4 < s.last && token_is(t, i + 1, "/") && token_is(t, i + 3, "/")) {
        int m = digits_at(t, i + 2, s.last), y = digits_at(t, i + 4, s.last, 4);
        end = i + 5;
        if (m > 12 && d <= 12) std::swap(m, d);  // 06/16/2012 written the US way
        return iso(y, m, d);
    }
    // 16 June 2012, 16th of June, 2012
    if (int d = digits_at(t, i, s.last); d > 0 && d <= 31) {
        std::size_t k = skip(ordinal(i + 1), "of");
        if (int m = month_at(k)) {
            k = skip(skip(k + 1, "."), ",");
            if (int y = digits_at(t, k, s.last, 4); y > 0) {
                end = k + 1;
                return iso(y, m, d);
            }
        }
    }
    // June 16, 2012
    if (int m = month_at(i)) {
        std::size_t k = skip(i + 1, ".");
        if (int d = digits_at(t, k, s.last); d > 0 && d <= 31) {
            k = skip(ordinal(k + 1), ",");
            if (int y = digits_at(t, k, s.last, 4); y > 0) {
                end = k + 1;
                return iso(y, m, d);
            }
        }
    }
    return {};
}

}  // namespace

std::string document_date(const TokenizedText& t, const std::vector<Sentence>& sentences, const LexiconData& d) {
    for (std::size_t n = 0; n < sentences.size() && n < 12 && sentences[n].begin < 2000; ++n) {
        SentenceView s{t, d, sentences[n].first, sentences[n].last};
        bool cue = s.first < s.last && d.publication_cues.at(t, s.first, s.last);
        bool short_line = s.last - s.first <= 16;
        // A dateline opens one of the first lines: "ORILLIA, ON, Feb. 8, 2023 /CNW/ - Ontario ...".
        bool dateline = n < 3;
        if (!cue && !short_line && !dateline) continue;
        std::size_t last = cue || short_line ? s.last : std::min(s.last, s.first + 12);
        for (std::size_t i = s.first; i < last; ++i) {
            // Every date starts with digits or the capitalised name of a month.
            if (t.tokens[i].kind != TokenKind::number && !t.tokens[i].upper) continue;
            std::size_t end = i;
            std::string date = date_at(s, i, end);
            if (!date.empty()) return date;
        }
    }
    return {};
}

}  // namespace optally::extract::detail
