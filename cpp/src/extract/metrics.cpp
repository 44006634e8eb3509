// Which metric a figure counts, read from the words around it: the noun it counts
// ("141 search warrants"), the verb that says what happened to those counted ("76 suspected
// offenders being arrested", "snared 660 suspected paedophiles", "80 safeguarded"), a
// span of time ("a six month investigation", "received 3½ years imprisonment").

#include "extract_internal.hpp"

namespace optally::extract::detail {

namespace {

struct Found {
    int metric = -1;
    std::size_t end = 0;  // first token after the cue
};

// The metric a cue at token j names by itself: a noun that counts it ("Arrests", "Search
// warrants") or a verb of a bare count ("Charged"). `end` is past the cue, 0 when none starts at j.
struct NamedMetric {
    int metric = -1;
    std::size_t end = 0;
};
NamedMetric metric_named_at(const SentenceView& s, std::size_t j) {
    if (auto noun = s.d.nouns.at(s.t, j, s.last)) {
        const NounCue& cue = s.d.noun_cues[static_cast<std::size_t>(noun.payload)];
        return {cue.metric >= 0 && !cue.needs_verb ? cue.metric : -1, noun.end};
    }
    if (auto verb = s.d.verbs.at(s.t, j, s.last)) {
        for (const VerbCue& cue : s.d.verb_cues[static_cast<std::size_t>(verb.payload)])
            if (cue.takes & bare) return {cue.metric, verb.end};
        return {-1, verb.end};
    }
    return {};
}


class MetricReader {
public:
    MetricReader(const SentenceView& s, const std::vector<Figure>& figures, const ReadBefore& before)
        : s_(s), t_(s.t), d_(s.d), figures_(figures), figure_at_(buffers().figure_at), consumed_(buffers().consumed),
          heading_metric_(before.heading_metric), people_metric_(before.people_metric), columns_(before.columns),
          counts_(before.counts) {
        figure_at_.assign(s.last - s.first, -1);
        for (std::size_t k = 0; k < figures.size(); ++k) {
            const Figure& f = figures[k];
            figure_at_[f.number.first - s.first] = static_cast<int>(k);
            if (!f.excluded) figure_at_[f.qualifier_begin - s.first] = static_cast<int>(k);
        }
    }

    // ...but not the buffers of a very long "sentence", which would stay with the thread.
    ~MetricReader() {
        if (figure_at_.capacity() > 65536) std::vector<int>().swap(figure_at_);
    }
    MetricReader(const MetricReader&) = delete;
    MetricReader& operator=(const MetricReader&) = delete;

    // Appends the sentence's facts to `out`.
    void read(std::size_t sentence_index, std::vector<RawFact>& out);

private:
    // The tables below reuse the thread's buffers: read_facts runs on every sentence with a
    // figure, and does not nest.
    struct Buffers {
        std::vector<int> figure_at;
        std::vector<bool> consumed;
    };
    static Buffers& buffers() {
        thread_local Buffers buffers;
        return buffers;
    }

    const SentenceView& s_;
    const TokenizedText& t_;
    const LexiconData& d_;
    const std::vector<Figure>& figures_;
    std::vector<int>& figure_at_;  // figure starting at each token of the sentence, or -1
    std::vector<bool>& consumed_;  // figures read as part of another ("2 years and 3 months")
    int heading_metric_;          // what the list this line belongs to counts, or -1
    int people_metric_;           // what the last count of people before this sentence counted, or -1
    const std::vector<int>& columns_;  // the metrics of a table's columns, when this is a row
    const std::vector<std::pair<double, int>>& counts_;  // the document's counts read before

    const Figure* figure_starting(std::size_t j) const {
        if (j < s_.first || j >= s_.last) return nullptr;
        int k = figure_at_[j - s_.first];
        return k < 0 ? nullptr : &figures_[static_cast<std::size_t>(k)];
    }
    // "a coordinated action week", "the action day": one unit of time, named by the word
    // "action" before it and an article a little before that.
    bool action_unit(std::size_t j) const {
        // Singular: "action days" says neither how many days nor that they ran on end.
        if (j < s_.first + 2 || !token_is(t_, j - 1, "action") || t_.low(j).ends_with('s')) return false;
        for (std::size_t k = j - 1; k > s_.first && j - k <= 3; --k)
            if (token_is(t_, k - 1, "a") || token_is(t_, k - 1, "an") || token_is(t_, k - 1, "the") ||
                token_is(t_, k - 1, "this"))
                return true;
        return false;
    }
    // An operation named in [from, to): "the operation", "the investigation", "Operation Tern".
    bool operation_named(std::size_t from, std::size_t to) const {
        if (contains_phrase(s_, d_.operation_nouns, from, to)) return true;
        for (std::size_t k = from; k < to; ++k)
            if (s_.upper(k) && has(d_.operation_words, t_, k)) return true;
        return false;
    }
    // "Operation Sgiath ran for a month", "the operation lasted a week": one unit, after a verb of
    // lasting whose subject is the operation ("over a month" and "during a week" say less).
    bool ran_for_a(std::size_t j) const {
        if (j < s_.first + 3 || t_.low(j).ends_with('s') || !(token_is(t_, j - 1, "a") || token_is(t_, j - 1, "an")))
            return false;
        auto link = d_.duration_links.ending_at(t_, j - 1, s_.first);
        if (!link || token_is(t_, link.begin, "over") || token_is(t_, link.begin, "across") ||
            token_is(t_, link.begin, "during"))
            return false;
        return operation_named(s_.first, link.begin);
    }
    bool spaced_dash(std::size_t j) const {
        return j < s_.last && t_.tokens[j].kind == TokenKind::dash && t_.tokens[j].space_before;
    }
    bool is_acronym(std::size_t j) const {  // "ICAC", "NCMEC": capitals only
        if (t_.tokens[j].kind != TokenKind::word || t_.tokens[j].size() < 2) return false;
        for (char c : t_.original(t_.tokens[j]))
            if (c < 'A' || c > 'Z') return false;
        return true;
    }
    bool counted_figure_at(std::size_t j) const {
        const Figure* f = figure_starting(j);
        return f && !f->excluded;
    }

    // Where the clause that starts at `from` ends: a boundary outside quotes, or the next figure.
    std::size_t clause_end(std::size_t from, std::size_t cap = 24) const {
        // Asked for nearly every figure, over up to `cap` tokens: the arrays it reads are held
        // here, not reloaded through the members at every token.
        const Token* tokens = t_.tokens.data();
        const int* figure_at = figure_at_.data();
        const Figure* figures = figures_.data();
        const std::size_t first = s_.first;
        bool in_quote = false;
        std::size_t stop = std::min(s_.last, from + cap);
        for (std::size_t j = from; j < stop; ++j) {
            const Token& tok = tokens[j];
            if (tok.kind == TokenKind::quote) {
                std::string_view q = t_.low(tok);
                if (q == "\u201C") in_quote = true;
                else if (q == "\u201D") in_quote = false;
                else if (q == "\"") in_quote = !in_quote && (tok.space_before || j == from);
                continue;
            }
            if (!in_quote && (tok.kind == TokenKind::dash || tok.kind == TokenKind::punct) && s_.is_boundary_mark(j)) {
                std::size_t aside = aside_end(j);
                if (aside == 0) return j;
                j = aside;  // "Two men, aged 34 and 51, have been charged"
                continue;
            }
            if (j > from && j >= first) {  // counted_figure_at(j)
                const int k = figure_at[j - first];
                if (k >= 0 && !figures[static_cast<std::size_t>(k)].excluded) return j;
            }
        }
        return stop;
    }
    // The closing comma of an aside that only gives ages, or 0.
    std::size_t aside_end(std::size_t comma) const {
        if (!token_is(t_, comma, ",") || comma + 1 >= s_.last) return 0;
        std::size_t j = comma + 1;
        if (!d_.age_before.at(t_, j, s_.last) && !(figure_starting(j) && figure_starting(j)->excluded)) return 0;
        // "aged 27, 45 and 58,": a list of ages runs on past its own commas.
        for (std::size_t k = j; k < std::min(s_.last, j + 16); ++k)
            if (token_is(t_, k, ",") && !(k + 1 < s_.last && s_.is_figure_token(k + 1))) return k;
        return 0;
    }
    // Where the clause that ends at `to` begins: a boundary or the end of an earlier figure.
    std::size_t clause_begin(std::size_t to, std::size_t cap = 12) const {
        std::size_t lo = to > s_.first + cap ? to - cap : s_.first;
        for (std::size_t j = to; j > lo; --j) {
            if (s_.is_boundary(j - 1)) return j;
            for (const Figure& f : figures_)
                if (!f.excluded && f.number.last == j && f.number.first < to) return j;
        }
        return lo;
    }

    bool is_skippable_quote(std::size_t j) const { return t_.tokens[j].kind == TokenKind::quote; }

