// One document from bytes to facts: clean HTML, split sentences, read the figures of
// each sentence, then settle scope, operation, agency and date from the whole document,
// mask names in evidence and drop restatements that would read as new facts.

#include "optally/extract/extractor.hpp"

#include <algorithm>
#include <cstring>
#include <span>
#include <string_view>
#include <tuple>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "extract_internal.hpp"

namespace optally::extract {

namespace {

using namespace detail;

// Whether a text can hold table rows at all: a bar (html.cpp writes a table's cells with
// bars) or, for a table laid out with spaces, a run of two spaces or a tab. Most texts have
// none, and then no sentence is tried as a row.
struct TableMarks {
    bool bars = false, gaps = false;
};

TableMarks table_marks(std::string_view text) noexcept {
    TableMarks marks;
    const char* p = text.data();
    const std::size_t size = text.size();
    // A bar by memchr, which reads many bytes per instruction; the gaps below then need only
    // their own tests. (Tested together, sixteen bytes at a time, the two took a thirtieth of
    // the extraction of news prose, which mostly has neither and so was read to its end.)
    marks.bars = size > 0 && std::memchr(p, '|', size) != nullptr;
    std::size_t i = 0;
#if defined(__SSE2__)
    // string_view::find("  ") called memchr once for every space of the text.
    const __m128i space = _mm_set1_epi8(' '), tab = _mm_set1_epi8('\t');
    auto gaps_in = [&](std::size_t at) {  // the bytes at..at+15 that start a gap
        const __m128i here = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + at));
        const __m128i next = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + at + 1));
        return _mm_or_si128(_mm_and_si128(_mm_cmpeq_epi8(here, space), _mm_cmpeq_epi8(next, space)),
                            _mm_cmpeq_epi8(here, tab));
    };
    // Sixty-four bytes per test of the mask: most texts of prose have no gap at all.
    for (; i + 65 <= size; i += 64) {
        const __m128i any = _mm_or_si128(_mm_or_si128(gaps_in(i), gaps_in(i + 16)), _mm_or_si128(gaps_in(i + 32), gaps_in(i + 48)));
        if (_mm_movemask_epi8(any)) {
            marks.gaps = true;
            return marks;
        }
    }
    for (; i + 17 <= size; i += 16)
        if (_mm_movemask_epi8(gaps_in(i))) {
            marks.gaps = true;
            return marks;
        }
#endif
    for (; i < size; ++i)
        if (p[i] == '\t' || (p[i] == ' ' && i + 1 < size && p[i + 1] == ' ')) {
            marks.gaps = true;
            break;
        }
    return marks;
}

// The area a local operation covers, read from the lead: "Jersey Police have made 18
// arrests in a three-year investigation" makes Jersey the whole of that operation.
int home_place(const std::vector<RawFact>& raw, const TokenizedText& t, const std::vector<Sentence>& sentences,
               const LexiconData& d, DocumentContext& context) {
    // The lead is the first sentence of the body that states a figure; a headline is too
    // short to say whether the operation was national.
    // Prison terms say nothing of where the operation ran.
    std::size_t lead = raw.front().sentence;
    for (const RawFact& fact : raw)
        if (!sentences[fact.sentence].headline && fact.metric != d.metric_sentence) {
            lead = fact.sentence;
            break;
        }
    for (const RawFact& fact : raw) {
        // A part of a count ("31 of them in Kent") says where some were, not where all were.
        if (fact.sentence != lead || fact.place) continue;
        SentenceView s{t, d, sentences[lead].first, sentences[lead].last};
        std::optional<int> place = clause_place(s, fact.figure_first, fact.cue_end);
        if (!place && context.subject_place_of_sentence[lead] >= 0) place = context.subject_place_of_sentence[lead];
        if (!place) continue;
        if (place_kind(d, *place) != PlaceKind::country) {
            if (!context.national_sentence[lead]) return *place;
            // "Nineteen people were arrested in Derbyshire during a national operation": a
            // local report, whose later figures are the area's unless said of the nation.
            if (context.local_angle < 0) context.local_angle = *place;
            return -1;
        }
        if (context.home_country < 0 && std::none_of(context.international_sentence.begin(),
                                                     context.international_sentence.begin() + static_cast<std::ptrdiff_t>(lead) + 1,
                                                     [](bool cue) { return cue; }))
            context.home_country = *place;
    }
    // A lead without a place: the headline that gives the same figure says where ("Eighteen
    // arrested in Norfolk raids" over "Eighteen people have been arrested ...").
    for (const RawFact& headline : raw) {
        if (!sentences[headline.sentence].headline || headline.place || context.national_sentence[headline.sentence]) continue;
        const bool restated = std::any_of(raw.begin(), raw.end(), [&](const RawFact& fact) {
            return fact.sentence == lead && !fact.place && fact.metric == headline.metric && fact.value == headline.value;
        });
        if (!restated) continue;
        SentenceView s{t, d, sentences[headline.sentence].first, sentences[headline.sentence].last};
        if (std::optional<int> place = clause_place(s, headline.figure_first, headline.cue_end);
            place && place_kind(d, *place) != PlaceKind::country)
            return *place;
    }
    return -1;
}

