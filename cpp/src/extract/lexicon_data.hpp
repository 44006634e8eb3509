#pragma once
// The lexicon as the extractor uses it: every word numbered, every phrase list compiled
// into a PhraseSet indexed by the id of its first word, every word list into a bit set,
// so that a scan hashes each token once and then only indexes arrays.

#include <array>
#include <cstdint>
#include <cstring>
#include <nlohmann/json.hpp>
#include <set>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "optally/extract/lexicon.hpp"
#include "optally/extract/tokenizer.hpp"
#include "optally/facts/fact.hpp"

namespace optally::extract::detail {

struct ViewHash {
    using is_transparent = void;
    std::size_t operator()(std::string_view s) const noexcept { return std::hash<std::string_view>{}(s); }
};
template <class T>
using WordMap = std::unordered_map<std::string, T, ViewHash, std::equal_to<>>;

// Every word the lexicon's phrases and lists use, numbered. A document's tokens are
// looked up here once each (assign_ids); every later look-up is an array index. An open
// addressing table with a short-string hash: this probe runs once per token of every text.
class WordIds {
public:
    int intern(std::string_view word);
    int find(std::string_view word) const noexcept { return find(word.data(), word.size()); }
    int find_word(std::string_view word) const noexcept;  // find(), not inlined
    int find(const char* word, std::size_t size) const noexcept {
        // Punctuation and "a" are a third of the tokens of prose: one byte, one load.
        if (size == 1) return one_byte_[static_cast<unsigned char>(word[0])];
        std::uint64_t h = hash(std::string_view(word, size));
        for (std::size_t i = home(h);; i = (i + 1) & mask_) {
            const Slot& slot = slots_[i];
            if (slot.id < 0) return -1;
            // Up to eight bytes, hash() is a bijection of the bytes for each length: equal
            // hashes and lengths are equal words, with no need to compare the text.
            if (slot.hash == h && slot.length == size &&
                (size <= 8 || same_long_word(text_.data() + offsets_[static_cast<std::size_t>(slot.id)], word, size)))
                return slot.id;
        }
    }
    std::size_t size() const noexcept { return count_; }

    // Two words of the same size > 8 are equal. Up to sixteen bytes (most long words of a
    // report: "investigation", "operations") by two overlapping loads of each instead of a
    // call to memcmp for every token that finds its word.
    static bool same_long_word(const char* a, const char* b, std::size_t size) noexcept {
        if (size > 16) return std::memcmp(a, b, size) == 0;
        std::uint64_t a_head, a_tail, b_head, b_tail;
        std::memcpy(&a_head, a, 8);
        std::memcpy(&b_head, b, 8);
        std::memcpy(&a_tail, a + size - 8, 8);
        std::memcpy(&b_tail, b + size - 8, 8);
        return ((a_head ^ b_head) | (a_tail ^ b_tail)) == 0;
    }