    // The metric a cue verb (a match of d_.verbs) gives a count of `klass`, of metric `want`
    // when given; -1 when it gives none.
    int verb_metric(int verb, std::uint8_t klass, int want = -1) const {
        for (const VerbCue& cue : d_.verb_cues[static_cast<std::size_t>(verb)])
            if ((cue.takes & klass) && (want < 0 || cue.metric == want)) return cue.metric;
        return -1;
    }
    // The metric a cue noun (a match of d_.nouns) counts by itself ("141 search warrants"), or
    // -1 for a noun that needs a verb ("40 separate cases") or counts nothing of ours.
    static int noun_metric(const NounCue& cue) { return cue.metric >= 0 && !cue.needs_verb ? cue.metric : -1; }
    int noun_metric(const PhraseSet::Match& noun) const {
        return noun_metric(d_.noun_cues[static_cast<std::size_t>(noun.payload)]);
    }

    Found noun_after(std::size_t from, std::size_t end, NounCue& cue) const;
    Found verb_in(std::size_t from, std::size_t end, std::uint8_t klass, bool adjacent, int want = -1) const;
    Found verb_before(std::size_t anchor, std::uint8_t klass, int want = -1) const;
    Found noun_before(std::size_t anchor) const;
    Found number_of(std::size_t p, std::size_t lo) const;
    Found label_before(std::size_t anchor, RawFact& fact) const;
    std::optional<int> part_place(std::size_t p, std::size_t end) const;
    bool after_list_label(std::size_t anchor) const;
    bool remainder_line() const;
    int second_verb(const RawFact& fact) const;
    Found aligned_row(const Figure& f, std::size_t anchor) const;
    Found appositive(const Figure& f, std::size_t anchor, RawFact& fact) const;
    Found inline_breakdown(const Figure& f, std::size_t anchor, RawFact& fact) const;
    std::optional<std::pair<int, int>> places_each(const Figure& f, std::size_t anchor) const;
    Found share_of_most(const Figure& f, std::size_t anchor, RawFact& fact) const;
    Found figure_in_brackets(const Figure& f, RawFact& fact) const;
    std::optional<int> capitalised_place(std::size_t first, std::size_t p, std::size_t end) const;
    bool requirement_met(int metric) const {
        if (metric < 0) return false;
        const PhraseSet& needed = d_.required_in_sentence[static_cast<std::size_t>(metric)];
        return needed.empty() || contains_phrase(s_, needed, s_.first, s_.last);
    }
    // The metric of a sentence that opens with the group it breaks down: "Of those arrested, ...".
    int opening_partitive_metric() const {
        if (!token_is(t_, s_.first, "of")) return -1;
        std::size_t comma = s_.first + 1;
        while (comma < s_.last && comma < s_.first + 8 && !token_is(t_, comma, ",")) ++comma;
        if (comma >= s_.last || !token_is(t_, comma, ",")) return -1;
        if (int metric = verb_in(s_.first + 1, comma, person | bare, false).metric; metric >= 0) return metric;
        // "Of the 56 locations, ...": a figure said before, whatever the noun it is said with now.
        for (const Figure& f : figures_)
            if (f.qualifier_begin > s_.first && f.qualifier_begin < comma)
                for (auto it = counts_.rbegin(); it != counts_.rend(); ++it)
                    if (it->first == f.number.value) return it->second;
        return -1;
    }
    std::optional<RawFact> span_of_time(const Figure& f, std::size_t anchor);
    std::optional<RawFact> count(const Figure& f, std::size_t anchor, const RawFact* previous);
};

// The noun a figure counts: "141 search warrants", "76 suspected offenders", "one 20-year-old man".
Found MetricReader::noun_after(std::size_t from, std::size_t end, NounCue& cue) const {
    std::size_t j = from;
    for (int modifiers = 0; j < s_.last && j <= end && modifiers < 6;) {
        const Token& tok = t_.tokens[j];
        if (j == end && !token_is(t_, j, ",")) return {};  // the clause ends, unless a list of modifiers goes on
        if (tok.kind == TokenKind::quote) {
            ++j;
            continue;
        }
        // "All 12 of Norway's police districts": the owner of what is counted.
        if (j == from && token_is(t_, j, "of") && j + 1 < end)
            if (auto owner = s_.place_at(j + 1); owner && owner.end < end && t_.tokens[owner.end].kind == TokenKind::possessive) {
                j = owner.end + 1;
                continue;
            }
        // "21 of this year's arrests", "nine of the force's arrests": a part of what someone or
        // some time owns.
        if (j == from && token_is(t_, j, "of") && j + 3 < end) {
            std::size_t k = j + 1;
            if (has(d_.determiners, t_, k) || token_is(t_, k, "this") || token_is(t_, k, "last")) ++k;
            if (k + 1 < end && t_.tokens[k].kind == TokenKind::word && t_.tokens[k + 1].kind == TokenKind::possessive) {
                j = k + 2;
                continue;
            }
        }
        // "a 120-strong team of officers": the group's strength counts its members.
        if (j == from && j + 1 < end && t_.tokens[j].kind == TokenKind::dash && token_is(t_, j + 1, "strong")) {
            j += 2;
            if (j + 1 < end && t_.tokens[j].kind == TokenKind::word && token_is(t_, j + 1, "of")) j += 2;  // "team of"
            continue;
        }
        if (const Figure* f = figure_starting(j); f && f->excluded) {  // an age before the noun
            j = f->number.last;
            if (auto age = d_.age_after.at(t_, j, end)) j = age.end;
            ++modifiers;
            continue;
        }
        // "61 Internet Crimes Against Children (ICAC) task forces": a name spelled out before its
        // acronym is one modifier, whatever nouns it holds.
        // (The brackets and the commas below end a clause: these look past `end`.)
        if (tok.upper && tok.kind == TokenKind::word)
            for (std::size_t k = j + 1; k + 3 < s_.last && k <= j + 6; ++k) {
                if (!token_is(t_, k, "(")) continue;
                if (!token_is(t_, k + 2, ")") || !is_acronym(k + 1)) break;
                if (auto m = d_.nouns.at(t_, k + 3, s_.last); m && noun_metric(m) >= 0) {
                    cue = d_.noun_cues[static_cast<std::size_t>(m.payload)];
                    return {cue.metric, m.end};
                }
                break;
            }
        if (auto m = d_.nouns.at(t_, j, end)) {
            cue = d_.noun_cues[static_cast<std::size_t>(m.payload)];
            // "40,000 child abuse images": a noun of people used as a modifier of what is counted.
            // Only people: "38,000 offences involving indecent images" counts offences.
            if (cue.metric < 0 && (cue.klass & (person | child)) && m.end < end && t_.tokens[m.end].kind == TokenKind::word &&
                !has(d_.function_words, t_, m.end) &&
                !has(d_.modifiers_and, t_, m.end) && !d_.verbs.at(t_, m.end, end))
                for (std::size_t k = m.end; k < end && k < m.end + 3 && t_.tokens[k].kind == TokenKind::word; ++k)
                    if (auto head = d_.nouns.at(t_, k, end)) {
                        if (noun_metric(head) >= 0) {
                            cue = d_.noun_cues[static_cast<std::size_t>(head.payload)];
                            return {cue.metric, head.end};
                        }
                        break;
                    }
            return {cue.metric, m.end};
        }
        // "340 federal, state, local and tribal law enforcement agencies": modifiers in a list.
        if (token_is(t_, j, ",") && j > from) {
            bool joined = false;
            for (std::size_t k = j + 1; k < s_.last && k < j + 10; ++k) {
                if (token_is(t_, k, ",")) continue;
                if (t_.tokens[k].kind != TokenKind::word || d_.verbs.at(t_, k, s_.last) || counted_figure_at(k)) break;
                if (auto m = d_.nouns.at(t_, k, s_.last)) {
                    if (!joined || noun_metric(m) < 0) break;
                    cue = d_.noun_cues[static_cast<std::size_t>(m.payload)];
                    return {cue.metric, m.end};
                }
                joined = joined || has(d_.modifiers_and, t_, k);
            }
            return {};
        }
        if (tok.kind != TokenKind::word || d_.verbs.at(t_, j, end)) return {};
        if (has(d_.modifiers_and, t_, j)) {
            if (j + 1 < end && t_.tokens[j + 1].kind == TokenKind::word && !counted_figure_at(j + 1)) {
                ++j;
                continue;
            }
            return {};
        }
        if (has(d_.function_words, t_, j) || counted_figure_at(j)) return {};
        ++j;
        ++modifiers;
    }
    return {};
}

// A verb of a metric that may count `klass` in [from, end) (of metric `want` when given);
// `adjacent`: only auxiliaries may come before it. Risk phrases turn a safeguarding into
// children at risk.
Found MetricReader::verb_in(std::size_t from, std::size_t end, std::uint8_t klass, bool adjacent, int want) const {
    Found found;
    bool risk_before = false, risk_after = false, negated = false, situation = false;
    bool participle = false, main_verb_pending = false;
    for (std::size_t j = from; j < end;) {
        if (is_skippable_quote(j)) {
            ++j;
            continue;
        }
        if (has(d_.negations, t_, j)) negated = true;  // "who have not yet been arrested"
        // "removed seven children from homes in which they were at risk": the risk of the place
        // they were removed from, not what is counted.
        if (found.metric >= 0 && (token_is(t_, j, "which") || token_is(t_, j, "where"))) situation = true;
        if (auto r = d_.risk.at(t_, j, end)) {
            if (found.metric < 0) risk_before = true;
            else if (!situation) risk_after = true;
            j = r.end;
            continue;
        }
        if (auto v = d_.verbs.at(t_, j, end)) {
            const int match = verb_metric(v.payload, klass, want);
            bool finite = j > from && has(d_.auxiliaries, t_, j - 1);
            if (match >= 0 && negated) {
                negated = false;
            } else if (match >= 0 && (found.metric < 0 || match == d_.metric_registered || main_verb_pending)) {
                // A register named after the arrest says who of the arrested were registered;
                // "three men arrested in May were charged": the main verb says what is counted.
                found = {match, v.end};
                main_verb_pending = false;
            } else if (match < 0 && found.metric < 0 && adjacent) {
                break;  // the predicate is a verb of another kind
            }
            if (found.metric >= 0 && !adjacent && !finite && found.end == v.end) participle = true;
            j = v.end;
            continue;
        }
        // After a bare participle, an auxiliary opens the main verb ("... were sentenced").
        if (participle && has(d_.auxiliaries, t_, j)) {
            main_verb_pending = true;
            participle = false;
        }
        if (main_verb_pending && d_.sentence_verbs.at(t_, j, end)) {
            found = {};  // "three men arrested ... were sentenced": a count of sentenced men
            break;
        }
        // "Two men have been jailed ... after being caught": the main verb counts sentenced men.
        if (found.metric < 0 && j > from && has(d_.auxiliaries, t_, j - 1) && d_.sentenced_people.at(t_, j, end)) break;
        if (found.metric < 0 && adjacent && !has(d_.auxiliaries, t_, j)) break;
        ++j;
    }
    if (found.metric == d_.metric_safeguarded && risk_after && !risk_before) found.metric = d_.metric_at_risk;
    if (found.metric < 0 && risk_before && (klass & (child | bare)) && !adjacent) found = {d_.metric_at_risk, end};
    return found;
}

// An active verb just before the figure: "snared 660", "arresting one", "the arrest of 12".
Found MetricReader::verb_before(std::size_t anchor, std::uint8_t klass, int want) const {
    std::size_t lo = clause_begin(anchor);
    std::size_t p = anchor;
    for (int skipped = 0; p > lo && skipped <= 4; ++skipped) {
        if (auto a = d_.active_only.ending_at(t_, p, lo))
            return want < 0 || a.payload == want ? Found{a.payload, anchor} : Found{};
        if (auto v = d_.verbs.ending_at(t_, p, lo)) {
            int metric = verb_metric(v.payload, klass, want);
            return metric >= 0 ? Found{metric, anchor} : Found{};
        }
        if (!has(d_.determiners, t_, p - 1) && !has(d_.auxiliaries, t_, p - 1) && !is_skippable_quote(p - 1)) return {};
        --p;
    }
    return {};
}

// "Arrests: 76", "the number of arrests now stands at 76".
Found MetricReader::noun_before(std::size_t anchor) const {
    std::size_t lo = s_.first;
    std::size_t p = anchor;
    int links = 0;
    while (p > lo && links < 5 && has(d_.links, t_, p - 1)) {
        --p;
        ++links;
    }
    if (links == 0) return {};
    // "The number of people arrested in the country's largest investigation has risen to 46":
    // the count the sentence opens with, and a verb of change leading to its new figure.
    bool changed = false;
    for (std::size_t k = p; k < anchor; ++k) changed = changed || has(d_.change_verbs, t_, k);
    std::size_t k = lo < p && token_is(t_, lo, "the") ? lo + 1 : lo;
    if (changed && k + 1 < p && (token_is(t_, k, "number") || token_is(t_, k, "total"))) {
        std::size_t q = token_is(t_, k + 1, "of") ? k + 2 : k + 1;
        for (std::size_t end = q + 1; end <= p && end <= q + 4; ++end)
            if (auto counted = number_of(end, k); counted.metric >= 0 && counted.end == q) return {counted.metric, anchor};
    }
    if (auto m = d_.nouns.ending_at(t_, p, lo)) {
        int metric = noun_metric(m);
        return metric >= 0 ? Found{metric, anchor} : Found{};
    }
    if (auto counted = number_of(p, lo); counted.metric >= 0) return {counted.metric, anchor};
    return {};
}

// What "the number of people arrested" (or "number arrested", "the total of arrests") ending
// at `p` counts; `end` is where the counted words begin.
Found MetricReader::number_of(std::size_t p, std::size_t lo) const {
    auto counted = [&](std::size_t begin, int metric) -> Found {
        std::size_t q = begin;
        if (q > lo && token_is(t_, q - 1, "of")) --q;
        if (q == lo || (!token_is(t_, q - 1, "number") && !token_is(t_, q - 1, "total")) || metric < 0) return {};
        return {metric, begin};
    };
    if (auto m = d_.nouns.ending_at(t_, p, lo)) return counted(m.begin, noun_metric(m));
    auto v = d_.verbs.ending_at(t_, p, lo);
    if (!v) return {};
    if (auto noun = d_.nouns.ending_at(t_, v.begin, lo))
        return counted(noun.begin, verb_metric(v.payload, d_.noun_cues[static_cast<std::size_t>(noun.payload)].klass));
    return counted(v.begin, verb_metric(v.payload, bare));  // "Number arrested rises to 46"
}

// Where a part of a count is, from token p: "in Kent", "live in the Stockholm region", "are
// from Regina", "in regional Victoria", "in Västra Götaland". A breakdown names places no
// gazetteer lists, so there any capitalised words after "in" or a verb of residence will do.
std::optional<int> MetricReader::part_place(std::size_t p, std::size_t end) const {
    if (auto lives = d_.residence.at(t_, p, end)) p = lives.end;
    else if (p < end && token_is(t_, p, "in")) ++p;
    else return std::nullopt;
    if (p < end && token_is(t_, p, "the")) ++p;
    const std::size_t first = p;
    if (p >= end || first >= (std::size_t{1} << 26)) return std::nullopt;
    if (auto place = s_.place_at(p)) return place.payload;
    if (has(d_.area_modifiers, t_, p) && !s_.upper(p)) {
        if (auto place = s_.place_at(p + 1); place && place.end - first <= 4) return written_place(first, place.end);
        ++p;
    }
    return capitalised_place(first, p, end);
}

// Capitalised words from p (after `first`, the start of the place as written): a place the
// gazetteer does not list, in a breakdown or a list. Not "Category A", "Section 3".
std::optional<int> MetricReader::capitalised_place(std::size_t first, std::size_t p, std::size_t end) const {
    std::size_t k = p;
    while (k < end && k < p + 3 && t_.tokens[k].kind == TokenKind::word && s_.upper(k) && !has(d_.function_words, t_, k) &&
           !d_.nouns.at(t_, k, end) && !d_.reference_before.at(t_, k, end))
        ++k;
    if (k == p || k - first > 4 || first >= (std::size_t{1} << 26)) return std::nullopt;
    if (k < end && t_.tokens[k].kind == TokenKind::word && t_.tokens[k].size() == 1) return std::nullopt;  // "Category A"
    return written_place(first, k);
}

// "Madrid accounted for the largest number of arrests with seven", "Sao Paulo state accounted
// for the largest number of arrests, 15": the count of the place the sentence opens with.
Found MetricReader::share_of_most(const Figure& f, std::size_t anchor, RawFact& fact) const {
    std::size_t p = anchor;
    while (p > s_.first && anchor - p < 2 && (token_is(t_, p - 1, ",") || token_is(t_, p - 1, "with"))) --p;  // ", with 31"
    // "made the most arrests of any force, with 74": the noun before a phrase of what it is
    // the most of.
    PhraseSet::Match noun;
    for (std::size_t k = p; k > s_.first && p - k < 5 && !noun; --k) {
        noun = d_.nouns.ending_at(t_, k, s_.first);
        if (!noun && (t_.tokens[k - 1].kind != TokenKind::word || s_.upper(k - 1))) break;
    }
    if (!noun || noun_metric(noun) < 0) return {};
    std::size_t q = noun.begin;
    if (q > s_.first && token_is(t_, q - 1, "the")) --q;  // "the largest share of the arrests"
    // "the largest share of the arrests", or "the most arrests"
    const bool share = q >= s_.first + 4 && token_is(t_, q - 1, "of") && has(d_.superlatives, t_, q - 3);
    const bool most = q >= s_.first + 2 && has(d_.superlatives, t_, q - 1);
    if (!share && !most) return {};
    for (std::size_t k = s_.first; k + 1 < q; ++k)
        if (auto verb = d_.place_verbs.at(t_, k, q)) {
            std::size_t end = verb.begin;
            if (end > s_.first && !s_.upper(end - 1)) --end;  // "Sao Paulo state accounted for"
            std::optional<int> place = s_.place_ending_at(end, 5);
            if (!place) place = force_place_ending_at(s_, end);  // "Kent Police made the most arrests"
            if (!place) place = s_.written_place_ending_at(end);
            if (!place) return {};
            fact.place = place;
            return {noun_metric(noun), f.cue_begin};
        }
    return {};
}

// "Most searches took place in the areas of Polizeipräsidium Stuttgart (17), Karlsruhe (12)",
// "Most arrests were made in the Rotterdam unit area (eight)": a place's figure in brackets
// after it, counting what the sentence names first.
Found MetricReader::figure_in_brackets(const Figure& f, RawFact& fact) const {
    std::size_t open = f.qualifier_begin;
    if (open <= s_.first + 1 || !token_is(t_, open - 1, "(") || f.cue_begin >= s_.last || !token_is(t_, f.cue_begin, ")"))
        return {};
    std::optional<int> place;
    std::size_t before = open - 1;
    if (auto police = d_.police_nouns.ending_at(t_, before, s_.first); police && police.begin > s_.first)
        before = police.begin;  // "followed by West Midlands Police (21)"
    for (std::size_t end = before; end > s_.first && before - end <= 2 && !place; --end) {
        place = s_.place_ending_at(end, 5);
        if (!place && end == before) place = s_.written_place_ending_at(end);
        if (end > s_.first && s_.upper(end - 1)) break;  // only lower-case words ("unit area") between
    }
    if (!place) return {};
    for (std::size_t k = s_.first; k < open; ++k)
        if (auto noun = d_.nouns.at(t_, k, open)) {
            const NounCue& cue = d_.noun_cues[static_cast<std::size_t>(noun.payload)];
            int metric = cue.metric;
            // "The suspects were arrested in the following countries: Germany (14), Spain (11)":
            // people, and the verb after them says what they count.
            if (metric < 0 && (cue.klass & person))
                for (std::size_t m = noun.end; m < open && metric < 0; ++m)
                    if (auto verb = d_.verbs.at(t_, m, open)) metric = verb_metric(verb.payload, person);
            if (metric < 0) return {};
            fact.place = place;
            return {metric, f.cue_begin + 1};
        }
    return {};
}

// A label with its place: "Charged in Auckland: 14", "Search warrants in Waikato: 9".
Found MetricReader::label_before(std::size_t anchor, RawFact& fact) const {
    std::size_t lo = s_.first;
    if (anchor <= lo + 3 || !token_is(t_, anchor - 1, ":")) return {};
    auto place = d_.place_names.ending_at(t_, anchor - 1, lo);
    if (!place || !s_.upper(place.begin) || place.begin < lo + 2) return {};
    std::size_t p = place.begin;
    if (p > lo && token_is(t_, p - 1, "the")) --p;
    auto prep = d_.place_prepositions.ending_at(t_, p, lo);
    if (!prep) return {};
    int metric = -1;
    if (auto m = d_.nouns.ending_at(t_, prep.begin, lo)) metric = noun_metric(m);
    else if (auto v = d_.verbs.ending_at(t_, prep.begin, lo)) metric = verb_metric(v.payload, bare);
    if (metric < 0) return {};
    fact.place = place.payload;
    return {metric, anchor};
}

std::optional<RawFact> MetricReader::span_of_time(const Figure& f, std::size_t anchor) {
    std::size_t j = f.cue_begin;
    if (j + 1 < s_.last && t_.tokens[j].kind == TokenKind::dash && !t_.tokens[j].space_before &&
        !t_.tokens[j + 1].space_before)
        ++j;  // "48-hour"
    if (j >= s_.last || !has(d_.time_unit_words, t_, j)) return std::nullopt;
    auto unit = d_.time_units.find(t_.low(j));
    if (unit == d_.time_units.end()) return std::nullopt;
    std::size_t after = j + 1;
    if (after + 1 < s_.last && t_.tokens[after].kind == TokenKind::dash && has(d_.long_suffix, t_, after + 1))
        after += 2;  // "fortnight-long"
    else if (after < s_.last && has(d_.long_suffix, t_, after))
        ++after;

    RawFact fact;
    // "It is not a one-week blitz": a span the text denies.
    std::size_t article = f.qualifier_begin;
    if (article > s_.first && (token_is(t_, article - 1, "a") || token_is(t_, article - 1, "an"))) --article;
    if (article > s_.first && (token_is(t_, article - 1, "not") || token_is(t_, article - 1, "never"))) {
        fact.metric = -2;
        return fact;
    }
    fact.value = f.number.value * unit->second.factor;
    fact.unit = unit->second.unit;
    fact.qualifier = f.qualifier;
    fact.figure_first = f.qualifier_begin;
    fact.figure_last = after;
    fact.cue_end = after;
    auto as_duration = [&](std::size_t cue_end) {
        fact.metric = d_.metric_duration;
        fact.cue_end = cue_end;
        if (f.qualifier_is_preposition) fact.qualifier = Qualifier::exact;
        return fact;
    };

    // "a six month investigation", "48-hour operation", "two days of action"
    std::size_t end = clause_end(after, 8);
    for (std::size_t m = after, mods = 0; m < end && mods <= 3; ++m) {
        if (auto op = d_.operation_nouns.at(t_, m, end)) {
            // "a 40-day rehabilitation activity requirement" is part of a court order.
            bool court_order = false;
            for (std::size_t k = after; k < std::min(s_.last, op.end + 2); ++k)
                court_order = court_order || d_.non_custodial.at(t_, k, s_.last);
            if (court_order) break;
            return as_duration(op.end);
        }
        if (mods == 0 && token_is(t_, m, "of")) continue;
        if (t_.tokens[m].kind != TokenKind::word || (has(d_.function_words, t_, m) && !has(d_.modifiers_and, t_, m))) break;
        ++mods;
    }

    // A prison sentence: "received 3½ years imprisonment", "sentenced to 210 months".
    if (fact.unit == Unit::years || fact.unit == Unit::months) {
        // A limit ("the maximum penalty for ... is") may stand well before the figure. "Up to
        // one year and six months" is a limit too, and its months are no term of their own.
        std::size_t lo = clause_begin(anchor, 30);
        bool positive = false, negative = f.qualifier == Qualifier::up_to, sentenced_here = false;
        // The words of a clause, each asked of five lists: most start none, and their start
        // bits tell. A list added to these scans needs its bit (starts_term_cue).
        const TokenStarts starts_of(t_, d_);
        for (std::size_t m = lo; m < anchor; ++m) {
            if (!(starts_of(m) & starts_term_cue)) continue;
            if (d_.penalty_limits.at(t_, m, anchor) || d_.aggregate.at(t_, m, anchor) || d_.non_custodial.at(t_, m, anchor))
                negative = true;
            if (d_.sentence_verbs.at(t_, m, anchor)) sentenced_here = true;
            if (d_.sentence_verbs.at(t_, m, anchor) || d_.custodial.at(t_, m, anchor)) positive = true;
        }
        // "a maximum penalty of 10 years' imprisonment for possession and 14 years for
        // distribution": a term joined by "and" or "or" to a limit before it is a limit too.
        if (!sentenced_here && !negative && lo > s_.first) {
            bool joined = false;
            for (std::size_t m = lo; m < anchor && !joined; ++m) joined = token_is(t_, m, "and") || token_is(t_, m, "or");
            if (joined)
                for (std::size_t m = clause_begin(lo - 1, 30); m < lo; ++m)
                    if ((starts_of(m) & starts_term_cue) && d_.penalty_limits.at(t_, m, lo)) negative = true;
        }
        // "2 years and 3 months", "2 years 4 months"
        std::size_t tail = after;
        const std::size_t months_at = tail < s_.last && token_is(t_, tail, "and") ? tail + 1 : tail;
        if (fact.unit == Unit::years && months_at + 1 < s_.last)
            if (const Figure* g = figure_starting(months_at); g && !g->excluded) {
                auto u = d_.time_units.find(t_.low(g->number.last));
                if (u != d_.time_units.end() && u->second.unit == Unit::months) {
                    fact.value = fact.value * 12 + g->number.value;
                    fact.unit = Unit::months;
                    tail = g->number.last + 1;
                    consumed_[static_cast<std::size_t>(g - figures_.data())] = true;
                }
            }
        std::size_t right_end = clause_end(tail, 6);
        for (std::size_t m = tail; m < right_end; ++m) {
            if (!(starts_of(m) & starts_term_cue)) continue;
            if (d_.non_custodial.at(t_, m, right_end) || d_.penalty_limits.at(t_, m, right_end)) negative = true;
            if (d_.custodial.at(t_, m, right_end)) positive = true;
        }
        // "two years, suspended for 18 months"
        if (right_end < s_.last && token_is(t_, right_end, ","))
            for (std::size_t m = right_end + 1; m < std::min(s_.last, right_end + 4); ++m)
                if (token_is(t_, m, "suspended")) negative = true;
        if (d_.sentence_not_after.ending_at(t_, f.qualifier_begin, s_.first)) negative = true;
        if (after < s_.last && token_is(t_, after, "ago")) negative = true;  // "five years ago": a time, not a term
        if (positive && !negative) {
            fact.metric = d_.metric_sentence;
            fact.figure_last = tail;
            fact.cue_end = right_end;
            return fact;
        }
        fact.value = f.number.value * unit->second.factor;
        fact.unit = unit->second.unit;
    }

    // "the operation, which ran over three days"; "was conducted over a 10-day period"
    std::size_t lead_in = f.number.first;
    if (lead_in > s_.first && (token_is(t_, lead_in - 1, "a") || token_is(t_, lead_in - 1, "an")) &&
        d_.periods.at(t_, after, s_.last))
        --lead_in;
    auto link = d_.duration_links.ending_at(t_, lead_in, s_.first);
    if (!link && f.qualifier_begin < lead_in) {  // "ran for almost two years"
        lead_in = f.qualifier_begin;
        link = d_.duration_links.ending_at(t_, lead_in, s_.first);
    }
    if (link) {
        std::size_t from = link.begin > s_.first + 14 ? link.begin - 14 : s_.first;
        // "The operation, codenamed Porto and led from Catania, ran for eight months", "Project
        // Northlight involved 27 services, working together for a period of five weeks": the
        // subject the sentence opens with, across the words set off by a comma.
        bool set_off = false;
        for (std::size_t k = s_.first + 1; k < link.begin && !set_off; ++k) set_off = token_is(t_, k, ",");
        std::size_t opening = std::min(s_.first + 3, link.begin);
        if (contains_phrase(s_, d_.operation_nouns, from, link.begin) || (set_off && operation_named(s_.first, opening)))
            return as_duration(lead_in < f.number.first ? d_.periods.at(t_, after, s_.last).end : after);
    }
    // "The investigation began 14 months ago": how long it has run.
    if (after < s_.last && token_is(t_, after, "ago") && d_.start_verbs.ending_at(t_, f.qualifier_begin, s_.first)) {
        std::size_t lo = clause_begin(f.qualifier_begin);
        if (contains_phrase(s_, d_.operation_nouns, lo, f.qualifier_begin)) return as_duration(after + 1);
    }
    // "76 arrests in two days": a span of time beside another count.
    std::size_t before = f.number.first;
    if (before > s_.first && (token_is(t_, before - 1, "a") || token_is(t_, before - 1, "the"))) --before;
    if (d_.duration_after.ending_at(t_, before, s_.first)) {
        RawFact companion = as_duration(after);
        companion.needs_companion = true;
        return companion;
    }
    RawFact none;
    none.metric = -2;  // a span of time that is no fact: stop reading this figure
    return none;
}

std::optional<RawFact> MetricReader::count(const Figure& f, std::size_t anchor, const RawFact* previous) {
    // "Other communities (4) | 3 | 5", "- Other forces: 12 arrests": the rest of a breakdown is
    // neither the total nor a place.
    if (remainder_line()) return std::nullopt;
    // "A further 23 searches took place in Berlin, Hamburg and Saxony": more of the count, spread
    // over places, is neither the total nor one place's part.
    if (const std::size_t n = f.number.first;
        n >= s_.first + 1 && (token_is(t_, n - 1, "another") ||
                              (n >= s_.first + 2 && token_is(t_, n - 1, "further") && token_is(t_, n - 2, "a")))) {
        int places = 0;
        // Commas list the places: the clause is read to its next other mark.
        for (std::size_t k = f.cue_begin; k < s_.last && k < f.cue_begin + 40 && places < 2; ++k) {
            // ...and ends at the next figure ("a further eight in Edinburgh and six in Aberdeen").
            if ((s_.is_boundary(k) && !token_is(t_, k, ",")) || s_.is_figure_token(k) ||
                (d_.starts_of(t_, k) & is_number_word))
                break;
            if (auto p = s_.place_at(k)) {
                ++places;
                k = p.end - 1;
            }
        }
        if (places >= 2) return std::nullopt;
    }
    // "the remaining 25 arrests were made in Mississippi, South Carolina and Tennessee", "The
    // remaining four men charged ...": the rest of a count said before, a part of it.
    if (f.qualifier_begin >= s_.first + 2 && token_is(t_, f.qualifier_begin - 2, "the") &&
        has(d_.remainder_labels, t_, f.qualifier_begin - 1))
        return std::nullopt;
    // "Twenty-six of the thirty-one now face charges": the verb is the part's; the whole, a
    // figure without a noun of its own, was counted where it was first said.
    // ("Nine of the 40 arrested were women" says the 40 again, and is read.)
    if (std::size_t k = f.qualifier_begin; k >= s_.first + 2 && f.cue_begin < s_.last && has(d_.auxiliaries, t_, f.cue_begin)) {
        if (token_is(t_, k - 1, "the") || token_is(t_, k - 1, "those") || token_is(t_, k - 1, "these")) --k;
        if (k >= s_.first + 2 && token_is(t_, k - 1, "of") &&
            (s_.is_figure_token(k - 2) || (d_.starts_of(t_, k - 2) & is_number_word)))
            return std::nullopt;
    }
    RawFact fact;
    fact.value = f.number.value;
    fact.qualifier = f.qualifier;
    fact.figure_first = f.qualifier_begin;
    fact.figure_last = f.cue_begin;
    std::size_t end = clause_end(f.cue_begin);
    Found found;

    NounCue cue;
    Found noun = noun_after(f.cue_begin, end, cue);
    if (noun.end) {
        if (cue.metric >= 0 && !cue.needs_verb) {
            found = noun;
        } else if (cue.metric >= 0) {  // "40 separate cases" counted only when investigated
            Found verb = verb_before(anchor, 8, cue.metric);
            if (verb.metric != cue.metric) verb = verb_in(noun.end, clause_end(noun.end), 8, false, cue.metric);
            // "Nearly 50 items, including computers and phones, were seized": the predicate after
            // the examples set off by commas.
            if (verb.metric != cue.metric && noun.end + 1 < s_.last && t_.low(noun.end) == "," &&
                d_.example_cues.at(t_, noun.end + 1, s_.last))
                for (std::size_t close = noun.end + 2; close + 1 < s_.last && close < noun.end + 30; ++close)
                    if (t_.low(close) == ",") {
                        verb = verb_in(close + 1, clause_end(close + 1), 8, true, cue.metric);
                        if (verb.metric == cue.metric) break;
                    }
            if (verb.metric == cue.metric) found = {cue.metric, std::max(noun.end, verb.end)};
            // "- Bavaria: 14 searches": a list line, labelled with its place, says no verb.
            else if (after_list_label(anchor)) found = {cue.metric, noun.end};
        } else if (cue.klass != no_class) {
            found = verb_before(anchor, cue.klass);
            if (found.metric < 0) found = verb_in(noun.end, clause_end(noun.end), cue.klass, false);
            // "removed eight children from harm", "brought 12 children to safety": a verb whose
            // particle follows its object.
            // The verb says it even where a risk is named later ("removed seven children from
            // situations in which they were ... at risk of abuse").
            if ((found.metric < 0 || found.metric == d_.metric_at_risk) && (cue.klass & child) &&
                d_.safeguard_split.verbs.ending_at(t_, anchor, clause_begin(anchor)))
                if (auto rest = d_.safeguard_split.after.at(t_, noun.end, s_.last)) found = {d_.metric_safeguarded, rest.end};
            // "nine children - the youngest just a toddler - were taken to safety": the verb
            // after an aside set off by dashes.
            if (found.metric < 0 && noun.end + 2 < s_.last && spaced_dash(noun.end))
                for (std::size_t close = noun.end + 1; close < s_.last && close <= noun.end + 12; ++close)
                    if (spaced_dash(close)) {
                        found = verb_in(close + 1, clause_end(close + 1), cue.klass, true);
                        break;
                    }
            found.end = std::max(found.end, noun.end);
        } else {
            // "search warrants were executed at 22 addresses": the places searched count the
            // warrants; otherwise "390 offences", "19 countries" count nothing of ours.
            std::size_t lo = clause_begin(anchor);
            auto a = d_.active_only.ending_at(t_, anchor, lo);
            if (!a || a.payload != d_.metric_search_warrants) return std::nullopt;
            found = {a.payload, noun.end};
        }
    } else if (auto part = d_.partitive.at(t_, f.cue_begin, end)) {
        // "39 of the people arrested were already on the register": the predicate decides.
        std::size_t p = part.end;
        std::size_t pend = clause_end(p);
        while (p < pend && !has(d_.auxiliaries, t_, p)) ++p;
        found = verb_in(p, pend, person | child | bare, false);
        if (found.metric < 0) found = verb_before(anchor, bare);  // "charged 11 of them"
        // "with 16 of those detained in Dublin": no predicate, the participle says what they were.
        // ("Nine of those arrested were over 60" has a predicate, of another kind: no count.)
        if (found.metric < 0 && p >= pend) found = verb_in(part.end, pend, person | child | bare, true);
        if (found.metric < 0) {  // "Four of the arrests were on the Isle of Wight"
            NounCue counted;
            Found noun = noun_after(part.end, pend, counted);
            if (noun.end && noun_metric(counted) >= 0) found = noun;
        }
        // "Nine of them were from Marion County": a part, by place, of the people counted before.
        // ("Seven of the accused are from Moose Jaw": the group may be named by a noun of people.)
        std::size_t group_end = part.end;
        if (auto people = d_.nouns.at(t_, part.end, pend);
            people && d_.noun_cues[static_cast<std::size_t>(people.payload)].klass == person)
            group_end = people.end;
        // "Eleven of those charged are from Brisbane": the participle names the group and what
        // counted it.
        int participle = -1;
        if (auto verb = group_end < pend ? d_.verbs.at(t_, group_end, pend) : PhraseSet::Match{})
            if (participle = verb_metric(verb.payload, person | bare); participle >= 0) group_end = verb.end;
        const int group_metric = participle >= 0 ? participle : people_metric_;
        if (found.metric < 0 && !previous && group_metric >= 0 &&
            (!token_is(t_, part.end - 1, "the") || group_end > part.end)) {
            std::size_t after = group_end;
            while (after < pend && has(d_.auxiliaries, t_, after)) ++after;
            if (part_place(after, pend)) found = {group_metric, after};
        }
        // A share is a part: its place limits it even where the report is local to that place.
        if (found.metric >= 0) {
            std::size_t after = std::max(found.end, part.end);
            std::optional<int> place = clause_place(s_, f.qualifier_begin, after);
            while (!place && after < pend && has(d_.auxiliaries, t_, after)) ++after;
            if (!place) place = part_place(after, pend);  // "Eight of the accused are from Saskatoon"
            if (place) fact.place = place;
        }
    } else {
        found = verb_in(f.cue_begin, end, bare, true);
        if (found.metric < 0) {
            bool ends_here = f.cue_begin >= end || (f.cue_begin < s_.last && has(d_.function_words, t_, f.cue_begin)) || s_.is_boundary(f.cue_begin);
            if (ends_here) found = verb_before(anchor, bare);
        }
        if (found.metric < 0) found = noun_before(anchor);
        if (found.metric < 0) found = label_before(anchor, fact);
    }
    if (found.metric < 0 && previous && previous->metric != d_.metric_duration && previous->metric != d_.metric_sentence &&
        d_.running_total.ending_at(t_, anchor, s_.first))
        found = {previous->metric, f.cue_begin};  // "A further 11 were arrested, bringing the total to 61"
    if (found.metric < 0) {
        // A breakdown by place of a count said just before: "14 people were arrested in
        // Lincolnshire, nine in Leicestershire", "Of the 80 people arrested, 31 were in Kent",
        // "80 were arrested, 31 of them in Kent", "Of those arrested, 31 were in Kent". Without
        // a place after it such a figure stays unread ("31 were men").
        int inherited = previous ? previous->metric : opening_partitive_metric();
        if (inherited >= 0 && inherited != d_.metric_sentence && inherited != d_.metric_duration) {
            std::size_t p = f.cue_begin;
            if (auto part = d_.partitive.at(t_, p, end)) p = part.end;
            while (p < end && (has(d_.auxiliaries, t_, p) || has(d_.links, t_, p))) ++p;  // "seven were made in"
            if (p < end && (d_.place_prepositions.at(t_, p, end) || d_.residence.at(t_, p, end))) {
                std::optional<int> place = clause_place(s_, f.qualifier_begin, p);
                if (!place) place = part_place(p, end);
                if (place) {
                    found = {inherited, p};
                    fact.place = place;
                }
            } else if (previous) {
                // "Milwaukee County accounted for 11 arrests, Dane County for 8"
                std::optional<int> place = place_then_figure(s_, f.qualifier_begin, true);
                if (!place && f.qualifier_begin > s_.first && !token_is(t_, f.qualifier_begin - 1, "the"))
                    place = place_before_figure(s_, f.qualifier_begin);
                if (place) {
                    found = {inherited, f.cue_begin};
                    fact.place = place;
                }
            }
        }
    }
    // "The warrant was one of 33 executed": the figure counts what the subject names.
    if (found.metric < 0 && anchor >= s_.first + 2 && token_is(t_, anchor - 1, "of") && token_is(t_, anchor - 2, "one"))
        for (std::size_t k = anchor - 2, lo = clause_begin(anchor - 2); k > lo && found.metric < 0; --k)
            if (auto noun = d_.nouns.ending_at(t_, k, lo)) found = {noun_metric(noun), f.cue_begin};
    if (found.metric < 0 && d_.partitive.at(t_, s_.first, s_.last)) {
        // "Of those 26, nine were said to be at serious risk": a share of the children counted before.
        std::size_t p = f.cue_begin;
        for (bool skipped = true; skipped && p < end;) {
            skipped = false;
            if (has(d_.auxiliaries, t_, p) || has(d_.speech_verbs, t_, p) || token_is(t_, p, "to") || token_is(t_, p, "be")) {
                ++p;
                skipped = true;
            } else if (auto link = d_.risk_links.at(t_, p, end)) {  // "were assessed as being at risk"
                p = link.end;
                skipped = true;
            }
        }
        if (auto risk = d_.risk.at(t_, p, end)) found = {d_.metric_at_risk, risk.end};
    }
    // "Vienna: 21" under "The house searches were distributed as follows:" (a list whose
    // heading names what its figures count).
    if (found.metric < 0) found = share_of_most(f, anchor, fact);
    if (found.metric < 0) found = figure_in_brackets(f, fact);
    // "Lambeth | 7 | 6" under "Borough | Warrants executed | Arrests": the column's metric,
    // the row's label its place.
    if (found.metric < 0 && !columns_.empty() &&
        (f.cue_begin >= s_.last || token_is(t_, f.cue_begin, "|") || cell_gap_before(t_, f.cue_begin))) {
        const bool spaced = spaced_row(s_);
        std::size_t column = 0, first_gap = 0;
        for (std::size_t k = s_.first; k <= f.qualifier_begin && k < s_.last; ++k) {
            const bool gap = spaced && k > s_.first && cell_gap_before(t_, k);
            if (gap && !first_gap) first_gap = k;
            if (k < f.qualifier_begin) column += token_is(t_, k, "|");
            if (gap) column += 1;
        }
        if (column < columns_.size() && columns_[column] >= 0) {
            found = {columns_[column], f.cue_begin};
            std::size_t k = s_.first, separator = 0;
            while (k < s_.last && t_.tokens[k].kind != TokenKind::word) ++k;
            if (auto label = s_.label_place_at(k, &separator); label && token_is(t_, separator, "|")) fact.place = label.payload;
            // "Allegheny      24": the first cell, a place known or written, up to the first gap.
            else if (first_gap > s_.first) {
                if (auto place = s_.place_match_ending_at(first_gap, 5)) fact.place = place.payload;
                else if (auto written = s_.written_place_ending_at(first_gap)) fact.place = written;
            }
        }
    }
    if (found.metric < 0 && heading_metric_ >= 0 && (f.cue_begin >= s_.last || s_.is_boundary(f.cue_begin))) {
        // The label is the line's place, listed or not ("Styria: 12", "Blair County - 6", "New
        // South Wales 14"); a label that is no place ("Other provinces: 30") says nothing we can scope.
        std::size_t k = s_.first;
        while (k < anchor && t_.tokens[k].kind != TokenKind::word) ++k;  // a bullet
        std::size_t separator = 0;
        if (auto label = s_.label_place_at(k, &separator); label && (separator + 1 == anchor || separator == anchor)) {
            found = {heading_metric_, f.cue_begin};
            fact.place = label.payload;
        }
    }
    if (found.metric < 0) found = aligned_row(f, anchor);
    if (found.metric < 0) found = appositive(f, anchor, fact);
    if (found.metric < 0) found = inline_breakdown(f, anchor, fact);
    if (found.metric < 0 || !requirement_met(found.metric)) return std::nullopt;
    if (d_.not_after[static_cast<std::size_t>(found.metric)].ending_at(t_, f.qualifier_begin, s_.first)) return std::nullopt;
    // People and things come whole: "3.3 Arrests by district" numbers a section.
    if (fact.value != std::floor(fact.value)) return std::nullopt;
    // "one suspect's phone": the people are whose the thing is, not what is counted.
    if (noun.end && noun.end < s_.last && t_.tokens[noun.end].kind == TokenKind::possessive) return std::nullopt;
    // "arrest around 850 people a month", "25 referrals a day": a rate, not a count.
    if (std::size_t after = std::max(noun.end, f.cue_begin); after < s_.last)
        if (auto rate = d_.rate_after.at(t_, after, s_.last);
            rate && (rate.end >= s_.last || !has(d_.not_rate_after, t_, rate.end)))
            return std::nullopt;
    // "the devices of one defendant" says the same of a person after "of".
    if ((d_.metric_takes[static_cast<std::size_t>(found.metric)] & person) && f.qualifier_begin >= s_.first + 2 &&
        token_is(t_, f.qualifier_begin - 1, "of") && has(d_.things_people_own, t_, f.qualifier_begin - 2))
        return std::nullopt;
    if (found.metric == d_.metric_sentence || found.metric == d_.metric_duration) return std::nullopt;
    // "4,100 images on a laptop and two phones": the devices the images were on, not a count
    // of what was seized.
    if (found.metric == d_.metric_devices)
        for (std::size_t k = f.qualifier_begin, lo = clause_begin(f.qualifier_begin); k > lo && f.qualifier_begin - k < 5; --k) {
            if (token_is(t_, k - 1, "on") || token_is(t_, k - 1, "onto") || token_is(t_, k - 1, "across")) return std::nullopt;
            if (d_.verbs.ending_at(t_, k, lo)) break;
        }
    fact.metric = found.metric;
    fact.cue_end = std::max(found.end, f.cue_begin);
    // "almost half of the arrests - 11 - were in Stoke-on-Trent": a figure set off by dashes
    // takes the place of the clause after them.
    if (!fact.place && f.qualifier_begin > s_.first && spaced_dash(f.qualifier_begin - 1) && spaced_dash(f.cue_begin))
        if (std::optional<int> place = clause_place(s_, f.qualifier_begin, f.cue_begin + 1)) fact.place = place;
    // "Argentina reported 22 arrests and the rescue of 11 children": the count joined by "and"
    // to one whose place is its subject is limited to it too, unless it names its own.
    if (!fact.place && previous && previous->cue_end <= f.qualifier_begin && f.qualifier_begin - previous->cue_end <= 6) {
        bool joined = false;
        for (std::size_t k = previous->cue_end; k < f.qualifier_begin; ++k) {
            if (s_.is_boundary(k) || token_is(t_, k, ",") || s_.is_figure_token(k) || s_.place_at(k)) {
                joined = false;
                break;
            }
            joined = joined || token_is(t_, k, "and");
        }
        std::optional<int> subject = joined ? previous->place : std::nullopt;
        if (joined && !subject) subject = place_then_figure(s_, previous->figure_first, false);
        if (subject && !clause_place(s_, f.qualifier_begin, fact.cue_end)) fact.place = subject;
    }
    return fact;
}

// "The largest number of arrests, 19, was made in Silesia": a figure set off by commas after
// the noun it counts, and the place in the clause after it.
Found MetricReader::appositive(const Figure& f, std::size_t anchor, RawFact& fact) const {
    // Set off by commas, or by spaced dashes: "almost half of the arrests - 11 - were in Stoke".
    const bool commas = anchor >= s_.first + 2 && token_is(t_, anchor - 1, ",") && f.cue_begin < s_.last &&
                        token_is(t_, f.cue_begin, ",");
    const bool dashes = anchor >= s_.first + 2 && spaced_dash(anchor - 1) && spaced_dash(f.cue_begin);
    if (!commas && !dashes) return {};
    auto noun = d_.nouns.ending_at(t_, anchor - 1, s_.first);
    if (!noun) return {};
    int metric = noun_metric(noun);
    // "The largest number of searches, 12, took place in Dublin": a noun that counts only with
    // its verb, which follows the figure.
    const NounCue& cue = d_.noun_cues[static_cast<std::size_t>(noun.payload)];
    if (metric < 0 && cue.metric >= 0 && cue.needs_verb &&
        verb_in(f.cue_begin + 1, clause_end(f.cue_begin + 1), 8, true, cue.metric).metric == cue.metric)
        metric = cue.metric;
    if (metric < 0) return {};
    if (std::optional<int> place = clause_place(s_, f.qualifier_begin, f.cue_begin + 1)) fact.place = place;
    return {metric, f.cue_begin};
}

// The metric of a second verb joined to the one that named the fact's: "arrested and charged",
// "charged and convicted"; not "arrested 29 and charged 12", whose second verb has a figure.
int MetricReader::second_verb(const RawFact& fact) const {
    if (fact.metric == d_.metric_duration || fact.metric == d_.metric_sentence) return -1;
    std::size_t j = fact.cue_end;
    if (j + 1 >= s_.last || t_.low(j) != "and" || !d_.verbs.ending_at(t_, j, s_.first)) return -1;
    ++j;
    while (j < s_.last && has(d_.auxiliaries, t_, j)) ++j;
    auto verb = j < s_.last ? d_.verbs.at(t_, j, s_.last) : PhraseSet::Match{};
    if (!verb || (verb.end < s_.last && (s_.is_figure_token(verb.end) || (d_.starts_of(t_, verb.end) & is_number_word))))
        return -1;
    const int metric = verb_metric(verb.payload, person | bare);
    return metric != fact.metric ? metric : -1;
}

// A line of a list or a table's row labelled as the rest of a breakdown: "Others: 12".
bool MetricReader::remainder_line() const {
    if (s_.first > 0 && t_.tokens[s_.first].newlines_before == 0) return false;
    std::size_t k = s_.first;
    while (k < s_.last && t_.tokens[k].kind != TokenKind::word) ++k;  // a bullet
    if (k >= s_.last || !s_.upper(k) || !has(d_.remainder_labels, t_, k)) return false;
    for (std::size_t j = k + 1; j < s_.last && j <= k + 8; ++j)
        if (token_is(t_, j, ":") || token_is(t_, j, "|") || cell_gap_before(t_, j)) return true;
    return false;
}

// A list line's place label just before the figure: "- Bavaria: 14 searches".
bool MetricReader::after_list_label(std::size_t anchor) const {
    if (s_.first > 0 && t_.tokens[s_.first].newlines_before == 0) return false;
    std::size_t k = s_.first;
    while (k < anchor && t_.tokens[k].kind != TokenKind::word) ++k;  // a bullet
    std::size_t separator = 0;
    if (!s_.label_place_at(k, &separator) || anchor <= separator) return false;
    if (separator + 1 == anchor) return true;
    // "- Limburg: 3 arrests, 5 searches": the line's later items, each a figure and its noun,
    // after a comma or "and"; a verb among them makes a sentence of the line, read as one.
    if (anchor - separator > 12 || !(token_is(t_, anchor - 1, ",") || token_is(t_, anchor - 1, "and"))) return false;
    for (std::size_t j = separator + 1; j + 1 < anchor; ++j) {
        const bool item = s_.is_figure_token(j) || token_is(t_, j, ",") || token_is(t_, j, "and") ||
                          (t_.tokens[j].kind == TokenKind::word && !s_.upper(j));
        if (!item || d_.verbs.at(t_, j, s_.last)) return false;
    }
    return true;
}

// A row of a table laid out with spaces, its figure last on the line and set apart by two or
// more spaces: "Search warrants executed        63". The row's label names the metric.
Found MetricReader::aligned_row(const Figure& f, std::size_t anchor) const {
    if (anchor <= s_.first || (f.cue_begin < s_.last && t_.tokens[f.cue_begin].newlines_before == 0)) return {};
    if (t_.tokens[anchor].begin - t_.tokens[anchor - 1].end < 2) return {};
    std::size_t line = anchor - 1;
    while (line > s_.first && t_.tokens[line].newlines_before == 0) --line;
    for (std::size_t j = line; j < anchor; ++j) {
        if (auto noun = d_.nouns.at(t_, j, anchor)) {
            const NounCue& cue = d_.noun_cues[static_cast<std::size_t>(noun.payload)];
            if (noun_metric(cue) >= 0) return {cue.metric, f.cue_begin};
            if (cue.metric >= 0)  // "Devices seized": a noun and its verb
                for (std::size_t v = noun.end; v < anchor; ++v)
                    if (auto verb = d_.verbs.at(t_, v, anchor); verb && verb_metric(verb.payload, 0xFF, cue.metric) >= 0)
                        return {cue.metric, f.cue_begin};
            return {};
        }
        if (auto verb = d_.verbs.at(t_, j, anchor)) {  // "Charged", "Children safeguarded"
            const int metric = verb_metric(verb.payload, bare);
            return metric >= 0 ? Found{metric, f.cue_begin} : Found{};
        }
    }
    return {};
}

// "Arrests by district were: Sheffield 19, Doncaster 12 and Barnsley 7": a place before each
// figure, after a colon that follows what the figures count.
Found MetricReader::inline_breakdown(const Figure& f, std::size_t anchor, RawFact& fact) const {
    auto place = s_.place_match_ending_at(anchor, 5);
    if (!place) return {};
    std::size_t colon = place.begin;
    while (colon > s_.first && !token_is(t_, colon - 1, ":")) --colon;
    if (colon <= s_.first + 1) return {};
    for (std::size_t j = s_.first; j + 1 < colon; ++j) {
        if (t_.tokens[j].kind != TokenKind::word) continue;
        const NamedMetric named = metric_named_at(s_, j);
        if (named.metric < 0) return {};  // the first word says what the figures count, or nothing does
        fact.place = place.payload;
        return {named.metric, f.cue_begin};
    }
    return {};
}

// One figure for each of two places: "Colchester and Basildon each saw five", "one each in
// Kerala and Odisha". The places, in the order of the text.
std::optional<std::pair<int, int>> MetricReader::places_each(const Figure& f, std::size_t anchor) const {
    if (f.cue_begin < s_.last && token_is(t_, f.cue_begin, "each")) {
        std::size_t k = f.cue_begin + 1;
        auto prep = d_.residence.at(t_, k, s_.last);
        if (!prep) prep = d_.place_prepositions.at(t_, k, s_.last);
        if (!prep) return std::nullopt;
        k = prep.end;
        if (k < s_.last && token_is(t_, k, "the")) ++k;
        auto first = s_.place_at(k);
        if (!first || first.end + 1 >= s_.last || !token_is(t_, first.end, "and")) return std::nullopt;
        std::size_t m = first.end + 1;
        if (token_is(t_, m, "the")) ++m;
        auto second = s_.place_at(m);
        if (!second) return std::nullopt;
        return std::pair{first.payload, second.payload};
    }
    std::size_t p = anchor;
    if (auto verb = d_.place_verbs.ending_at(t_, p, s_.first)) p = verb.begin;
    if (p <= s_.first + 3 || !token_is(t_, p - 1, "each")) return std::nullopt;
    auto second = s_.place_match_ending_at(p - 1, 5);
    if (!second || second.begin <= s_.first + 1 || !token_is(t_, second.begin - 1, "and")) return std::nullopt;
    auto first = s_.place_match_ending_at(second.begin - 1, 5);
    if (!first) return std::nullopt;
    return std::pair{first.payload, second.payload};
}

void MetricReader::read(std::size_t sentence_index, std::vector<RawFact>& out) {
    const std::size_t first_fact = out.size();  // this sentence's facts are out[first_fact, ...)
    consumed_.assign(figures_.size(), false);
    for (std::size_t k = 0; k < figures_.size(); ++k) {
        const Figure& f = figures_[k];
        if (f.excluded || f.range_with >= 0 || consumed_[k]) continue;
        const Figure* lower = nullptr;
        if (f.range_upper && k > 0 && figures_[k - 1].range_with == static_cast<int>(k)) lower = &figures_[k - 1];
        std::size_t anchor = lower ? lower->qualifier_begin : f.qualifier_begin;
        if (lower && anchor > s_.first && (token_is(t_, anchor - 1, "between") || token_is(t_, anchor - 1, "from"))) --anchor;

        std::optional<RawFact> fact = span_of_time(f, anchor);
        if (fact && fact->metric == -2) continue;
        if (!fact) fact = count(f, anchor, out.size() == first_fact ? nullptr : &out.back());
        if (!fact) continue;
        fact->sentence = sentence_index;
        if (lower) {
            RawFact low = *fact;
            double factor = f.number.value != 0 ? fact->value / f.number.value : 1.0;  // "fortnight" counts two
            low.value = lower->number.value * factor;
            low.qualifier = lower->qualifier;
            low.figure_first = lower->qualifier_begin;
            out.push_back(low);
        }
        if (fact->metric != d_.metric_duration && fact->metric != d_.metric_sentence)
            if (auto both = places_each(f, anchor)) {
                RawFact first = *fact;
                first.place = both->first;
                fact->place = both->second;
                out.push_back(first);
            }
        out.push_back(*fact);
        // "29 people have been arrested and charged": one figure counts both.
        if (const int second = second_verb(*fact); second >= 0) {
            RawFact twin = *fact;
            twin.metric = second;
            out.push_back(twin);
        }
    }
    // "a week-long operation", "a fortnight of action": a span of time without a figure.
    // Only at a word of a unit of time, found without a call per token.
    const std::size_t last_unit = s_.last > s_.first ? s_.last - 1 : s_.first;  // a unit needs a word after it
    const TokenStarts starts_of(t_, d_);
    auto next_unit = [&](std::size_t j) {  // by start bits: one load per token
        while (j < last_unit && !(starts_of(j) & is_time_unit)) ++j;
        return j;
    };
    // One unit of time as the operation's duration, read from tokens [first, end).
    auto one_unit = [&](const auto& time_unit, std::size_t first, std::size_t end) {
        RawFact fact;
        fact.metric = d_.metric_duration;
        fact.value = time_unit.factor;
        fact.unit = time_unit.unit;
        fact.figure_first = first;
        fact.figure_last = fact.cue_end = end;
        fact.sentence = sentence_index;
        out.push_back(fact);
    };
    for (std::size_t j = next_unit(s_.first); j < last_unit; j = next_unit(j + 1)) {
        auto unit = d_.time_units.find(t_.low(j));
        if (unit == d_.time_units.end() || (j > s_.first && figure_starting(j - 1))) continue;
        if (j > s_.first && (s_.is_figure_token(j - 1) || (t_.tokens[j - 1].kind == TokenKind::dash && j > s_.first + 1 &&
                                                            s_.is_figure_token(j - 2))))
            continue;
        std::size_t k = j + 1;
        bool long_suffix = false;
        if (k + 1 < s_.last && t_.tokens[k].kind == TokenKind::dash && has(d_.long_suffix, t_, k + 1)) {
            if (t_.low(j).ends_with('s')) continue;  // "a months-long investigation": how many months is not said
            k += 2;
            long_suffix = true;
        } else if (token_is(t_, k, "of") && j > s_.first && (token_is(t_, j - 1, "a") || token_is(t_, j - 1, "one"))) {
            ++k;
        } else if (token_is(t_, k, "of") && j > s_.first && (token_is(t_, j - 1, "the") || token_is(t_, j - 1, "this")) &&
                   !t_.low(j).ends_with('s') && k + 1 < s_.last && !has(d_.function_words, t_, k + 1)) {
            ++k;  // "the day of action"; not "the day of the raids", nor "the days of action"
        } else if (ran_for_a(j) || action_unit(j)) {
            // "Operation Sgiath ran for a month": one month; "during a coordinated action week":
            // one week of action.
            one_unit(unit->second, j - 1, j + 1);
            continue;
        } else {
            continue;
        }
        std::size_t end = clause_end(k, 6);
        for (std::size_t m = k, mods = 0; m < end && mods <= 3; ++m, ++mods) {
            if (d_.operation_nouns.at(t_, m, end)) {
                one_unit(unit->second, j, m + 1);
                break;
            }
            // "a fortnight of targeted enforcement": one modifier before the noun.
            if (t_.tokens[m].kind != TokenKind::word || (!long_suffix && mods > 1)) break;
        }
    }
    // A span of time "in two days" is the operation's only beside a count it qualifies.
    bool counts = false;
    for (std::size_t k = first_fact; k < out.size(); ++k) counts = counts || !out[k].needs_companion;
    if (!counts) out.resize(first_fact);
}

}  // namespace

void read_facts(const SentenceView& s, const std::vector<Figure>& figures, std::size_t sentence_index,
                const ReadBefore& before, std::vector<RawFact>& out) {
    MetricReader reader(s, figures, before);
    reader.read(sentence_index, out);
}

bool long_span_of_time(const SentenceView& s) {
    // Asked of nearly every sentence, and every rule needs a word of a unit of time: those
    // are found by their start bits (one load per token, no call) and only their neighbours
    // are read.
    const TokenizedText& t = s.t;
    const TokenStarts starts_of(t, s.d);
    auto next_unit = [&](std::size_t j) {
        while (j < s.last && !(starts_of(j) & is_time_unit)) ++j;
        return j;
    };
    auto is_action = [&](std::size_t j) { return t.tokens[j].size() == 6 && token_is(t, j, "action"); };
    for (std::size_t u = next_unit(s.first); u < s.last; u = next_unit(u + 1)) {
        // "a week-long operation"
        if (u + 2 < s.last && t.tokens[u + 1].kind == TokenKind::dash && has(s.d.long_suffix, t, u + 2)) return true;
        // "an action week"
        if (u > s.first && u + 1 < s.last && is_action(u - 1)) return true;
        // "a day of action", also at the end of the sentence
        if (u + 2 < s.last && token_is(t, u + 1, "of") && is_action(u + 2)) return true;
        // "The operation ran for a month" (read_facts decides whether the operation is the subject)
        if (u >= s.first + 2 && (token_is(t, u - 1, "a") || token_is(t, u - 1, "an")) &&
            s.d.duration_links.ending_at(t, u - 1, s.first))
            return true;
    }
    return false;
}


bool spaced_row(const SentenceView& s) {
    if (s.last - s.first > 64) return false;  // a row holds a few cells, not a paragraph
    int gaps = 0;
    for (std::size_t k = s.first + 1; k < s.last; ++k) {
        if (s.t.tokens[k].newlines_before > 0) return false;
        gaps += cell_gap_before(s.t, k);
    }
    return gaps >= 2;
}

std::vector<int> table_columns(const SentenceView& s) {
    std::vector<int> columns(1, -1);
    bool named = false;
    const bool spaced = spaced_row(s);
    // "Investigated (not detained)": a header that denies its metric names none.
    bool denied = false;
    for (std::size_t j = s.first; j < s.last; ++j) {
        if (token_is(s.t, j, "|")) {
            columns.push_back(-1);
            denied = false;
            continue;
        }
        if (spaced && j > s.first && cell_gap_before(s.t, j)) {
            columns.push_back(-1);
            denied = false;
        }
        if (has(s.d.negations, s.t, j)) {
            denied = true;
            columns.back() = -1;
        }
        if (!denied && columns.back() < 0) columns.back() = metric_named_at(s, j).metric;
    }
    for (int column : columns) named = named || column >= 0;
    if (columns.size() < 2 || !named) return {};
    return columns;
}

int heading_metric(const SentenceView& s, bool headline) {
    // A heading ends with a colon ("Arrests by area:", "The searches were distributed as
    // follows:") or is a short line of its own ("## Arrests by area").
    if (s.last <= s.first + 1) return -1;
    if (!token_is(s.t, s.last - 1, ":") && !(headline && s.last - s.first <= 6)) return -1;
    for (std::size_t j = s.first; j + 1 < s.last; ++j) {
        NamedMetric named = metric_named_at(s, j);
        if (named.metric >= 0) return named.metric;
        if (named.end) j = named.end - 1;
    }
    return -1;
}

}  // namespace optally::extract::detail
