// Operations as JSON, in the shape of shared/corpus/expected/operations.json plus the
// reasoning: documents per figure, conflicts with every value, flags and merge links.

#include <cmath>

#include "optally/resolve/resolve.hpp"
#include "optally/resolve/similarity.hpp"

namespace optally::resolve {

namespace {
using json = nlohmann::json;

// Whole numbers print as integers (660, not 660.0), as in the expected files.
json number(double x) {
    if (std::abs(x) < 9e15 && x == std::floor(x)) return static_cast<long long>(x);
    return x;
}

json text_or_null(const std::string& text) { return text.empty() ? json(nullptr) : json(text); }

void put_value(json& into, double value, Qualifier qualifier, Unit unit) {
    into["value"] = number(value);
    into["qualifier"] = std::string(to_string(qualifier));
    if (unit != Unit::none) into["unit"] = std::string(to_string(unit));
}

json documents_of(const std::vector<Source>& sources) {
    json docs = json::array();
    for (const Source& s : sources)
        if (std::find(docs.begin(), docs.end(), json(s.doc)) == docs.end()) docs.push_back(s.doc);
    return docs;
}

json source_json(const Source& s) {
    json j;
    put_value(j, s.value, s.qualifier, s.unit);
    j["doc"] = s.doc;
    j["date"] = text_or_null(s.date);
    j["evidence"] = s.evidence;
    j["start"] = s.start;
    j["end"] = s.end;
    return j;
}

// Each distinct stated value once, with the documents and evidence that state it.
json conflict_values(const std::vector<Source>& sources) {
    json values = json::array();
    std::vector<std::tuple<double, Qualifier, Unit>> seen;
    for (const Source& s : sources) {
        auto key = std::tuple(s.value, s.qualifier, s.unit);
        auto at = std::find(seen.begin(), seen.end(), key);
        if (at == seen.end()) {
            seen.push_back(key);
            json entry;
            put_value(entry, s.value, s.qualifier, s.unit);
            entry["documents"] = json::array();
            entry["evidence"] = json::array();
            values.push_back(std::move(entry));
            at = seen.end() - 1;
        }
        json& entry = values[static_cast<std::size_t>(at - seen.begin())];
        if (std::find(entry["documents"].begin(), entry["documents"].end(), json(s.doc)) == entry["documents"].end())
            entry["documents"].push_back(s.doc);
        entry["evidence"].push_back({{"doc", s.doc}, {"date", text_or_null(s.date)}, {"text", s.evidence},
                                     {"start", s.start}, {"end", s.end}});
    }
    return values;
}
}  // namespace

json Operation::to_json() const {
    json j;
    j["name"] = text_or_null(name);
    j["aliases"] = aliases;
    j["lead_agency"] = text_or_null(lead_agency);
    j["mentions"] = mentions;
    j["first_reported"] = text_or_null(first_reported);
    j["last_reported"] = text_or_null(last_reported);
    json figures_json = json::object();
    for (const Figure& f : figures) {
        json entry;
        put_value(entry, f.value, f.qualifier, f.unit);
        entry["documents"] = documents_of(f.sources);
        if (f.conflicted) entry["conflicted"] = true;
        figures_json[f.metric] = std::move(entry);
    }
    j["figures"] = std::move(figures_json);
    json breakdown_json = json::object();
    for (const Figure& f : breakdown) breakdown_json[f.scope][f.metric] = number(f.value);
    j["breakdown"] = std::move(breakdown_json);
    json sentences = json::array();
    for (double years : sentences_years) sentences.push_back(number(years));
    j["sentences_years"] = std::move(sentences);
    if (!sentences_not_counted.empty()) {
        json left_out = json::array();
        for (const Source& s : sentences_not_counted) left_out.push_back(source_json(s));
        j["sentences_not_counted"] = std::move(left_out);
    }
    json conflicts_json = json::array();
    for (const Conflict& c : conflicts) {
        json chosen;
        put_value(chosen, c.chosen_value, c.chosen_qualifier, c.unit);
        conflicts_json.push_back({{"metric", c.metric},
                                  {"scope", c.scope},
                                  {"values", conflict_values(c.values)},
                                  {"chosen", std::move(chosen)},
                                  {"policy", std::string(to_string(c.policy))}});
    }
    j["conflicts"] = std::move(conflicts_json);
    j["flags"] = flags;
    json links_json = json::array();
    for (const Link& link : links) {
        json features = json::object();
        for (std::size_t k = 0; k < feature_count; ++k) features[std::string(feature_names[k])] = link.features[k];
        links_json.push_back({{"joined", {link.left, link.right}}, {"score", link.score}, {"features", features}});
    }
    j["links"] = std::move(links_json);
    return j;
}

json OperationSet::to_json() const {
    json operations_json = json::array();
    for (const Operation& o : operations) operations_json.push_back(o.to_json());
    return {{"policy", std::string(to_string(policy))}, {"operations", std::move(operations_json)}};
}

}  // namespace optally::resolve
