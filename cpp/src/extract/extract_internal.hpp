#pragma once
// What the pieces of the extractor hand each other: the figures of one sentence, the
// facts read from them before scopes and operations are settled, and the document-wide
// context (places, agencies, operations) that settles them.

#include <cstring>
#include <forward_list>
#include <optional>
#include <string>
#include <vector>

#include "lexicon_data.hpp"
#include "optally/extract/numbers.hpp"
#include "optally/extract/text.hpp"

namespace optally::extract::detail {

// One figure of a sentence with what surrounds it.
struct Figure {
    NumberSpan number;
    std::size_t qualifier_begin = 0;  // first token of a leading qualifier (== number.first if none)
    Qualifier qualifier = Qualifier::exact;
    bool qualifier_is_preposition = false;  // "over", "under": not a qualifier before a span of time
    std::size_t cue_begin = 0;              // first token after the figure and a trailing qualifier
    bool excluded = false;                  // an age, a date, a phone number...: no fact
    int range_with = -1;                    // index of the upper figure of "between A and B"
    bool range_upper = false;
};

// A fact read from one figure, before scope, operation and agency are settled.
struct RawFact {
    int metric = -1;
    double value = 0;
    Unit unit = Unit::none;
    Qualifier qualifier = Qualifier::exact;
    std::size_t figure_first = 0;  // tokens of the figure (with its qualifier)
    std::size_t figure_last = 0;
    std::size_t cue_end = 0;       // first token after the words that named the metric
    std::size_t sentence = 0;
    std::optional<int> place;      // a place named for this very figure ("nine in Rutland")
    bool needs_companion = false;  // "in two days": a duration only beside another count
};

// LexiconData::starts_of() for scans over many tokens: the vectors it reads are read once,
// when the reader is made, instead of once per token (a scan that calls out between tokens
// made the compiler load them again each time).
class TokenStarts {
public:
    TokenStarts(const TokenizedText& t, const LexiconData& d)
        : t_(t), d_(d), ids_(t.ids.empty() ? nullptr : t.ids.data()), by_id_(d.starts.data()), known_(d.starts.size()) {}
    std::uint16_t operator()(std::size_t i) const {
        // The extractor gives every token its id (assign_ids) before any scan.
        if (!ids_) return looked_up(t_, d_, i);
        // A word no phrase uses has id -1, which converts to more than any known id.
        const auto id = static_cast<std::size_t>(ids_[i]);
        return id < known_ ? by_id_[id] : 0;
    }
    // The first token of [from, to) whose start bits meet `wanted`, or `to`; the bits of the
    // tokens passed (and of the one found) are or-ed into `seen`. A loop with no call in it,
    // its tables in registers: a scan that makes look-ups between the tokens it stops at
    // had them spilled, and reloaded three of them at every token.
    std::size_t next(std::size_t from, std::size_t to, std::uint16_t wanted, std::uint16_t& seen) const {
        std::uint16_t bits = 0;
        if (!ids_) {
            for (; from < to; ++from) {
                const std::uint16_t starts = looked_up(t_, d_, from);
                bits |= starts;
                if (starts & wanted) break;
            }
        } else {
            const int* ids = ids_;
            const std::uint16_t* by_id = by_id_;
            const std::size_t known = known_;
            for (; from < to; ++from) {
                const auto id = static_cast<std::size_t>(ids[from]);
                const std::uint16_t starts = id < known ? by_id[id] : 0;
                bits |= starts;
                if (starts & wanted) break;
            }
        }
        seen |= bits;
        return from;
    }

private:
    // d.starts_of(), for text without ids. Static, so that a scan's reader stays in registers.
    static std::uint16_t looked_up(const TokenizedText& t, const LexiconData& d, std::size_t i);
    const TokenizedText& t_;
    const LexiconData& d_;
    const int* ids_;
    const std::uint16_t* by_id_;
    std::size_t known_;
};

// Whether token i reads `word` (lower case): t.low(i) == word, with the sizes compared first and
// no call (low() is not inlined, and most tokens a rule asks about have another size).
inline bool token_is(const TokenizedText& t, std::size_t i, std::string_view word) {
    const Token& tok = t.tokens[i];
    return tok.size() == word.size() && std::memcmp(t.lower.data() + tok.begin, word.data(), word.size()) == 0;
}

// The first token of [from, to) whose word `set` holds, or `to`: the word ids are read
// straight from the tokens, in a loop with no call between tokens.
inline std::size_t next_in(const WordSet& set, const TokenizedText& t, std::size_t from, std::size_t to) {
    if (t.ids.empty()) {
        while (from < to && !set.contains(t, from)) ++from;
        return from;
    }
    const int* ids = t.ids.data();
    while (from < to && !set.contains(ids[from])) ++from;
    return from;
}

// The text reader shared by the passes: tokens, lexicon and the bounds of one sentence.
struct SentenceView {
    const TokenizedText& t;
    const LexiconData& d;
    std::size_t first;
    std::size_t last;