int year_of(std::string_view iso_date) {
    if (iso_date.size() < 4) return 0;
    int year = 0;
    for (char c : iso_date.substr(0, 4)) {
        if (c < '0' || c > '9') return 0;
        year = year * 10 + (c - '0');
    }
    return year;
}

// "operation", "investigation", "Project": words [from, to) speak of an operation. With
// `one`, of a single one: "In 2025, the units carried out 61 operations, in which 412 people
// were arrested" counts a year's operations, as "the raids" of a year do.
bool names_an_operation(const TokenizedText& t, const LexiconData& d, std::size_t from, std::size_t to, bool one = false) {
    auto counts = [&](std::size_t last_word) { return !one || !t.low(last_word).ends_with('s'); };
    for (std::size_t k = from; k < to; ++k) {
        // "the Department of Special Investigation" is an agency's name, not an operation.
        if (k > from && t.tokens[k].upper && (t.tokens[k - 1].upper || t.low(k - 1) == "of")) continue;
        if (auto noun = d.operation_nouns.at(t, k, to); noun && counts(noun.end - 1)) return true;
        if (has(d.operation_words, t, k) && counts(k)) return true;
    }
    return false;
}

// The year a token writes ("2019"), or 0 for any other token.
int year_at(const TokenizedText& t, std::size_t j) {
    const Token& token = t.tokens[j];
    return token.kind == TokenKind::number && token.size() == 4 ? year_of(t.original(token)) : 0;
}

// A record of the years before this report, not the figures of its operation: "since 2000",
// "Since the unit was set up in 2014, it has made 900 arrests", "When it was founded in 2008
// it had six detectives" (the year two or more before the document's own). A clause about
// an operation stays ("Since the operation began in 2019, 40 have been arrested").
// Undated, a text is at least as late as the latest year it names: "Since the strategy began
// in 2006" is a record of years in a text that also speaks of 2022.
bool history_sentence(const TokenizedText& t, const Sentence& sentence, int document_year, int latest_year_named,
                      const LexiconData& d) {
    auto year_in_sentence = [&](std::size_t j) { return j < sentence.last ? year_at(t, j) : 0; };
    auto old_year = [&](std::size_t j) {
        const int year = year_in_sentence(j);
        // Undated, a unit's founding (below) in any year is history.
        return year >= 1900 && (document_year == 0 ? year <= 2100 : year <= document_year - 2);
    };
    const int reference = document_year > 0 ? document_year : latest_year_named;
    auto older_than_report = [&](std::size_t j) {
        const int year = year_in_sentence(j);
        return year >= 1900 && reference > 0 && year <= reference - 2;
    };
    auto names_operation = [&](std::size_t from, std::size_t to) { return names_an_operation(t, d, from, to); };
    // Every rule below needs an older year: most sentences have none, and one look at the
    // tokens' kinds and sizes settles them.
    bool any_year = false;
    for (std::size_t j = sentence.first; j < sentence.last && !any_year; ++j) any_year = old_year(j);
    if (!any_year) return false;
    for (std::size_t j = sentence.first; j < sentence.last; ++j) {
        if (t.low(j) == "since") {
            if (older_than_report(j + 1)) return true;
            for (std::size_t k = j + 1; k + 1 < sentence.last && k < j + 12 && t.low(k) != "," && t.low(k) != ";"; ++k)
                if (t.low(k) == "in" && older_than_report(k + 1)) return !names_operation(j + 1, k);
        }
        if (auto founded = d.founding.at(t, j, sentence.last); founded && old_year(founded.end))
            return !names_operation(sentence.first, sentence.last);
    }
    return false;
}

