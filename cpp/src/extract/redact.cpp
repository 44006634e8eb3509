// Offenders' names never leave the extractor unless asked for: person names in evidence
// are found from titles ("Det Supt", "Mr"), given names ("Kate Fisher") and surnames
// already seen in full, never from places, agencies or operation names.

#include "extract_internal.hpp"

namespace optally::extract::detail {

namespace {

bool name_word(const SentenceView& s, std::size_t k) {
    if (k >= s.last || s.t.tokens[k].kind != TokenKind::word || !s.upper(k)) return false;
    return !has(s.d.not_names, s.t, k) && !has(s.d.titles, s.t, k) && !has(s.d.function_words, s.t, k) && !s.place_at(k) &&
           !s.agency_at(k) && !has(s.d.month_words, s.t, k) && !has(s.d.weekdays, s.t, k);
}

// Surname parts after the first: "Lekkerkerker", "Smith-Jones", "O'Neill".
std::size_t name_end(const SentenceView& s, std::size_t k, std::size_t most) {
    std::size_t words = 0;
    while (words < most && name_word(s, k)) {
        ++k;
        ++words;
        if (k + 1 < s.last && s.t.tokens[k].kind == TokenKind::dash && !s.t.tokens[k].space_before &&
            !s.t.tokens[k + 1].space_before && name_word(s, k + 1))
            k += 2;
    }
    return k;
}

}  // namespace

std::vector<NameSpan> find_names(const SentenceView& s, const Surnames* known, Surnames* learned) {
    const auto& t = s.t;
    const auto& d = s.d;
    std::vector<NameSpan> names;
    auto add = [&](std::size_t first, std::size_t last) {
        names.push_back({first, last});
        if (learned) learned->insert(std::string(t.low(last - 1)));
    };
    for (std::size_t j = s.first; j < s.last; ++j) {
        if (t.tokens[j].kind != TokenKind::word || !s.upper(j)) continue;
        std::string_view w = t.low(j);
        if (auto p = s.place_at(j)) {
            j = p.end - 1;
            continue;
        }
        if (auto a = s.agency_at(j)) {
            j = a.end - 1;
            continue;
        }
        if (has(d.operation_words, w)) {  // "Operation Lexus" names no one
            while (j + 1 < s.last && s.upper(j + 1) && t.tokens[j + 1].kind == TokenKind::word) ++j;
            continue;
        }
        if (has(d.titles, t, j)) {
            std::size_t k = j;
            while (k < s.last && ((has(d.titles, t, k) && s.upper(k)) || t.low(k) == ".")) ++k;
            std::size_t m = name_end(s, k, 3);
            if (m > k) add(k, m);
            j = (m > k ? m : k) - 1;
            continue;
        }
        if (has(d.first_names, t, j) && name_word(s, j + 1)) {
            std::size_t m = name_end(s, j + 1, 2);
            add(j, m);
            j = m - 1;
            continue;
        }
        if (known && name_word(s, j) && known->count(std::string(w))) {
            add(j, j + 1);
            continue;
        }
        // "Firstname Lastname – received ...": a line that opens with a name and a dash.
        if (j == s.first && name_word(s, j) && name_word(s, j + 1) && j + 2 < s.last &&
            t.tokens[j + 2].kind == TokenKind::dash && t.tokens[j + 2].space_before) {
            add(j, j + 2);
            j += 1;
            continue;
        }
        // "said Firstname Lastname" / "Firstname Lastname said"
        bool said_before = j > s.first && has(d.speech_verbs, t, j - 1);
        bool said_after = j + 2 < s.last && has(d.speech_verbs, t, j + 2);
        if ((said_before || said_after) && name_word(s, j) && name_word(s, j + 1)) {
            add(j, j + 2);
            j += 1;
        }
    }
    return names;
}

}  // namespace optally::extract::detail