    // , ; : ( ) . ! ? and a spaced dash. Scans ask this token after token: a word is
    // answered here, without a call.
    bool is_boundary(std::size_t i) const {
        const TokenKind kind = t.tokens[i].kind;
        return (kind == TokenKind::dash || kind == TokenKind::punct) && is_boundary_mark(i);
    }
    bool is_boundary_mark(std::size_t i) const;  // is_boundary() of a dash or a punctuation mark
    // A capital first letter; "PSNI" and "HOUSTON" have one too.
    bool upper(std::size_t i) const { return i < t.tokens.size() && t.tokens[i].upper; }
    bool is_figure_token(std::size_t i) const {
        return t.tokens[i].kind == TokenKind::number || t.tokens[i].kind == TokenKind::fraction;
    }
    // A place or agency name at token i (which must be capitalised), or no match.
    PhraseSet::Match place_at(std::size_t i) const;
    // place_at() when its memo has no answer (a call of its own: most questions find one
    // there, and need not pay for what the look-up keeps in registers).
    PhraseSet::Match place_looked_up_at(std::size_t i, TokenizedText::Memo* memo) const;
    // "Milwaukee County", "St Tammany Parish": a place the gazetteer need not list, of up to three
    // capitalised words before a suffix word. Its payload is local_place_base and more (see written_place).
    PhraseSet::Match local_place_at(std::size_t i) const;
    PhraseSet::Match agency_at(std::size_t i) const;
    // The place a list line opens with, before ":" or a spaced dash: "Kent: 12", "Westmoreland
    // County - 9", "Metro Manila (NCR): 6 arrested" (capitalised words the gazetteer need not
    // know). With `separator_at`, also a place right before a figure ("New South Wales 14"),
    // and where the separator (or that figure) is.
    PhraseSet::Match label_place_at(std::size_t k, std::size_t* separator_at = nullptr) const;
    // Up to three capitalised words ending at `end` that the gazetteer does not list, as a place
    // written in the text ("Minas Gerais"), when no capitalised word comes before them.
    std::optional<int> written_place_ending_at(std::size_t end) const;
    // A place whose last word is just before `end`, starting at most `reach` words back; with
    // `local`, also a local place that a gazetteer name inside it hides ("the Paris region").
    std::optional<int> place_ending_at(std::size_t end, std::size_t reach, bool local = false) const;
    PhraseSet::Match place_match_ending_at(std::size_t end, std::size_t reach, bool local = false) const;  // and where it starts
    // Whether capitalised words [k, end) name something other than a place: a person by a given
    // name, a metric ("Arrests"), a label ("Total", "Monday"), an operation, an agency if asked.
    bool names_no_place(std::size_t k, std::size_t end, bool agencies) const;
};

// figures.cpp: every figure of the sentence, with exclusions, qualifiers and ranges marked,
// into `figures` (cleared first: the extractor reuses one vector for every sentence).
// Returns the start bits (StartBits) of all the sentence's tokens, or-ed.
std::uint16_t read_figures(const SentenceView& s, const Lexicon& lexicon, std::vector<Figure>& figures);
bool contains_phrase(const SentenceView& s, const PhraseSet& set, std::size_t from, std::size_t to);

// metrics.cpp: the facts the figures of one sentence state.
// What the sentences before tell a sentence's figures: the metric the heading of the list it
// is a line of names ("Arrests by area:" before "- Bristol: 24"), and the metric of the last
// count of people ("16 men were arrested. Nine of them were from Marion County").
struct ReadBefore {
    int heading_metric = -1;
    int people_metric = -1;
    // The metric of each column of the table whose rows follow ("Borough | Warrants executed |
    // Arrests"), -1 for a column of labels; empty outside a table.
    std::vector<int> columns;
    // The counts read so far in the document, value and metric, the latest last: "Of the 56
    // locations, eight were in Maharashtra" breaks down the 56 searches said before.
    std::vector<std::pair<double, int>> counts;
};
// The metrics a table's header row names per column, or nothing when the sentence is none.
std::vector<int> table_columns(const SentenceView& s);
// A table laid out with spaces: two or more spaces (or a tab) between token k and the one
// before it on the same line part two cells ("Allegheny      24      37").
inline bool cell_gap_before(const TokenizedText& t, std::size_t k) {
    if (k == 0 || t.tokens[k].newlines_before > 0) return false;
    const std::size_t begin = t.tokens[k].begin, end = t.tokens[k - 1].end;
    return begin - end >= 2 || (begin > end && t.text[begin - 1] == '\t');
}
// A line of such a table: a sentence of one line with two cell gaps or more.
bool spaced_row(const SentenceView& s);
// Appends the facts of the sentence to `out`.
void read_facts(const SentenceView& s, const std::vector<Figure>& figures, std::size_t sentence_index,
                const ReadBefore& before, std::vector<RawFact>& out);
// "a month-long operation": a span of time a sentence may state without a figure.
bool long_span_of_time(const SentenceView& s);
// The metric a list's heading names ("Arrests by area:"), or -1 when the sentence is none.
int heading_metric(const SentenceView& s, bool headline);

// context.cpp: places, operations and agencies across the document.
// Operation names are views of the document's text (TokenizedText::text), which outlives
// the context: no string per sentence to copy, and none to free.
struct DocumentContext {
    std::vector<std::string_view> operation_of_sentence;  // "" when none governs
    // Views of lexicon agencies or of made_agencies: the name governs every sentence up to the
    // next, and a copy per sentence allocated for each name longer than 15 bytes.
    std::vector<std::string_view> agency_of_sentence;
    std::forward_list<std::string> made_agencies;  // "<force> Police"; nodes never move
    std::vector<int> subject_place_of_sentence;      // -1: none ("Lancashire Police arrested ...")
    std::vector<std::size_t> subject_token_of_sentence;  // where that place is named
    // Flags by sentence in bytes, not vector<bool>: a bit's store cost a load, a shift and a
    // mask for each sentence of each document.
    std::vector<std::uint8_t> national_sentence;
    std::vector<std::uint8_t> international_sentence;  // "Europol", "countries", "worldwide"
    std::vector<std::string_view> named_operation;     // the operation a sentence names, or ""
    std::vector<std::uint8_t> other_operation;         // "a similar operation": not the one at hand
    std::string_view main_operation;                 // the one the document names most
    bool international = false;
    int home_place = -1;  // the area a local operation covers: figures there are its total
    // The area a local report on a national operation is about ("Nineteen arrested in
    // Derbyshire during a national operation"): its figures without a place are that area's.
    int local_angle = -1;
    int home_country = -1;  // the country whose police state the lead's figures, if no cue there is international