    // Whole words at a time: a byte-at-a-time hash waited on one multiply per letter. Up to
    // eight bytes, `w` holds every byte of the word (the loads overlap) and each step after
    // it is invertible, which find() relies on.
    static std::uint64_t hash(std::string_view s) noexcept {
        const char* p = s.data();
        std::size_t n = s.size();
        std::uint64_t h = 0x9E3779B97F4A7C15ull ^ n;
        std::uint64_t w = 0;
        if (n > 8) {
            for (; n > 8; p += 8, n -= 8) {
                std::memcpy(&w, p, 8);
                h = (h ^ w) * 0xBF58476D1CE4E5B9ull;
                h ^= h >> 31;
            }
            std::memcpy(&w, p + n - 8, 8);  // the last eight bytes
        } else if (n >= 4) {
            std::uint32_t head, tail;
            std::memcpy(&head, p, 4);
            std::memcpy(&tail, p + n - 4, 4);
            w = head | (std::uint64_t{tail} << 32);
        } else if (n > 0) {
            w = std::uint64_t{static_cast<unsigned char>(p[0])} | std::uint64_t{static_cast<unsigned char>(p[n / 2])} << 8 |
                std::uint64_t{static_cast<unsigned char>(p[n - 1])} << 16;
        }
        // An odd multiply, invertible; the table takes the top bits of the product (home()),
        // which every bit of w reaches, so no shift-and-xor after it.
        return (h ^ w) * 0x94D049BB133111EBull;
    }

private:
    // Sixteen bytes: four slots to a cache line. Where a word's text starts is asked only for
    // words longer than eight bytes, and is kept apart, by id.
    struct Slot {
        std::uint64_t hash = 0;
        std::uint32_t length = 0;
        int id = -1;
    };
    void grow();
    // Never empty (two free slots to begin with; grow() keeps half of them free), so that
    // find() needs no test for an empty table: it stops at the first free slot.
    std::vector<Slot> slots_ = std::vector<Slot>(2);
    std::vector<std::uint32_t> offsets_;  // by id: where its text starts in text_
    std::string text_;  // every word, back to back
    std::array<int, 256> one_byte_ = make_one_byte();  // the id of each one-byte word, or -1
    static constexpr std::array<int, 256> make_one_byte() {
        std::array<int, 256> none{};
        none.fill(-1);
        return none;
    }
    std::size_t mask_ = 1;
    int shift_ = 63;  // 64 - log2(slots_.size())
    // The slot a hash starts probing at: its top bits (a multiplicative hash's best).
    std::size_t home(std::uint64_t h) const noexcept { return static_cast<std::size_t>(h >> shift_); }
    std::size_t count_ = 0;
};

// The lexicon word id of token i: from the ids the extractor assigned, or looked up.
#if defined(__GNUC__)
#define OPTALLY_HOT_INLINE [[gnu::always_inline]] inline
#else
#define OPTALLY_HOT_INLINE inline
#endif

// Called for nearly every token by every scan: it must not cost a call.
OPTALLY_HOT_INLINE int id_of(const TokenizedText& t, const WordIds& ids, std::size_t i) {
    // tokenize() clears the ids and assign_ids() sets one per token: none or all are set.
    // The look-up, for a text without ids (none of the extractor's), is a call: inlined at
    // every one of the many callers it only made them too large to inline in turn.
    return !t.ids.empty() ? t.ids[i] : ids.find_word(t.low(i));
}

// Single words, looked up by id.
class WordSet {
public:
    void insert(std::string_view word, WordIds& ids);
    bool contains(std::string_view word) const { return ids_ && contains(ids_->find(word)); }
    bool contains(int id) const {
        return id >= 0 && static_cast<std::size_t>(id) < id_count_ && by_id_[static_cast<std::size_t>(id)];
    }
    bool contains(const TokenizedText& t, std::size_t i) const { return ids_ && contains(id_of(t, *ids_, i)); }

private:
    const WordIds* ids_ = nullptr;
    std::vector<bool> by_id_;
    // by_id_.size(), kept: a vector<bool> works its size out from two bit positions, and
    // contains() runs for nearly every token of every scan.
    std::size_t id_count_ = 0;
};

inline bool has(const WordSet& set, std::string_view word) { return set.contains(word); }
inline bool has(const WordSet& set, const TokenizedText& t, std::size_t i) { return set.contains(t, i); }

// Phrases of one or more tokens; a match skips possessive tokens ("Offender's Register"
// reads as "offender register") on both sides.
class PhraseSet {
public:
    struct Match {
        std::size_t begin = 0;
        std::size_t end = 0;  // token index one past the match; 0 when nothing matched
        int payload = -1;
        explicit operator bool() const noexcept { return end != 0; }
    };
    // Returns the payload the phrase has now: an existing reading of it stands.
    int add(std::string_view phrase, int payload, WordIds& ids);
    // Longest phrase that starts at token i and ends before token `limit`.
    Match at(const TokenizedText& t, std::size_t i, std::size_t limit) const {
        // Most tokens start no phrase: answer those without a call.
        if (i >= limit || i >= t.tokens.size()) return {};
        const auto* list = entries(t, i);
        if (!list) return {};
        // Entries go longest first: a word whose first entry is the word alone ("London")
        // starts no longer phrase, and is answered here too.
        if (const Entry& only = list->front(); only.rest.empty())
            return t.tokens[i].kind == TokenKind::possessive ? Match{} : Match{i, i + 1, only.payload};
        return match_at(t, i, limit, *list);
    }
    // Longest phrase that ends exactly at token `end` (exclusive) and starts at or after lo.
    Match ending_at(const TokenizedText& t, std::size_t end, std::size_t lo) const {
        // Most tokens end no phrase: answer those without a call.
        if (end == 0 || end > t.tokens.size() || !ids_) return {};
        int last = id_of(t, *ids_, end - 1);
        if (last < 0 || static_cast<std::size_t>(last) >= by_last_.size() || !by_last_[static_cast<std::size_t>(last)]) return {};
        return ending_with(t, end, lo, last);
    }
    // bits[id] |= bit for every word id that starts (ends) some phrase; `bits` has a slot per id.
    void mark_first_words(std::vector<std::uint16_t>& bits, std::uint16_t bit) const;
    void mark_last_words(std::vector<std::uint16_t>& bits, std::uint16_t bit) const;
    // True when some phrase starts with the word of this id.
    bool starts_with(int id) const noexcept {
        return id >= 0 && static_cast<std::size_t>(id) < first_count_ && !by_first_[static_cast<std::size_t>(id)].empty();
    }
    // The first of tokens [from, to), by their word ids, whose word starts some phrase, or `to`:
    // a scan over many tokens that holds the table in registers (contains_phrase).
    std::size_t next_start(const int* ids, std::size_t from, std::size_t to) const noexcept {
        const std::vector<Entry>* by_first = by_first_.data();
        const std::size_t count = first_count_;
        for (; from < to; ++from) {
            const auto id = static_cast<std::size_t>(ids[from]);  // -1 converts to more than any count
            if (id < count && !by_first[id].empty()) return from;
        }
        return to;
    }
    bool empty() const noexcept { return count_ == 0; }
    std::size_t size() const noexcept { return count_; }

private:
    struct Entry {
        std::vector<int> rest;  // ids of the words after the first
        int payload;
    };
    const std::vector<Entry>* entries(const TokenizedText& t, std::size_t i) const {
        int id = ids_ ? id_of(t, *ids_, i) : -1;
        if (id < 0 || static_cast<std::size_t>(id) >= first_count_ || by_first_[static_cast<std::size_t>(id)].empty())
            return nullptr;
        return &by_first_[static_cast<std::size_t>(id)];
    }
    std::size_t match_rest(const TokenizedText& t, std::size_t j, std::size_t limit, std::span<const int> rest) const;
    Match match_at(const TokenizedText& t, std::size_t i, std::size_t limit, const std::vector<Entry>& list) const;
    Match ending_with(const TokenizedText& t, std::size_t end, std::size_t lo, int last) const;

