// Finding the figures of a sentence and setting aside those that count nothing: ages,
// dates, years, times, phone numbers, money, percentages, references ("section 160").

#include <cmath>
#include <cstring>

#include "extract_internal.hpp"

namespace optally::extract::detail {

std::uint16_t TokenStarts::looked_up(const TokenizedText& t, const LexiconData& d, std::size_t i) {
    return d.starts_of(t, i);
}

bool SentenceView::is_boundary_mark(std::size_t i) const {
    const Token& tok = t.tokens[i];
    if (tok.kind == TokenKind::dash)  // a spaced dash sets off a clause; "48-hour" is one word
        return tok.space_before && (i + 1 >= t.tokens.size() || t.tokens[i + 1].space_before);
    if (tok.kind != TokenKind::punct) return false;
    // , ; : ( ) . ! ? | [ ] and the bullet "\u2022", told by size and bytes (no call to low()).
    const char* text = t.lower.data() + tok.begin;
    if (tok.size() == 1) {
        switch (text[0]) {
            case ',': case ';': case ':': case '(': case ')': case '.': case '!': case '?': case '|': case '[': case ']':
                return true;
            default:
                return false;
        }
    }
    return tok.size() == 3 && std::memcmp(text, "\u2022", 3) == 0;
}

PhraseSet::Match SentenceView::place_at(std::size_t i) const {
    if (!upper(i)) {
        // "in south Wales", "across north Wales": newspapers write the region with a small
        // letter and mean the area of South Wales Police.
        if (i + 1 < last && upper(i + 1) && has(d.compass, t, i))
            if (auto region = d.place_names.at(t, i, last); region && region.end > i + 1) return region;
        return {};
    }
    // read_context, police_of_place, find_names and the label and scope rules ask this of
    // the same capitalised words again and again: the first answer is kept per token.
    TokenizedText::Memo* memo = i < t.memo.size() ? &t.memo[i] : nullptr;
    if (memo && memo->generation == t.generation && memo->first == first && memo->last == last)
        return memo->end == 0 ? PhraseSet::Match{} : PhraseSet::Match{i, memo->end, memo->payload};
    return place_looked_up_at(i, memo);
}

PhraseSet::Match SentenceView::place_looked_up_at(std::size_t i, TokenizedText::Memo* memo) const {
    PhraseSet::Match found = d.place_names.at(t, i, last);
    // "Camden County", "Monmouth County", "Vancouver Island": a name the gazetteer knows with a
    // capitalised suffix after it is another place, written as the text writes it.
    if (!found || (found.end < last && upper(found.end) && has(d.place_suffixes, t, found.end))) {
        // Most words asked about are no place, and have no suffix in the three words after
        // them: local_place_at()'s first test, made here, spares them its call.
        const TokenStarts starts_of(t, d);
        bool suffix_near = false;
        for (std::size_t k = i + 1; k < last && k <= i + 3 && !suffix_near; ++k) suffix_near = starts_of(k) & is_place_suffix;
        if (suffix_near)
            if (auto written = local_place_at(i)) found = written;
    }
    // "an Ontario-wide probe", "a Europe-wide operation": the whole of the place, said of the
    // operation, limits no figure to it.
    if (found && found.end + 1 < last && t.tokens[found.end].kind == TokenKind::dash && !t.tokens[found.end].space_before &&
        token_is(t, found.end + 1, "wide"))
        found = {};
    if (memo) {
        // Token indexes and payloads fit 32 bits (tokens hold 32-bit offsets).
        *memo = {t.generation, static_cast<std::uint32_t>(first), static_cast<std::uint32_t>(last),
                 static_cast<std::uint32_t>(found.end), found.payload};
    }
    return found;
}

PhraseSet::Match SentenceView::local_place_at(std::size_t i) const {
    // place_at() asks this of every capitalised word the gazetteer does not know: a look at
    // the start masks of the next three words answers most at once.
    bool suffix_near = false;
    const TokenStarts starts_of(t, d);
    for (std::size_t k = i + 1; k < last && k <= i + 3 && !suffix_near; ++k)
        suffix_near = starts_of(k) & is_place_suffix;
    if (!suffix_near) return {};
    std::size_t k = i;
    while (k < last && k < i + 3 && t.tokens[k].kind == TokenKind::word && upper(k) && !has(d.place_suffixes, t, k) &&
           !has(d.function_words, t, k) && !has(d.operation_words, t, k))
        ++k;
    // The suffix may be lower case: "the Hunter region".
    if (k == i || k >= last || !has(d.place_suffixes, t, k)) return {};
    if (i > first && t.tokens[i - 1].kind == TokenKind::word && upper(i - 1) && !has(d.function_words, t, i - 1))
        return {};  // the middle of a longer name
    if (i >= (std::size_t{1} << 26)) return {};  // beyond what the payload can hold; no document is this long
    return {i, k + 1, written_place(i, k + 1)};
}

PhraseSet::Match SentenceView::label_place_at(std::size_t k, std::size_t* separator_at) const {
    // ":" or a spaced dash before a figure ("Blair County - 6"); a dash before words is a
    // dateline ("DENVER - A man was ...").
    auto separator = [&](std::size_t j) {
        if (j >= last) return false;
        if (token_is(t, j, ":") || token_is(t, j, "|")) return true;  // "|": a table's cells (html.cpp)
        // "New South Wales – eight": a number in words too.
        return t.tokens[j].kind == TokenKind::dash && t.tokens[j].space_before && j + 1 < last &&
               (is_figure_token(j + 1) || (d.starts_of(t, j + 1) & is_number_word));
    };
    auto found = [&](PhraseSet::Match place, std::size_t sep) {
        if (separator_at) *separator_at = sep;
        return place;
    };
    if (k >= last) return {};
    // "Unit Limburg: 3 arrests", "Region Skåne: 6": the place after the word for the unit.
    if (k + 1 < last && upper(k) && upper(k + 1) && has(d.label_prefixes, t, k))
        if (auto p = place_at(k + 1); p && separator(p.end)) return found(p, p.end);
    if (const auto p = place_at(k)) {
        if (separator(p.end) || (separator_at && p.end < last && is_figure_token(p.end))) return found(p, p.end);
        // "Jefferson County (Louisville) - 9": the place, then a town in brackets.
        if (p.end + 2 < last && token_is(t, p.end, "(")) {
            std::size_t close = p.end + 1;
            while (close < last && close < p.end + 8 && !token_is(t, close, ")")) ++close;
            if (close < last && token_is(t, close, ")") && separator(close + 1)) return found(p, close + 1);
        }
        // "Essex Police - 15 arrests": the place of the force the line names.
        if (auto police = d.police_nouns.at(t, p.end, last); police && separator(police.end)) return found(p, police.end);
    }
    std::size_t end = k;
    while (end < last && end < k + 4 && t.tokens[end].kind == TokenKind::word && upper(end) && !has(d.function_words, t, end)) ++end;
    if (end == k || k >= (std::size_t{1} << 26)) return {};
    // "Metro Manila (NCR): 6", "Angeles City, Pampanga: 4": the first name is the place.
    std::size_t sep = end;
    if (sep < last && token_is(t, sep, "(")) {
        while (sep < last && sep < end + 10 && !token_is(t, sep, ")")) ++sep;
        ++sep;
    } else if (sep < last && token_is(t, sep, ",")) {
        ++sep;
        while (sep < last && sep < end + 4 && t.tokens[sep].kind == TokenKind::word && upper(sep)) ++sep;
    }
    // Words the gazetteer does not know name a place only before a colon, or a dash before a
    // figure ("Northern Adelaide – 9 arrests"): "Mark Young - received 3 years" lists people.
    if (sep >= last || (!token_is(t, sep, ":") && !token_is(t, sep, "|") && !separator(sep))) return {};
    // "Total: 40", "Arrests: 12", "John Smith: ...", "Operation Kahurangi: 31 charged", "NCA: ...".
    if (names_no_place(k, end, true)) return {};
    return found({k, end, written_place(k, end)}, sep);
}

PhraseSet::Match SentenceView::place_match_ending_at(std::size_t end, std::size_t reach, bool local) const {
    // The longest name wins: "Greater Manchester", not "Manchester"; "New South Wales".
    PhraseSet::Match found;
    for (std::size_t j = end; j > first && end - j < reach; --j) {
        if (auto p = place_at(j - 1); p && p.end == end) found = p;
        else if (local)
            if (auto p = local_place_at(j - 1); p && p.end == end) found = p;
    }
    return found;
}

std::optional<int> SentenceView::place_ending_at(std::size_t end, std::size_t reach, bool local) const {
    if (auto p = place_match_ending_at(end, reach, local)) return p.payload;
    return std::nullopt;
}

bool SentenceView::names_no_place(std::size_t k, std::size_t end, bool agencies) const {
    if (has(d.first_names, t, k)) return true;
    for (std::size_t w = k; w < end; ++w)
        if (d.nouns.at(t, w, end) || d.verbs.at(t, w, end) || has(d.not_labels, t, w) || has(d.operation_words, t, w) ||
            (agencies && agency_at(w)))
            return true;
    return false;
}

std::optional<int> SentenceView::written_place_ending_at(std::size_t end) const {
    std::size_t k = end;
    while (k > first && end - k < 3 && t.tokens[k - 1].kind == TokenKind::word && upper(k - 1) &&
           !has(d.function_words, t, k - 1))
        --k;
    if (k == end || (k > first && upper(k - 1)) || k >= (std::size_t{1} << 26)) return std::nullopt;
    if (names_no_place(k, end, false)) return std::nullopt;
    return written_place(k, end);
}

std::string_view place_name(const LexiconData& d, const TokenizedText& t, int payload) {
    if (payload < local_place_base) return d.places[static_cast<std::size_t>(payload)].name;
    const auto [first, last] = written_place_tokens(payload);
    return t.text.substr(t.tokens[first].begin, t.tokens[last - 1].end - t.tokens[first].begin);
}

PhraseSet::Match SentenceView::agency_at(std::size_t i) const {
    if (!upper(i)) return {};
    return d.agency_names.at(t, i, last);
}

bool contains_phrase(const SentenceView& s, const PhraseSet& set, std::size_t from, std::size_t to) {
    // Most tokens start no phrase of the set: their word ids tell, without a call per token
    // (set.at() would answer those with the same id look-up).
    if (const int* ids = s.t.ids.empty() ? nullptr : s.t.ids.data()) {
        for (std::size_t j = set.next_start(ids, from, to); j < to; j = set.next_start(ids, j + 1, to))
            if (set.at(s.t, j, to)) return true;
        return false;
    }
    for (std::size_t j = from; j < to; ++j)
        if (set.at(s.t, j, to)) return true;
    return false;
}

namespace {

bool glued(const SentenceView& s, std::size_t i) { return i < s.last && !s.t.tokens[i].space_before; }

bool is_digits(const SentenceView& s, std::size_t i) {
    return i < s.last && s.t.tokens[i].kind == TokenKind::number;
}

// Asked three or four times of every figure: inlined, as its call cost more than its tests.
OPTALLY_HOT_INLINE bool is_month(const SentenceView& s, std::size_t i) {
    if (i < s.first || i >= s.last || !s.upper(i)) return false;
    return has(s.d.month_words, s.t, i);  // the keys of months, by id
}

bool looks_like_year(const SentenceView& s, const NumberSpan& n) {
    if (n.in_words || n.last != n.first + 1) return false;
    std::string_view text = s.t.original(s.t.tokens[n.first]);
    return text.size() == 4 && n.value >= 1900 && n.value <= 2100;
}

// The noun after a figure names something countable ("2000 officers"), so it is no year.
bool counted_noun_follows(const SentenceView& s, std::size_t e) {
    auto m = s.d.nouns.at(s.t, e, s.last);
    if (!m) return false;
    const NounCue& cue = s.d.noun_cues[static_cast<std::size_t>(m.payload)];
    return cue.metric >= 0 || cue.klass != no_class;
}

bool not_a_figure(const SentenceView& s, const Figure& f) {
    const auto& t = s.t;
    const auto& d = s.d;
    const NumberSpan& n = f.number;
    std::size_t i = n.first, e = n.last;
    if (n.vague) return true;
    if (is_digits(s, i) && e == i + 1) {
        std::string_view text = t.original(t.tokens[i]);
        if (text.size() >= 2 && text[0] == '0' && text.find('.') == std::string_view::npos) return true;  // 0800 1111
        // "24/7", "16/06/2012", "10:30", "1-800-843-5678"
        if (glued(s, e) && e + 1 < s.last && glued(s, e + 1) && is_digits(s, e + 1)) {
            std::string_view sep = t.low(e);
            if (sep == "/" || sep == ":" || sep == ".") return true;
            if (t.tokens[e].kind == TokenKind::dash && e + 3 < s.last && glued(s, e + 2) &&
                t.tokens[e + 2].kind == TokenKind::dash && is_digits(s, e + 3))
                return true;
        }
        if (i > s.first + 1 && glued(s, i) && (token_is(t, i - 1, "/") || token_is(t, i - 1, ":")) && is_digits(s, i - 2))
            return true;
        if (e < s.last && is_digits(s, e) && !t.tokens[e].newlines_before && text.size() >= 3 &&
            text.find(',') == std::string_view::npos)
            return true;  // digit groups of a phone number
        if (looks_like_year(s, n) && !counted_noun_follows(s, e)) return true;
        if (i > s.first && glued(s, i) && t.tokens[i - 1].kind == TokenKind::word) return true;  // "COVID19"
        if (i > s.first && glued(s, i) && (token_is(t, i - 1, "#") || token_is(t, i - 1, "\u00A7"))) return true;
        if (glued(s, e) && (token_is(t, e, "s") || has(d.ordinal_suffixes, t, e))) return true;  // "1990s", "13th"
    }
    std::size_t before = f.qualifier_begin;
    // Most figures are followed by none of these: one start bit tells, instead of five look-ups.
    if (e < s.last && (d.starts_of(t, e) & starts_figure_kind) &&
        (d.percent_after.at(t, e, s.last) || d.currency_after.at(t, e, s.last) || d.time_after.at(t, e, s.last) ||
         d.age_after.at(t, e, s.last) || d.reference_after.at(t, e, s.last)))
        return true;
    // (An age's cue may hold the qualifier: "are under 25".)
    // Most words before a figure end none of these: one end bit tells, instead of four look-ups.
    auto may_end_at = [&](std::size_t end) { return end > 0 && (d.starts_of(t, end - 1) & ends_figure_kind); };
    if ((may_end_at(i) && (d.currency_before.ending_at(t, i, s.first) ||
                           (before < i && d.age_before.ending_at(t, i, s.first)))) ||
        (may_end_at(before) &&
         (d.age_before.ending_at(t, before, s.first) || d.reference_before.ending_at(t, before, s.first))))
        return true;
    // Dates: "June 12", "12 June", "Tuesday 12", "Dec. 12", "12 of June".
    if (is_month(s, e) || (e + 1 < s.last && token_is(t, e, "of") && is_month(s, e + 1))) return true;
    // Days are written in digits: "In May eleven men were held", "arrested in October, five"
    // count people.
    if (i > s.first && !n.in_words) {
        std::size_t p = i - 1;
        if (token_is(t, p, ".") && p > s.first) --p;
        if (token_is(t, p, ",") && p > s.first && is_month(s, p - 1)) return true;
        if (is_month(s, p) || (s.upper(p) && has(d.weekdays, t, p))) return true;
    }
    // "one of those arrested", "one of the most complex investigations", "every one of these
    // images": one of a group, not a count of one.
    // ("One of those arrested is a registered sex offender" counts one registered offender.)
    if (n.in_words && n.value == 1 && e + 1 < s.last && token_is(t, e, "of")) {
        bool register_named = false;
        for (std::size_t k = e + 1; k < s.last && !register_named; ++k)
            register_named = token_is(t, k, "registered") || token_is(t, k, "register");
        if (!register_named) return true;
    }
    // Ratios: "one in four", "3 out of 4".
    if (e + 1 < s.last && token_is(t, e, "in") && s.is_figure_token(e + 1)) return true;
    if (e + 1 < s.last && token_is(t, e, "in") && (d.starts_of(t, e + 1) & is_number_word) &&
        (d.units.count(t.low(e + 1)) || d.tens.count(t.low(e + 1)))) return true;
    if (e + 2 < s.last && token_is(t, e, "out") && token_is(t, e + 1, "of")) return true;
    // "The youngest person arrested was 17, and the oldest 68": the age of the youngest.
    if (i > s.first && n.value < 120 && (token_is(t, i - 1, "was") || token_is(t, i - 1, "is") || has(d.age_superlatives, t, i - 1)))
        for (std::size_t k = i; k > s.first && i - k < 8; --k)
            if (has(d.age_superlatives, t, k - 1)) return true;
    // An age set off after a name: "John Smith, 43, of Leeds", "Smith (43)".
    if (!n.in_words && i > s.first + 1 && e < s.last) {
        bool set_off = (token_is(t, i - 1, ",") && token_is(t, e, ",")) || (token_is(t, i - 1, "(") && token_is(t, e, ")"));
        // The look-ups of places, asked only of a small whole figure set off after a
        // capitalised word (most figures are not set off: that test comes first).
        if (set_off && n.value < 120 && n.value == std::floor(n.value) &&
            (s.upper(i - 2) || t.tokens[i - 2].kind == TokenKind::possessive)) {
            // ...but "Polizeipräsidium Stuttgart (17)" is a place's count.
            bool after_place = s.place_ending_at(i - 1, 4).has_value();
            if (auto police = d.police_nouns.ending_at(t, i - 1, s.first); !after_place && police && police.begin > s.first)
                after_place = s.place_ending_at(police.begin, 4).has_value();  // "West Midlands Police (21)"
            if (!after_place) return true;
        }
    }
    return false;
}

// The first token of [from, to) that may start a figure (a number, a fraction or a word
// that starts a number: "six", "a", "dozens"), or `to`; the start bits of the tokens passed
// and of the one found are or-ed into `seen`. Its tables are read into locals at each call,
// so that the loop, which makes no call, holds them in registers (read_figures() calls out
// between figures, and a scan over its own locals had them spilled and reloaded at every
// token); inlined, as a call per figure cost more than the loop on dense text.
OPTALLY_HOT_INLINE std::size_t next_figure_start(const TokenizedText& t, const LexiconData& d, std::size_t from,
                                                std::size_t to, std::uint16_t& seen) {
    const Token* tokens = t.tokens.data();
    std::uint16_t bits = 0;
    if (t.ids.empty()) {
        for (; from < to; ++from) {
            const std::uint16_t starts = d.starts_of(t, from);
            bits |= starts;
            const TokenKind kind = tokens[from].kind;
            if (kind == TokenKind::word ? (starts & starts_number) != 0 : kind == TokenKind::number || kind == TokenKind::fraction)
                break;
        }
    } else {
        const int* ids = t.ids.data();
        const std::uint16_t* by_id = d.starts.data();
        const std::size_t known = d.starts.size();
        static_assert(static_cast<unsigned>(TokenKind::word) == 0 && static_cast<unsigned>(TokenKind::number) == 1 &&
                      static_cast<unsigned>(TokenKind::fraction) == 2);
        // Pointers, not indexes: an index into the tokens cost a copy and a shift per token.
        const Token* token = tokens + from;
        const int* id_at = ids + from;
        for (const int* end = ids + to; id_at != end; ++id_at, ++token) {
            // A word no phrase uses has id -1, which converts to more than any known id.
            const auto id = static_cast<std::size_t>(*id_at);
            const std::uint16_t starts = id < known ? by_id[id] : 0;
            bits |= starts;
            // A word that starts a number, or a number or a fraction (kinds 1 and 2): tested
            // together, one branch per token.
            const unsigned kind = static_cast<unsigned>(token->kind);
            if ((kind == 0 && (starts & starts_number)) | (kind - 1 < 2)) break;
        }
        from = static_cast<std::size_t>(id_at - ids);
    }
    seen |= bits;
    return from;
}

}  // namespace

std::uint16_t read_figures(const SentenceView& s, const Lexicon& lexicon, std::vector<Figure>& figures) {
    const auto& t = s.t;
    const auto& d = s.d;
    figures.clear();
    // Every token of every sentence passes here and few may start a figure: a number, a
    // fraction or a word that starts a number ("six", "a", "dozens"). The scan to the next
    // of those makes no call. It reads the start bits of every token, and hands them back
    // or-ed: the caller's look-ups that need a word no token starts (a unit of time, most
    // sentences) are answered without a scan of their own.
    const TokenStarts starts_of(t, d);
    std::uint16_t seen = 0;
    for (std::size_t i = s.first; i < s.last;) {
        i = next_figure_start(t, d, i, s.last, seen);
        if (i == s.last) break;
        // "a" and "an", nearly every word found, start a figure only before a number word ("a
        // dozen", "a half", "an eighth"): without one, parse_number() would read no figure.
        if (t.tokens[i].size() <= 2 && (token_is(t, i, "a") || token_is(t, i, "an")) &&
            !(i + 1 < s.last && (starts_of(i + 1) & is_number_word)) && !has(d.vague_numbers, t, i)) {
            ++i;
            continue;
        }
        std::optional<NumberSpan> span = parse_number(t, i, s.last, lexicon);
        if (!span) {
            ++i;
            continue;
        }
        Figure f;
        f.number = *span;
        f.qualifier_begin = span->first;
        f.cue_begin = span->last;
        if (auto q = d.qualifiers.ending_at(t, span->first, s.first)) {
            f.qualifier = static_cast<Qualifier>(q.payload);
            f.qualifier_begin = q.begin;
            f.qualifier_is_preposition = q.end == q.begin + 1 && has(d.duration_prepositions, t, q.begin);
        }
        if (auto q = d.postfix_qualifiers.at(t, span->last, s.last)) {
            if (f.qualifier == Qualifier::exact) f.qualifier = static_cast<Qualifier>(q.payload);
            f.cue_begin = q.end;
        }
        figures.push_back(f);
        // The words of the figure after its first ("hundred", "million") are passed over.
        for (std::size_t k = i + 1; k < span->last; ++k) seen |= starts_of(k);
        i = span->last;
    }
    for (std::size_t k = 0; k < figures.size(); ++k) {
        Figure& f = figures[k];
        f.excluded = not_a_figure(s, f);
        if (k == 0) continue;
        Figure& prev = figures[k - 1];
        // The digit groups of a phone number after its excluded head.
        if (prev.excluded && is_digits(s, prev.number.first) && is_digits(s, f.number.first) &&
            f.number.first == prev.number.last)
            f.excluded = true;
        // "one in four": the second figure goes with the first.
        if (prev.number.last + 1 == f.number.first && token_is(t, prev.number.last, "in") && prev.excluded)
            f.excluded = true;
    }
    // Ranges: "between 10 and 12", "10 to 12", "10-12", "from 2 and ½ to 5 years".
    for (std::size_t k = 0; k + 1 < figures.size(); ++k) {
        Figure& a = figures[k];
        Figure& b = figures[k + 1];
        if (a.number.vague || b.number.vague) continue;
        std::size_t gap = a.cue_begin;
        if (gap + 1 != b.qualifier_begin) continue;
        bool between = a.qualifier_begin > s.first && token_is(t, a.qualifier_begin - 1, "between");
        bool joins = token_is(t, gap, "to") || t.tokens[gap].kind == TokenKind::dash || (token_is(t, gap, "and") && between);
        if (!joins) continue;
        if (a.excluded || b.excluded) {
            a.excluded = b.excluded = true;
            continue;
        }
        a.range_with = static_cast<int>(k + 1);
        b.range_upper = true;
        if (a.qualifier == Qualifier::exact) a.qualifier = Qualifier::at_least;
        if (b.qualifier == Qualifier::exact) b.qualifier = Qualifier::up_to;
    }
    return seen;
}

}  // namespace optally::extract::detail
