#include "optally/extract/lexicon.hpp"

#include <algorithm>
#include <fstream>
#include <functional>
#include <map>
#include <mutex>

#include "lexicon_data.hpp"
#include "optally/facts/data_dir.hpp"
#include "optally/facts/errors.hpp"
#include "optally/facts/vocabulary.hpp"

namespace optally::extract {

namespace detail {

namespace {

using nlohmann::json;

// Reads one section with the file and section named in every error.
struct Reader {
    const std::string& file;
    WordIds& ids;

    [[noreturn]] void fail(const std::string& section, const std::string& what) const {
        throw InputError(file, 0, section, what);
    }
    const json& object(const json& j, const std::string& section) const {
        if (!j.is_object()) fail(section, "expected an object");
        return j;
    }
    std::vector<std::string> strings(const json& j, const std::string& section) const {
        if (!j.is_array()) fail(section, "expected a list of strings");
        std::vector<std::string> out;
        for (const auto& item : j) {
            if (!item.is_string()) fail(section, "expected a list of strings, found " + item.dump());
            out.push_back(item.get<std::string>());
        }
        return out;
    }
    void phrases(const json& j, const std::string& section, PhraseSet& set, int payload = 0) const {
        for (const auto& phrase : strings(j, section)) set.add(phrase, payload, ids);
    }
    // Lists looked up one token at a time hold single words only.
    void words(const json& j, const std::string& section, WordSet& set) const {
        for (const auto& word : strings(j, section)) {
            auto w = phrase_words(word);
            if (w.size() != 1) fail(section, "'" + word + "' is not a single word");
            set.insert(w.front(), ids);
        }
    }
    void numbers(const json& j, const std::string& section, WordMap<double>& map) const {
        for (const auto& [key, value] : object(j, section).items()) {
            if (!value.is_number()) fail(section, "'" + key + "' must map to a number");
            map[lower(key)] = value.get<double>();
        }
    }
    static std::string lower(std::string s) {
        for (char& c : s)
            if (c >= 'A' && c <= 'Z') c = static_cast<char>(c + 32);
        return s;
    }
    // Applies `handle` to each key of an object section, rejecting keys it does not know.
    void sections(const json& j, const std::string& section,
                  const std::map<std::string, std::function<void(const json&, const std::string&)>>& handlers) const {
        for (const auto& [key, value] : object(j, section).items()) {
            std::string where = section.empty() ? key : section + "." + key;
            auto found = handlers.find(key);
            if (found == handlers.end()) {
                std::string known;
                for (const auto& [name, _] : handlers) known += (known.empty() ? "" : ", ") + name;
                fail(where, "unknown section; known here: " + known);
            }
            found->second(value, where);
        }
    }
};

Qualifier qualifier_named(const Reader& r, const std::string& name, const std::string& section) {
    auto q = parse_qualifier(name);
    if (!q) r.fail(section, "unknown qualifier '" + name + "'");
    return *q;
}

int metric_index(LexiconData& d, const std::string& name) {
    for (std::size_t i = 0; i < d.metric_names.size(); ++i)
        if (d.metric_names[i] == name) return static_cast<int>(i);
    d.metric_names.push_back(name);
    d.metric_takes.push_back(0);
    d.required_in_sentence.emplace_back();
    d.not_after.emplace_back();
    return static_cast<int>(d.metric_names.size() - 1);
}

void add_noun(LexiconData& d, const std::string& phrase, NounCue cue) {
    int index = static_cast<int>(d.noun_cues.size());
    if (d.nouns.add(phrase, index, d.ids) == index) d.noun_cues.push_back(cue);
}

void add_verb(LexiconData& d, const std::string& phrase, VerbCue cue) {
    int index = static_cast<int>(d.verb_cues.size());
    int got = d.verbs.add(phrase, index, d.ids);
    if (got == index) d.verb_cues.emplace_back();
    d.verb_cues[static_cast<std::size_t>(got)].push_back(cue);
}

std::uint8_t classes(const Reader& r, const json& j, const std::string& section) {
    std::uint8_t bits = 0;
    for (const auto& name : r.strings(j, section)) {
        if (name == "person") bits |= person;
        else if (name == "child") bits |= child;
        else if (name == "bare") bits |= bare;
        else r.fail(section, "unknown noun class '" + name + "' (person, child, bare)");
    }
    return bits;
}

void read_metric(LexiconData& d, const Reader& r, const std::string& name, const json& j, const std::string& where) {
    int metric = metric_index(d, name);
    // A user file adding verbs to a known metric keeps what the metric's verbs count.
    auto& known = d.metric_takes[static_cast<std::size_t>(metric)];
    if (j.contains("takes")) known = classes(r, j.at("takes"), where + ".takes");
    std::uint8_t takes = known;
    r.sections(j, where,
               {{"nouns", [&](const json& v, const std::string& s) {
                     for (const auto& p : r.strings(v, s)) add_noun(d, p, {metric, no_class, false});
                 }},
                {"nouns_with_verb", [&](const json& v, const std::string& s) {
                     for (const auto& p : r.strings(v, s)) add_noun(d, p, {metric, no_class, true});
                 }},
                {"verbs", [&](const json& v, const std::string& s) {
                     // Verbs that count a noun of the metric itself ("items seized") take it too.
                     for (const auto& p : r.strings(v, s)) add_verb(d, p, {metric, static_cast<std::uint8_t>(takes | 8)});
                 }},
                {"active_only", [&](const json& v, const std::string& s) { r.phrases(v, s, d.active_only, metric); }},
                {"requires_in_sentence",
                 [&](const json& v, const std::string& s) {
                     r.phrases(v, s, d.required_in_sentence[static_cast<std::size_t>(metric)]);
                 }},
                {"not_after",
                 [&](const json& v, const std::string& s) { r.phrases(v, s, d.not_after[static_cast<std::size_t>(metric)]); }},
                {"takes", [](const json&, const std::string&) {}}});
}

TimeUnit time_unit(const Reader& r, const json& j, const std::string& section) {
    auto parse = [&](const json& unit) {
        if (!unit.is_string()) r.fail(section, "expected a unit name");
        auto u = parse_unit(unit.get<std::string>());
        if (!u || *u == Unit::none) r.fail(section, "unknown unit " + unit.dump());
        return *u;
    };
    if (j.is_object()) {
        if (!j.contains("unit")) r.fail(section, "expected {\"unit\": ..., \"factor\": ...}");
        TimeUnit t{parse(j.at("unit")), 1.0};
        if (j.contains("factor")) {
            if (!j.at("factor").is_number()) r.fail(section, "factor must be a number");
            t.factor = j.at("factor").get<double>();
        }
        return t;
    }
    return {parse(j), 1.0};
}

void read_places(LexiconData& d, const Reader& r, const json& j, const std::string& section, PlaceKind kind) {
    if (!j.is_array()) r.fail(section, "expected a list of places");
    for (const auto& item : j) {
        Place place;
        place.kind = kind;
        std::vector<std::string> aliases, police, demonyms;
        if (item.is_string()) {
            place.name = item.get<std::string>();
        } else if (item.is_object() && item.contains("name") && item.at("name").is_string()) {
            place.name = item.at("name").get<std::string>();
            if (item.contains("force")) {
                if (!item.at("force").is_string()) r.fail(section, "'force' of " + place.name + " must be a string");
                place.force = item.at("force").get<std::string>();
            }
            if (item.contains("aliases")) aliases = r.strings(item.at("aliases"), section + "." + place.name);
            if (item.contains("police")) police = r.strings(item.at("police"), section + "." + place.name);
            if (item.contains("demonyms")) demonyms = r.strings(item.at("demonyms"), section + "." + place.name);
            if (item.contains("kind")) {
                static const std::map<std::string, PlaceKind> kinds = {
                    {"country", PlaceKind::country}, {"nation", PlaceKind::nation}, {"state", PlaceKind::state},
                    {"force", PlaceKind::force},     {"county", PlaceKind::county}, {"city", PlaceKind::city}};
                auto k = kinds.find(item.at("kind").is_string() ? item.at("kind").get<std::string>() : "");
                if (k == kinds.end()) r.fail(section, "unknown kind for " + place.name);
                place.kind = k->second;
            }
        } else {
            r.fail(section, "a place is a name or an object with a \"name\", found " + item.dump());
        }
        if (place.kind == PlaceKind::force && place.force.empty()) place.force = place.name;
        int index = static_cast<int>(d.places.size());
        d.places.push_back(place);
        d.place_names.add(place.name, index, d.ids);
        for (const auto& alias : aliases) d.place_names.add(alias, index, d.ids);
        for (const auto& demonym : demonyms) d.demonyms.add(demonym, index, d.ids);
        for (const auto& name : police) {
            d.place_names.add(name, index, d.ids);
            d.police_names.add(name, index, d.ids);
        }
    }
}

}  // namespace

void read_source(LexiconData& d, const std::string& file, const json& doc) {
    Reader r{file, d.ids};
    auto list = [&](PhraseSet& set) { return [&](const json& v, const std::string& s) { r.phrases(v, s, set); }; };
    // Phrases that also go into the combined context scan with their bit.
    auto cue_list = [&](PhraseSet& set, int bit) {
        return [&, bit](const json& v, const std::string& s) {
            for (const auto& phrase : r.strings(v, s)) {
                set.add(phrase, 0, d.ids);
                d.context_cue_bits.emplace_back(phrase, bit);
            }
        };
    };
    auto wordlist = [&](WordSet& set) { return [&](const json& v, const std::string& s) { r.words(v, s, set); }; };
    auto qualifier_map = [&](PhraseSet& set) {
        return [&](const json& v, const std::string& s) {
            for (const auto& [name, phrases] : r.object(v, s).items())
                r.phrases(phrases, s + "." + name, set, static_cast<int>(qualifier_named(r, name, s)));
        };
    };
    auto places = [&](PlaceKind kind) {
        return [&, kind](const json& v, const std::string& s) { read_places(d, r, v, s, kind); };
    };
    auto ignore = [](const json&, const std::string&) {};
    r.sections(
        doc, "",
        {{"about", ignore},
         {"version", ignore},
         {"numbers",
          [&](const json& v, const std::string& s) {
              r.sections(v, s,
                         {{"units", [&](const json& x, const std::string& w) { r.numbers(x, w, d.units); }},
                          {"tens", [&](const json& x, const std::string& w) { r.numbers(x, w, d.tens); }},
                          {"scales", [&](const json& x, const std::string& w) { r.numbers(x, w, d.scales); }},
                          {"multipliers", [&](const json& x, const std::string& w) { r.numbers(x, w, d.multipliers); }},
                          {"fractions", [&](const json& x, const std::string& w) { r.numbers(x, w, d.fraction_chars); }},
                          {"fraction_words", [&](const json& x, const std::string& w) { r.numbers(x, w, d.fraction_words); }},
                          {"dozens", [&](const json& x, const std::string& w) { r.numbers(x, w, d.dozens); }},
                          {"vague", wordlist(d.vague_numbers)}});
          }},
         {"qualifiers", qualifier_map(d.qualifiers)},
         {"postfix_qualifiers", qualifier_map(d.postfix_qualifiers)},
         {"duration_prepositions", wordlist(d.duration_prepositions)},
         {"metrics",
          [&](const json& v, const std::string& s) {
              for (const auto& [name, spec] : r.object(v, s).items()) read_metric(d, r, name, r.object(spec, s + "." + name), s + "." + name);
          }},
         {"noun_classes",
          [&](const json& v, const std::string& s) {
              r.sections(v, s,
                         {{"person", [&](const json& x, const std::string& w) { for (const auto& p : r.strings(x, w)) add_noun(d, p, {-1, person, false}); }},
                          {"child", [&](const json& x, const std::string& w) { for (const auto& p : r.strings(x, w)) add_noun(d, p, {-1, child, false}); }},
                          {"sink", [&](const json& x, const std::string& w) { for (const auto& p : r.strings(x, w)) add_noun(d, p, {-1, no_class, false}); }}});
          }},
         {"links", wordlist(d.links)},
         {"risk", list(d.risk)},
         {"risk_links", list(d.risk_links)},
         {"auxiliaries", wordlist(d.auxiliaries)},
         {"function_words", wordlist(d.function_words)},
         {"modifiers_and", wordlist(d.modifiers_and)},
         {"determiners", wordlist(d.determiners)},
         {"negations", wordlist(d.negations)},
         {"partitive", list(d.partitive)},
         {"running_total", list(d.running_total)},
         {"negative_sentence", list(d.negative_sentence)},
         {"time_units",
          [&](const json& v, const std::string& s) {
              for (const auto& [word, unit] : r.object(v, s).items()) d.time_units[Reader::lower(word)] = time_unit(r, unit, s + "." + word);
          }},
         {"operation_nouns", list(d.operation_nouns)},
         {"duration_links", list(d.duration_links)},
         {"duration_after", list(d.duration_after)},
         {"long_suffix", wordlist(d.long_suffix)},
         {"periods", list(d.periods)},
         {"founding", list(d.founding)},
         {"things_people_own", wordlist(d.things_people_own)},
         {"age_superlatives", wordlist(d.age_superlatives)},
         {"change_verbs", wordlist(d.change_verbs)},
         {"start_verbs", list(d.start_verbs)},
         {"yearly_statistics",
          [&](const json& v, const std::string& s) {
              r.sections(v, s,
                         {{"metrics",
                           [&](const json& x, const std::string& w) {
                               for (const auto& name : r.strings(x, w)) d.yearly_metrics.insert(metric_index(d, name));
                           }},
                          {"openers", list(d.year_openers)},
                          {"prepositions", list(d.year_prepositions)}});
          }},
         {"safeguard_split",
          [&](const json& v, const std::string& s) {
              r.sections(v, s, {{"verbs", list(d.safeguard_split.verbs)}, {"after", list(d.safeguard_split.after)}});
          }},
         {"sentences",
          [&](const json& v, const std::string& s) {
              r.sections(v, s,
                         {{"custodial", list(d.custodial)},
                          {"verbs", list(d.sentence_verbs)},
                          {"non_custodial", list(d.non_custodial)},
                          {"limits", list(d.penalty_limits)},
                          {"aggregate", list(d.aggregate)},
                          {"not_after", list(d.sentence_not_after)},
                          {"people_verbs", list(d.sentenced_people)}});
          }},
         {"not_figures",
          [&](const json& v, const std::string& s) {
              r.sections(v, s,
                         {{"age_before", list(d.age_before)},
                          {"age_after", list(d.age_after)},
                          {"percent_after", list(d.percent_after)},
                          {"rate_after", list(d.rate_after)},
                          {"not_rate_after", wordlist(d.not_rate_after)},
                          {"currency_before", list(d.currency_before)},
                          {"currency_after", list(d.currency_after)},
                          {"time_after", list(d.time_after)},
                          {"reference_before", list(d.reference_before)},
                          {"reference_after", list(d.reference_after)},
                          {"ordinal_suffixes", wordlist(d.ordinal_suffixes)}});
          }},
         {"months",
          [&](const json& v, const std::string& s) {
              WordMap<double> months;
              r.numbers(v, s, months);
              for (const auto& [name, n] : months) {
                  if (n < 1 || n > 12) r.fail(s, "month '" + name + "' must map to 1..12");
                  d.months[name] = static_cast<int>(n);
              }
          }},
         {"weekdays", wordlist(d.weekdays)},
         {"agencies",
          [&](const json& v, const std::string& s) {
              for (const auto& [name, aliases] : r.object(v, s).items()) {
                  int index = static_cast<int>(d.agencies.size());
                  d.agencies.push_back(name);
                  d.agency_names.add(name, index, d.ids);
                  r.phrases(aliases, s + "." + name, d.agency_names, index);
              }
          }},
         {"scope",
          [&](const json& v, const std::string& s) {
              r.sections(v, s,
                         {{"prepositions", list(d.place_prepositions)},
                          {"by", list(d.place_by)},
                          {"police_nouns", list(d.police_nouns)},
                          {"examples", list(d.example_cues)},
                          {"national", cue_list(d.national_cues, 1)},
                          {"international", cue_list(d.international_cues, 2)},
                          {"police_in", list(d.police_in)},
                          {"place_suffixes", wordlist(d.place_suffixes)},
                          {"place_verbs", list(d.place_verbs)},
                          {"locally", list(d.locally)},
                          {"residence", list(d.residence)},
                          {"area_modifiers", wordlist(d.area_modifiers)},
                          {"not_labels", wordlist(d.not_labels)},
                          {"label_prefixes", wordlist(d.label_prefixes)},
                          {"nationally", list(d.nationally)},
                          {"remainder_labels", wordlist(d.remainder_labels)},
                          {"superlatives", wordlist(d.superlatives)},
                          {"compass", wordlist(d.compass)},
                          {"police_adjectives", wordlist(d.police_adjectives)},
                          {"area_of", wordlist(d.area_of)},
                          {"led_by", list(d.led_by)},
                          {"hardest_hit", list(d.hardest_hit)},
                          {"area_nouns", list(d.area_nouns)}});
          }},
         {"operations",
          [&](const json& v, const std::string& s) {
              r.sections(v, s,
                         {{"words", wordlist(d.operation_words)},
                          {"other_operation", cue_list(d.other_operation_cues, 4)},
                          {"programmes", [&](const json& x, const std::string& w) {
                               for (const auto& name : r.strings(x, w)) d.programmes.insert(Reader::lower(name));
                           }}});
          }},
         {"abbreviations", wordlist(d.abbreviations)},
         {"titles", wordlist(d.titles)},
         {"not_names", wordlist(d.not_names)},
         {"first_names", wordlist(d.first_names)},
         {"common_words", wordlist(d.common_words)},
         {"speech_verbs", wordlist(d.speech_verbs)},
         {"publication_cues", list(d.publication_cues)},
         {"countries", places(PlaceKind::country)},
         {"nations", places(PlaceKind::nation)},
         {"states", places(PlaceKind::state)},
         {"forces", places(PlaceKind::force)},
         {"counties", places(PlaceKind::county)},
         {"cities", places(PlaceKind::city)}});
}

}  // namespace detail

namespace {

void read_file(detail::LexiconData& data, const std::filesystem::path& file) {
    std::ifstream in(file, std::ios::binary);
    if (!in) throw InputError(file.string(), 0, "", "cannot open the lexicon file");
    nlohmann::json doc;
    try {
        doc = nlohmann::json::parse(in);
    } catch (const nlohmann::json::exception& e) {
        throw InputError(file.string(), 0, "", std::string("not valid JSON: ") + e.what());
    }
    if (!doc.is_object()) throw InputError(file.string(), 0, "", "expected a JSON object of sections");
    detail::read_source(data, file.string(), doc);
    data.sources.push_back({file.string(), std::move(doc)});
}

const Vocabulary& vocabulary_for(const std::filesystem::path& dir) {
    // A data folder with its own vocabulary is checked against it; otherwise the standard one.
    static std::mutex mutex;
    static std::map<std::filesystem::path, std::unique_ptr<Vocabulary>> loaded;
    auto file = dir / "metrics.json";
    std::error_code ec;
    if (!std::filesystem::exists(file, ec)) return Vocabulary::standard();
    std::lock_guard lock(mutex);
    auto& slot = loaded[file];
    if (!slot) slot = std::make_unique<Vocabulary>(Vocabulary::load(file));
    return *slot;
}

}  // namespace

void detail::finish(LexiconData& d, const std::string& where) {
    auto need = [&](const char* name) {
        for (std::size_t i = 0; i < d.metric_names.size(); ++i)
            if (d.metric_names[i] == name) return static_cast<int>(i);
        throw InputError(where, 0, "metrics", std::string("the lexicon has no entry for metric '") + name + "'");
    };
    d.metric_sentence = need("sentence");
    d.metric_duration = need("duration");
    d.metric_registered = need("registered_offenders");
    d.metric_at_risk = need("children_at_risk");
    d.metric_safeguarded = need("children_safeguarded");
    d.metric_arrests = need("arrests");
    d.metric_search_warrants = need("search_warrants");
    d.metric_devices = need("devices_seized");
    for (const auto* map : {&d.units, &d.tens})
        for (const auto& [word, value] : *map) d.number_starts.insert(word, d.ids);
    for (const char* word : {"a", "an", "half"}) d.number_starts.insert(word, d.ids);
    for (const auto& [word, unit] : d.time_units) d.time_unit_words.insert(word, d.ids);
    // The multi-word tokens of number words ("twenty" ...) and months are looked up by text.
    for (const auto& [word, month] : d.months) d.month_words.insert(word, d.ids);
    // A phrase in several cue lists carries all their bits.
    std::vector<std::pair<std::string, int>> merged;
    for (const auto& [phrase, bit] : d.context_cue_bits) {
        auto same = std::find_if(merged.begin(), merged.end(), [&phrase = phrase](const auto& m) { return m.first == phrase; });
        if (same == merged.end()) merged.emplace_back(phrase, bit);
        else same->second |= bit;
    }
    d.context_cues = PhraseSet();
    for (const auto& [phrase, bits] : merged) d.context_cues.add(phrase, bits, d.ids);
    for (const auto* map : {&d.scales, &d.dozens, &d.fraction_words, &d.multipliers})
        for (const auto& [word, value] : *map) d.ids.intern(word);
    // Last: every word is numbered by now.
    d.starts.assign(d.ids.size(), 0);
    for (std::size_t id = 0; id < d.starts.size(); ++id) {
        int i = static_cast<int>(id);
        std::uint16_t bits = 0;
        if (d.place_names.starts_with(i)) bits |= starts_place;
        if (d.agency_names.starts_with(i)) bits |= starts_agency;
        if (d.police_names.starts_with(i)) bits |= starts_police_name;
        if (d.police_in.starts_with(i)) bits |= starts_police_in;
        if (d.context_cues.starts_with(i)) bits |= starts_context_cue;
        if (d.demonyms.starts_with(i)) bits |= starts_demonym;
        if (d.operation_words.contains(i)) bits |= is_operation_word;
        if (d.place_suffixes.contains(i)) bits |= is_place_suffix;
        if (d.time_unit_words.contains(i)) bits |= is_time_unit;
        if (d.number_starts.contains(i) || d.vague_numbers.contains(i)) bits |= starts_number;
        d.starts[id] = bits;
    }
    for (const auto* map : {&d.units, &d.tens, &d.scales, &d.dozens, &d.fraction_words, &d.multipliers})
        for (const auto& [word, value] : *map)
            if (int id = d.ids.find(word); id >= 0) d.starts[static_cast<std::size_t>(id)] |= is_number_word;
    // The bits of several lists each, set from the lists' own tables (a pass per list, not a
    // test of every list for every word).
    for (const PhraseSet* cue : {&d.example_cues, &d.place_prepositions, &d.place_by})
        cue->mark_first_words(d.starts, starts_clause_place_cue);
    for (const PhraseSet* after : {&d.percent_after, &d.currency_after, &d.time_after, &d.age_after, &d.reference_after})
        after->mark_first_words(d.starts, starts_figure_kind);
    for (const PhraseSet* term : {&d.custodial, &d.sentence_verbs, &d.non_custodial, &d.penalty_limits, &d.aggregate})
        term->mark_first_words(d.starts, starts_term_cue);
    for (const PhraseSet* before : {&d.currency_before, &d.age_before, &d.reference_before})
        before->mark_last_words(d.starts, ends_figure_kind);
}

Lexicon Lexicon::load(const std::filesystem::path& dir) { return load(dir, {}); }

Lexicon Lexicon::load(const std::filesystem::path& dir, std::span<const std::filesystem::path> extra_files) {
    auto data = std::make_shared<detail::LexiconData>();
    for (const char* name : standard_files) read_file(*data, dir / name);
    for (const auto& file : extra_files) read_file(*data, file);
    const Vocabulary& vocabulary = vocabulary_for(dir);
    for (const auto& name : data->metric_names)
        if (!vocabulary.contains(name))
            throw InputError((dir / "lexicon.json").string(), 0, "metrics",
                             "unknown metric '" + name + "'; the vocabulary is: " + vocabulary.list());
    detail::finish(*data, (dir / "lexicon.json").string());
    Lexicon lexicon;
    lexicon.data_ = std::move(data);
    return lexicon;
}

const Lexicon& Lexicon::standard() {
    static const Lexicon lexicon = load(data_dir());
    return lexicon;
}

void Lexicon::merge(const Lexicon& other) {
    auto data = std::make_shared<detail::LexiconData>();
    for (const auto* from : {data_.get(), other.data_.get()}) {
        if (!from) continue;
        for (const auto& source : from->sources) {
            detail::read_source(*data, source.file, source.doc);
            data->sources.push_back(source);
        }
    }
    detail::finish(*data, "<merged lexicon>");
    data_ = std::move(data);
}

std::vector<std::string> Lexicon::sources() const {
    std::vector<std::string> out;
    if (data_)
        for (const auto& source : data_->sources) out.push_back(source.file);
    return out;
}

std::optional<Place> Lexicon::place(std::string_view name) const {
    TokenizedText t = tokenize(name);
    detail::assign_ids(t, *data_);
    auto match = data_->place_names.at(t, 0, t.tokens.size());
    if (!match || match.end != t.tokens.size()) {
        // "the UK": a leading article is no part of the name.
        if (t.tokens.size() > 1 && t.low(0) == "the") match = data_->place_names.at(t, 1, t.tokens.size());
        if (!match || match.end != t.tokens.size()) return std::nullopt;
    }
    return data_->places[static_cast<std::size_t>(match.payload)];
}

std::optional<std::string> Lexicon::agency(std::string_view name) const {
    TokenizedText t = tokenize(name);
    detail::assign_ids(t, *data_);
    auto match = data_->agency_names.at(t, 0, t.tokens.size());
    if (!match || match.end != t.tokens.size()) return std::nullopt;
    return data_->agencies[static_cast<std::size_t>(match.payload)];
}

std::optional<double> Lexicon::number_word(std::string_view word) const {
    std::string w(word);
    for (char& c : w)
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c + 32);
    for (const auto* map : {&data_->units, &data_->tens, &data_->scales, &data_->dozens})
        if (auto found = map->find(w); found != map->end()) return found->second;
    return std::nullopt;
}

}  // namespace optally::extract