// "Last year a similar Garda operation resulted in 12 arrests", "In a similar operation in
// 2021, police charged 84": another operation, set in the past and not named.
bool earlier_other_operation(const TokenizedText& t, const Sentence& sentence, int document_year, const LexiconData& d) {
    bool other = false, past = false;
    for (std::size_t j = sentence.first; j < sentence.last; ++j) {
        if (t.tokens[j].kind == TokenKind::number) {
            const int year = year_at(t, j);
            past = past || (year >= 1900 && (document_year == 0 ? year <= 2100 : year < document_year));
            continue;
        }
        if (t.tokens[j].upper && has(d.operation_words, t, j) && j + 1 < sentence.last && t.tokens[j + 1].upper)
            return false;  // "Operation Tern": the sentence names which one
        past = past || (t.low(j) == "last" && j + 1 < sentence.last && t.low(j + 1) == "year");
        if (auto cue = d.context_cues.at(t, j, sentence.last); cue && (cue.payload & 4)) {
            other = true;
            // "In a separate operation in Cebu, ...", "In a separate case at Maidstone Crown
            // Court, ...": a sentence that opens with another operation is about it, whenever.
            // ("It follows a similar operation which saw 30 arrests" names it as a comparison.)
            // "Separately, the force said ...": so does one that opens with the cue itself.
            if (j == sentence.first || (j <= sentence.first + 2 && (t.low(sentence.first) == "in" || t.low(sentence.first) == "during")))
                past = true;
        }
    }
    return other && past;
}

// "in 2023", "during 2022" at token j (a preposition, then a year).
bool year_after_preposition(const TokenizedText& t, std::size_t j, std::size_t last, const LexiconData& d) {
    if (j + 1 >= last) return false;
    const int year = year_at(t, j + 1);
    return year >= 1900 && year <= 2100 && d.year_prepositions.at(t, j, j + 1);
}

// "in 2022", "during 2023" anywhere in the sentence.
bool says_a_year(const TokenizedText& t, const Sentence& sentence, const LexiconData& d) {
    for (std::size_t j = sentence.first; j + 1 < sentence.last; ++j)
        if (year_after_preposition(t, j, sentence.last, d)) return true;
    return false;
}

// "Last year, ...", "In 2023, ...", "Across 2023 as a whole, ...": a sentence set in a year.
bool opens_with_a_year(const TokenizedText& t, const Sentence& sentence, const LexiconData& d) {
    std::size_t j = sentence.first;
    if (j < sentence.last && t.tokens[j].kind != TokenKind::word) ++j;  // a bullet or a quote
    return d.year_openers.at(t, j, sentence.last) || year_after_preposition(t, j, sentence.last, d);
}

// The sentence's text with the byte ranges of names replaced by "[name]".
std::string masked(const TokenizedText& t, const Sentence& sentence, const std::vector<NameSpan>& names) {
    std::string out;
    out.reserve(sentence.end - sentence.begin + 6 * names.size());
    std::uint32_t at = sentence.begin;
    for (const NameSpan& name : names) {
        std::uint32_t b = t.tokens[name.first].begin, e = t.tokens[name.last - 1].end;
        if (b < at) continue;
        out.append(t.text.substr(at, b - at));
        out.append("[name]");
        at = e;
    }
    out.append(t.text.substr(at, sentence.end - at));
    return out;
}