    const WordIds* ids_ = nullptr;
    std::vector<std::vector<Entry>> by_first_;  // by id of the first word; entries longest first
    std::size_t first_count_ = 0;  // by_first_.size(), kept: size() divides by 24 at every token
    std::vector<bool> by_last_;                 // ids that end a phrase: ending_at() tests this first
    std::size_t max_words_ = 0;
    std::size_t count_ = 0;
};

// The lowercased words of a phrase as the tokenizer splits them (possessives dropped).
std::vector<std::string> phrase_words(std::string_view phrase);

enum NounClass : std::uint8_t { no_class = 0, person = 1, child = 2, bare = 4 };

struct NounCue {
    int metric = -1;        // index into metric_names; -1 for a sink ("offences", "countries")
    std::uint8_t klass = no_class;
    bool needs_verb = false;  // "children", "cases": counted only with a verb of the metric
};

struct VerbCue {
    int metric = -1;
    std::uint8_t takes = 0;  // NounClass bits this verb may count
};

struct TimeUnit {
    Unit unit = Unit::none;
    double factor = 1.0;  // "fortnight" is two weeks
};

// What a word may start among the look-ups the document-wide scans make at every token.
enum StartBits : std::uint16_t {
    starts_place = 1,
    starts_agency = 2,
    starts_police_name = 4,
    starts_police_in = 8,
    starts_context_cue = 16,
    is_operation_word = 32,
    starts_number = 64,  // a number word or a vague quantity ("dozens"): a figure may start here
    is_number_word = 128,  // a key of units, tens, scales, dozens, fraction_words or multipliers
    starts_demonym = 256,
    is_place_suffix = 512,  // "County": ends a place the gazetteer need not list
    is_time_unit = 1024,    // a key of time_units ("week", "months"): long_span_of_time's scan
    starts_clause_place_cue = 2048,  // starts an example cue, a place preposition or place_by: clause_place's scan
    starts_figure_kind = 4096,  // starts percent_after, currency_after, time_after, age_after or reference_after
    starts_term_cue = 8192,     // starts custodial, sentence_verbs, non_custodial, penalty_limits or aggregate
    ends_figure_kind = 16384,   // ends currency_before, age_before or reference_before: not_a_figure
};

struct LexiconData {
    struct Source {
        std::string file;
        nlohmann::json doc;
    };
    std::vector<Source> sources;
    WordIds ids;