    // Every field as for a new document of `sentences` sentences, the vectors keeping their
    // room: the extractor reuses one context per thread. A field added above is set here too.
    void reset(std::size_t sentences);
};
// `last_needed`: the last sentence whose figures are read; the places sentences open with are
// not looked for after it. `context` is reset first.
void read_context(const TokenizedText& t, const std::vector<Sentence>& sentences, const LexiconData& d,
                  std::size_t last_needed, DocumentContext& context);
// Sets operation_of_sentence once home_place is known.
void assign_operations(DocumentContext& context);
// The scope of a fact: "total" or a place as written out.
std::string scope_of(const RawFact& fact, const SentenceView& s, const DocumentContext& context);
// The place a fact's own clause names after or before its figure, if any.
std::optional<int> clause_place(const SentenceView& s, std::size_t figure_first, std::size_t figure_last);
// The place of a force named just before `end`: "Kent Police", or a force by its name ("The
// Metropolitan Police"). With `local`, also places the gazetteer lacks ("Dane County Sheriff's Office").
std::optional<int> force_place_ending_at(const SentenceView& s, std::size_t end, bool local = false);
// "Kent accounted for 12", "Dane County for 8": the place that a place verb puts before the figure.
// With `written`, also capitalised words the gazetteer lacks (in a breakdown of a count).
std::optional<int> place_then_figure(const SentenceView& s, std::size_t figure_first, bool written = false);
// A place right before the figure, its verb left out ("... and Montgomery County nine").
std::optional<int> place_before_figure(const SentenceView& s, std::size_t figure_first);

// The place a place payload stands for: an entry of the gazetteer, or a local place written in
// the text (payload local_place_base + 4 x its first token + its word count, from local_place_at).
// Payloads stay non-negative, so -1 still means "no place".
inline constexpr int local_place_base = 1 << 28;
// The payload of the place written as tokens [first, last) (at most four words; first below
// 2^26, which no document reaches), and the tokens a payload of one stands for.
inline int written_place(std::size_t first, std::size_t last) {
    return local_place_base + static_cast<int>(first * 4 + (last - first - 1));
}
inline std::pair<std::size_t, std::size_t> written_place_tokens(int payload) {
    auto code = static_cast<std::size_t>(payload - local_place_base);
    return {code / 4, code / 4 + code % 4 + 1};
}
// What a place payload stands for, read without copying a Place: its kind (a place written
// in the text is a county) and its name as written out.
inline PlaceKind place_kind(const LexiconData& d, int payload) {
    return payload < local_place_base ? d.places[static_cast<std::size_t>(payload)].kind : PlaceKind::county;
}
std::string_view place_name(const LexiconData& d, const TokenizedText& t, int payload);

// redact.cpp: what evidence may not show. Token ranges [first, last) of person names in a
// sentence, and bytes that are not UTF-8.
using Surnames = std::unordered_set<std::string, ViewHash, std::equal_to<>>;
struct NameSpan {
    std::size_t first, last;
};
// `known` holds surnames seen in full elsewhere in the document ("Mr Gormley", "Gormley
// said"); names found are added to `learned` when given.
std::vector<NameSpan> find_names(const SentenceView& s, const Surnames* known, Surnames* learned);
// Each maximal ill-formed UTF-8 subpart of `text` replaced by U+FFFD, as Python's
// errors="replace" does; valid text is left as it is, without a copy.
void replace_invalid_utf8(std::string& text);

// dates.cpp: the document's own date, ISO yyyy-mm-dd, or "".
std::string document_date(const TokenizedText& t, const std::vector<Sentence>& sentences, const LexiconData& d);

}  // namespace optally::extract::detail