// Restatements: a headline that drops "more than" restates a hedged figure, so the hedged
// reading stands; a prison term restated for the same offender (or in the headline) is
// one sentence, not two.
void drop_restatements(std::vector<Fact>& facts, std::span<const RawFact> raw, const std::vector<bool>& from_headline,
                       const std::vector<std::string>& offender, int sentence_metric) {
    // raw[i] is what facts[i] was made from: its metric's id stands for the metric's name.
    std::vector<bool> drop(facts.size(), false);
    // What each count states, next to its index: sorted by these, the counts were compared
    // through their Facts and metric names, scattered over memory, at every step of the sort.
    struct CountKey {
        double value;
        Unit unit;
        int metric;
        std::string_view scope;
        std::size_t index;
        auto key() const noexcept { return std::tie(value, unit, metric, scope); }
    };
    std::vector<CountKey> counts;
    std::vector<std::size_t> terms;  // indexes of the prison terms, in order
    counts.reserve(facts.size());
    for (std::size_t i = 0; i < facts.size(); ++i) {
        if (raw[i].metric == sentence_metric)
            terms.push_back(i);
        else
            counts.push_back({facts[i].value, facts[i].unit, raw[i].metric, facts[i].scope, i});
    }
    // Counts grouped by what they state: sorted, so that a group is a run.
    std::sort(counts.begin(), counts.end(), [](const CountKey& a, const CountKey& b) { return a.key() < b.key(); });
    for (std::size_t first = 0, last = 0; first < counts.size(); first = last) {
        bool hedged = false;
        for (last = first; last < counts.size() && counts[last].key() == counts[first].key(); ++last)
            hedged = hedged || facts[counts[last].index].qualifier != Qualifier::exact;
        if (hedged)
            for (std::size_t k = first; k < last; ++k) drop[counts[k].index] = facts[counts[k].index].qualifier == Qualifier::exact;
    }
    // Each prison term against the other terms only, not against every fact.
    for (std::size_t i : terms) {
        for (std::size_t j : terms) {
            if (j == i || drop[j]) continue;
            if (days_per(facts[i].unit) * facts[i].value != days_per(facts[j].unit) * facts[j].value) continue;
            // An unnamed offender ("a former teacher") may be the one named later.
            bool same_offender = j < i && (offender[i] == offender[j] || offender[i].empty() || offender[j].empty());
            if (same_offender || (from_headline[i] && !from_headline[j])) {
                drop[i] = true;
                break;
            }
        }
    }
    std::size_t kept = 0;
    for (std::size_t i = 0; i < facts.size(); ++i)
        if (!drop[i]) {
            if (kept != i) facts[kept] = std::move(facts[i]);
            ++kept;
        }
    facts.resize(kept);
}

}  // namespace