    // numbers
    WordMap<double> units, tens, scales, multipliers, fraction_chars, fraction_words, dozens;
    WordSet vague_numbers, vague_scales;

    // qualifiers: payload is a Qualifier
    PhraseSet qualifiers, postfix_qualifiers;
    WordSet duration_prepositions;  // "over", "under": prepositions before a span of time

    // metrics
    std::vector<std::string> metric_names;
    std::vector<std::uint8_t> metric_takes;  // NounClass bits each metric's verbs count
    int metric_sentence = -1, metric_duration = -1, metric_registered = -1, metric_at_risk = -1,
        metric_safeguarded = -1, metric_arrests = -1, metric_search_warrants = -1, metric_devices = -1;
    std::vector<NounCue> noun_cues;
    PhraseSet nouns;           // payload: index into noun_cues
    std::vector<std::vector<VerbCue>> verb_cues;  // one phrase may serve several metrics
    PhraseSet verbs;           // payload: index into verb_cues
    PhraseSet active_only;     // "the arrest of": verbs that only work before the number
    std::vector<PhraseSet> required_in_sentence;  // per metric; empty set: nothing required
    // Per metric: words right before the figure that make it something held, not deployed
    // ("Kent Police has 3,985 officers").
    std::vector<PhraseSet> not_after;
    WordSet links;             // "stands at", ":" between a noun on the left and its figure
    PhraseSet risk;            // "at serious risk"
    PhraseSet risk_links;      // "61 were assessed as being at immediate risk": words between a share and its risk
    WordSet auxiliaries, function_words, modifiers_and, determiners, negations;
    PhraseSet partitive;       // "of the", "of those", "of whom"
    PhraseSet running_total;   // "bringing the total to": the figure after it totals the count before
    PhraseSet negative_sentence;  // "in the study", "estimated that"

    // durations and prison sentences
    WordMap<TimeUnit> time_units;
    PhraseSet operation_nouns, duration_links, duration_after;
    // Metrics of a year's statistics ("received 36.2 million reports") and the openings that
    // set a sentence in a year ("Last year", "In 2023"): such figures are not an operation's.
    std::set<int> yearly_metrics;
    PhraseSet year_openers, year_prepositions;
    PhraseSet start_verbs;  // "began 14 months ago": how long an investigation has run
    // "removed eight children from harm": verbs of safeguarding whose particle follows the children.
    struct {
        PhraseSet verbs, after;
    } safeguard_split;
    WordSet change_verbs;  // "has risen to 46": the figure after is a count's new value
    PhraseSet founding;  // "set up in", "founded in": with an older year, a unit's history (extractor.cpp)
    PhraseSet periods;  // "over a 10-day period": the noun a span of time may qualify
    WordSet long_suffix;
    PhraseSet custodial, sentence_verbs, non_custodial, penalty_limits, aggregate;
    PhraseSet sentenced_people;  // "Two men have been jailed": the count is of the sentenced, whatever follows
    PhraseSet sentence_not_after;  // "in the past five years": a span of time, no prison term

    // figures that are not facts
    PhraseSet age_before, age_after, percent_after, currency_before, currency_after, time_after,
        reference_before, reference_after, ratio_words;
    WordSet ordinal_suffixes;
    WordMap<int> months;
    WordSet weekdays;

    // scope, operations, agencies
    std::vector<Place> places;
    PhraseSet place_names;       // payload: index into places
    PhraseSet police_names;      // "Police Scotland", "PSNI": a force named without "Police" after it
    PhraseSet demonyms;          // "German", "Dutch": a country, only before police nouns
    WordSet place_suffixes;      // "County": "Milwaukee County" is a place without a gazetteer entry
    PhraseSet place_verbs;       // "Kent accounted for 12", "Dane County for 8": a place, then its figure
    std::vector<std::string> agencies;
    PhraseSet agency_names;      // payload: index into agencies
    PhraseSet place_prepositions, place_by, police_nouns, example_cues, national_cues, international_cues,
        other_operation_cues, police_in, locally;
    // Where a part of a count is, besides the prepositions: "18 live in Uppsala", "five are from Regina".
    PhraseSet residence;
    WordSet superlatives;    // "accounted for the largest number of arrests"
    // "850 people a month": a rate, not a count; "12 men a week ago" is a count.
    PhraseSet rate_after;
    WordSet not_rate_after;
    WordSet age_superlatives;  // "the youngest arrested was 17": an age
    WordSet things_people_own;  // "the devices of one defendant": whose they are, not people counted
    WordSet not_labels;      // "Total: 40", "Update: ...": a list line's label that is no place
    WordSet label_prefixes;  // "Unit Limburg: 3 arrests": a word before a label's place
    PhraseSet nationally;    // "led to 612 arrests nationally": said of the nation after a figure
    WordSet remainder_labels;  // "Other forces: 12": a line of what the lines above left out
    PhraseSet led_by;        // "led by the New Jersey State Police": the force that ran the operation
    PhraseSet hardest_hit;   // "Chelmsford was hardest hit, with seven arrests": the place before it
    PhraseSet area_nouns;    // "followed by Edinburgh City division with eight": the place is before them
    WordSet police_adjectives;  // "Colombia's national police": a country's own force
    WordSet area_of;         // "in the southern region of Silesia", "in the state of Texas"
    WordSet compass;         // "south Wales": a small first letter, the same force area as "South Wales"
    WordSet area_modifiers;  // "regional Victoria", "metropolitan Melbourne": part of the place as written
    WordSet operation_words;
    // Standing programmes named like operations ("Project Safe Childhood"), lower case: no operation.
    std::set<std::string, std::less<>> programmes;

    // national (1), international (2) and other-operation (4) cues in one set, so that
    // a document is scanned for all three in one pass.
    PhraseSet context_cues;
    std::vector<std::pair<std::string, int>> context_cue_bits;  // as read, for context_cues
    WordSet number_starts;  // words a figure may start with: "six", "a", "half", "dozens"
    WordSet time_unit_words, month_words;

    // sentences, names, dates
    WordSet abbreviations, titles, not_names, first_names, speech_verbs;
    WordSet common_words;  // headline words that are never a name in an all-capitals sentence
    PhraseSet publication_cues;

    // StartBits by word id (set by finish()): most tokens start nothing, and the scans of
    // every sentence pass over them at the cost of one load.
    std::vector<std::uint16_t> starts;
    std::uint16_t starts_of(const TokenizedText& t, std::size_t i) const {
        int id = id_of(t, ids, i);
        return id < 0 || static_cast<std::size_t>(id) >= starts.size() ? 0 : starts[static_cast<std::size_t>(id)];
    }
};

// Gives every token of `t` its lexicon word id (-1: a word no phrase uses).
void assign_ids(TokenizedText& t, const LexiconData& data);

// Reads one source document into `data` (throws InputError naming file and section).
void read_source(LexiconData& data, const std::string& file, const nlohmann::json& doc);
// Checks what only the whole can tell (every metric of the vocabulary known, ...).
void finish(LexiconData& data, const std::string& where);

}  // namespace optally::extract::detail