std::vector<Fact> extract_text(std::string_view text, std::string_view doc, const Lexicon& lexicon,
                               const ExtractOptions& options) {
    const LexiconData& d = lexicon.data();
    CleanText clean;
    std::string_view body = text;
    if (looks_like_html(text)) {
        clean = clean_html(text);
        body = clean.text;
    }
    // The token buffers of the thread's last document, reused: a run over many files
    // would otherwise allocate and fault in three buffers the size of each text.
    thread_local TokenizedText t;
    // ...but not the buffers of a very large document, which would stay with the thread.
    struct Release {
        TokenizedText& t;
        ~Release() {
            if (t.lower.capacity() > (std::size_t{4} << 20)) t = TokenizedText{};
        }
    } release{t};
    tokenize(body, t);
    assign_ids(t, d);
    if (t.memo.size() < t.tokens.size()) t.memo.resize(t.tokens.size());
    std::vector<Sentence> sentences = split_sentences(t, lexicon);

    std::vector<RawFact> raw;
    ReadBefore before;
    std::vector<Figure> figures;  // of one sentence at a time
    const TableMarks marks = table_marks(body);
    const bool has_bars = marks.bars, has_gaps = marks.gaps;
    for (std::size_t i = 0; i < sentences.size(); ++i) {
        SentenceView s{t, d, sentences[i].first, sentences[i].last};
        // A list's lines are short lines of their own; anything else ends the list.
        bool list_line = s.last - s.first <= 12 && t.tokens[s.first].newlines_before > 0;
        if (!list_line) before.heading_metric = -1;
        const std::uint16_t starts = read_figures(s, lexicon, figures);
        // A table's rows follow its header row and end with the first line that is no row.
        bool row = false;
        for (std::size_t k = s.first; has_bars && k < s.last && !row; ++k)
            row = t.tokens[k].kind == TokenKind::punct && t.text[t.tokens[k].begin] == '|';
        // ...or of a table laid out with spaces: "County     Arrests     Search Warrants".
        if (!row && has_gaps && t.tokens[s.first].newlines_before > 0) row = spaced_row(s);
        if (!row) before.columns.clear();
        if (row && figures.empty()) {
            // "| --- | ---: |" under a Markdown header only draws the rule: the header holds.
            const bool rule = std::all_of(t.tokens.begin() + static_cast<std::ptrdiff_t>(s.first),
                                          t.tokens.begin() + static_cast<std::ptrdiff_t>(s.last),
                                          [](const Token& k) { return k.kind == TokenKind::punct || k.kind == TokenKind::dash; });
            if (!rule) before.columns = table_columns(s);
            continue;
        }
        if (figures.empty()) {
            if (int named = heading_metric(s, sentences[i].headline); named >= 0) {
                before.heading_metric = named;
                continue;
            }
            // "a month-long operation": a span of time without a figure. Every rule of it needs
            // a word of a unit of time, and most sentences have none.
            if (!(starts & is_time_unit) || !long_span_of_time(s)) continue;
        }
        // Figures of a study, a survey or an estimate of the wider population.
        if (contains_phrase(s, d.negative_sentence, s.first, s.last)) continue;
        const std::size_t first_new = raw.size();
        read_facts(s, figures, i, before, raw);
        for (std::size_t k = first_new; k < raw.size(); ++k) {
            if (d.metric_takes[static_cast<std::size_t>(raw[k].metric)] & person) before.people_metric = raw[k].metric;
            if (raw[k].metric == d.metric_duration || raw[k].metric == d.metric_sentence) continue;
            // A few dozen are enough to find the figure a later sentence breaks down.
            if (before.counts.size() == 32) before.counts.erase(before.counts.begin());
            before.counts.emplace_back(raw[k].value, raw[k].metric);
        }
    }
    if (raw.empty()) return {};

    std::string date = clean.meta_date.empty() ? document_date(t, sentences, d) : clean.meta_date;
    // "Since 2000, the task force has arrested more than 2,000": a record of years, not the
    // figures of this report's operation.
    {
        const int year = year_of(date);  // 0 when the document has no date
        int latest_year_named = 0;
        if (year == 0)
            for (std::size_t j = 0; j < t.tokens.size(); ++j)
                if (const int named = year_at(t, j); named <= 2100) latest_year_named = std::max(latest_year_named, named);
        // The facts of a sentence come together: its scan is made once, not once per fact.
        std::size_t asked = sentences.size();
        bool history = false;
        std::erase_if(raw, [&](const RawFact& r) {
            if (r.sentence != asked) {
                asked = r.sentence;
                history = history_sentence(t, sentences[r.sentence], year, latest_year_named, d) ||
                          earlier_other_operation(t, sentences[r.sentence], year, d);
            }
            return history;
        });
    }
    // "Last year the CyberTipline received 36.2 million reports", "In 2023-24, the AFP charged
    // 186 offenders": a year's statistics, unless the sentence is about an operation.
    std::erase_if(raw, [&](const RawFact& r) {
        const Sentence& sentence = sentences[r.sentence];
        if (opens_with_a_year(t, sentence, d))
            return d.yearly_metrics.contains(r.metric) || !names_an_operation(t, d, sentence.first, sentence.last, true);
        // "The unit reviewed more than 2,800 files last year", "received 11,000 tips in 2023":
        // the year said later in the sentence.
        return d.yearly_metrics.contains(r.metric) &&
               (contains_phrase({t, d, sentence.first, sentence.last}, d.year_openers, sentence.first, sentence.last) ||
                says_a_year(t, sentence, d)) &&
               !names_an_operation(t, d, sentence.first, sentence.last);
    });
    if (raw.empty()) return {};

    std::size_t last_fact_sentence = 0;
    for (const RawFact& r : raw) last_fact_sentence = std::max(last_fact_sentence, r.sentence);
    // The thread's context of its last document, reused (read_context resets it): a dozen
    // vectors per document otherwise...
    thread_local DocumentContext context;
    // ...but not the vectors of a document of very many sentences, which would stay with the thread.
    struct ReleaseContext {
        DocumentContext& context;
        ~ReleaseContext() {
            if (context.named_operation.capacity() > 65536) context = DocumentContext{};
        }
    } release_context{context};
    read_context(t, sentences, d, last_fact_sentence, context);
    context.home_place = home_place(raw, t, sentences, d, context);
    assign_operations(context);

    // Surnames are learned whether or not names are masked: drop_restatements() tells
    // offenders apart by them, and keeping names must change the evidence only.
    Surnames surnames;
    for (const Sentence& sentence : sentences) find_names({t, d, sentence.first, sentence.last}, nullptr, &surnames);

    // Evidence and operation names are copied from the text and the document id may come
    // from a file name: bytes that are not UTF-8 must not reach JSON or Python. The fields
    // drop_restatements() does not read are made valid once, not once per fact.
    std::string doc_id(doc);
    replace_invalid_utf8(doc_id);
    replace_invalid_utf8(date);
    std::vector<Fact> facts;
    std::vector<bool> from_headline;
    std::vector<std::string> offender;
    facts.reserve(raw.size());
    from_headline.reserve(raw.size());
    offender.reserve(raw.size());
    // Facts of one sentence come together: its evidence and offender are read once.
    std::size_t cached_sentence = sentences.size();
    std::pair<std::string, std::string> cached_evidence;  // evidence, offender
    for (std::size_t k = 0; k < raw.size(); ++k) {
        const RawFact& r = raw[k];
        const Sentence& sentence = sentences[r.sentence];
        SentenceView s{t, d, sentence.first, sentence.last};
        if (cached_sentence != r.sentence) {
            // No surname learned means no name in any sentence: with nothing known, this
            // sentence's pass would find none again.
            std::vector<NameSpan> names = surnames.empty() ? std::vector<NameSpan>{} : find_names(s, &surnames, nullptr);
            cached_evidence.first = options.keep_names ? std::string(t.text.substr(sentence.begin, sentence.end - sentence.begin))
                                                       : masked(t, sentence, names);
            replace_invalid_utf8(cached_evidence.first);
            cached_evidence.second = names.empty() ? std::string() : std::string(t.low(names.front().last - 1));
            cached_sentence = r.sentence;
        }
        // Built in its place: a Fact moved into the vector cost a move and a destruction of
        // seven strings per fact (facts has its room reserved).
        Fact& f = facts.emplace_back();
        f.doc = doc_id;
        f.metric = d.metric_names[static_cast<std::size_t>(r.metric)];
        f.value = r.value;
        f.unit = r.unit;
        f.qualifier = r.qualifier;
        f.scope = scope_of(r, s, context);
        f.operation = context.operation_of_sentence[r.sentence];
        f.agency = context.agency_of_sentence[r.sentence];
        f.date = date;
        f.start = clean.original(sentence.begin);
        f.end = sentence.end == 0 ? 0 : clean.original(sentence.end - 1) + 1;
        // An entity ("&amp;") at the end of the sentence stands for several input bytes.
        if (!clean.offsets.empty() && f.end > 0 && f.end <= text.size() && text[f.end - 1] == '&') {
            std::size_t semi = text.find(';', f.end);
            if (semi != std::string_view::npos) f.end = static_cast<std::uint32_t>(semi + 1);
        }
        // The sentence's last fact takes its evidence, the others a copy.
        if (k + 1 == raw.size() || raw[k + 1].sentence != r.sentence) {
            f.evidence = std::move(cached_evidence.first);
            cached_sentence = sentences.size();
        } else {
            f.evidence = cached_evidence.first;
        }
        from_headline.push_back(sentence.headline);
        offender.push_back(cached_evidence.second);
    }
    drop_restatements(facts, raw, from_headline, offender, d.metric_sentence);
    for (Fact& f : facts)
        for (std::string* field : {&f.operation, &f.scope, &f.agency}) replace_invalid_utf8(*field);
    return facts;
}

}  // namespace optally::extract
