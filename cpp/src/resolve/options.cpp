// Policies by name and the tunable options read from data/resolve.json.

#include <fstream>
#include <set>

#include "optally/facts/data_dir.hpp"
#include "optally/facts/errors.hpp"
#include "optally/resolve/resolve.hpp"

namespace optally::resolve {

Policy parse_policy(std::string_view text) {
    if (text == "latest") return Policy::latest;
    if (text == "max") return Policy::max;
    if (text == "min") return Policy::min;
    if (text == "most_reported" || text == "most-reported") return Policy::most_reported;
    throw std::invalid_argument("unknown policy '" + std::string(text) +
                                "': expected latest, max, min or most_reported");
}

std::string_view to_string(Policy policy) noexcept {
    switch (policy) {
        case Policy::latest: return "latest";
        case Policy::max: return "max";
        case Policy::min: return "min";
        case Policy::most_reported: return "most_reported";
    }
    return "latest";
}

namespace {
double number_at(const nlohmann::json& json, const char* key, double fallback, const std::string& file) {
    if (!json.contains(key)) return fallback;
    const auto& value = json.at(key);
    if (!value.is_number()) throw InputError(file, 0, key, "expected a number");
    return value.get<double>();
}
}  // namespace

ResolveOptions ResolveOptions::from_json(const nlohmann::json& json, const ResolveOptions& base, const std::string& file) {
    if (!json.is_object()) throw InputError(file, 0, "", "expected an object of resolve options");
    static const std::set<std::string> known{"about", "version", "policy", "similarity_threshold", "name_floor",
                                             "approximate_tolerance", "recurrence_gap_days", "weights",
                                             "agency_aliases", "outcome_metrics"};
    for (const auto& [key, value] : json.items())
        if (!known.count(key)) throw InputError(file, 0, key, "unknown resolve option");
    ResolveOptions o = base;
    if (json.contains("policy")) {
        if (!json.at("policy").is_string()) throw InputError(file, 0, "policy", "expected a string");
        try {
            o.policy = parse_policy(json.at("policy").get<std::string>());
        } catch (const std::invalid_argument& e) {
            throw InputError(file, 0, "policy", e.what());
        }
    }
    o.similarity_threshold = number_at(json, "similarity_threshold", o.similarity_threshold, file);
    o.name_floor = number_at(json, "name_floor", o.name_floor, file);
    o.approximate_tolerance = number_at(json, "approximate_tolerance", o.approximate_tolerance, file);
    o.recurrence_gap_days = number_at(json, "recurrence_gap_days", o.recurrence_gap_days, file);
    if (!(o.name_floor >= 0.0 && o.name_floor < 1.0)) throw InputError(file, 0, "name_floor", "must lie in [0, 1)");
    if (!(o.approximate_tolerance >= 0.0 && o.approximate_tolerance < 1.0))
        throw InputError(file, 0, "approximate_tolerance", "must lie in [0, 1)");
    if (!(o.recurrence_gap_days >= 0.0)) throw InputError(file, 0, "recurrence_gap_days", "must not be negative");
    if (json.contains("weights")) {
        const auto& w = json.at("weights");
        if (!w.is_object()) throw InputError(file, 0, "weights", "expected an object");
        for (const auto& [key, value] : w.items())
            if (key != "name" && key != "same_document" && key != "agency" && key != "figures" && key != "date")
                throw InputError(file, 0, "weights." + key, "unknown feature");
        o.weights.name = number_at(w, "name", o.weights.name, file);
        o.weights.same_document = number_at(w, "same_document", o.weights.same_document, file);
        o.weights.agency = number_at(w, "agency", o.weights.agency, file);
        o.weights.figures = number_at(w, "figures", o.weights.figures, file);
        o.weights.date = number_at(w, "date", o.weights.date, file);
    }
    if (json.contains("agency_aliases")) {
        const auto& aliases = json.at("agency_aliases");
        if (!aliases.is_object()) throw InputError(file, 0, "agency_aliases", "expected an object alias -> name");
        for (const auto& [alias, canonical] : aliases.items()) {
            if (!canonical.is_string()) throw InputError(file, 0, "agency_aliases." + alias, "expected a string");
            o.agency_aliases[alias] = canonical.get<std::string>();
        }
    }
    if (json.contains("outcome_metrics")) {
        const auto& metrics = json.at("outcome_metrics");
        if (!metrics.is_array()) throw InputError(file, 0, "outcome_metrics", "expected an array of metric names");
        o.outcome_metrics.clear();
        for (const auto& metric : metrics) {
            if (!metric.is_string()) throw InputError(file, 0, "outcome_metrics", "expected metric names");
            o.outcome_metrics.push_back(metric.get<std::string>());
        }
    }
    return o;
}

ResolveOptions ResolveOptions::from_json(const nlohmann::json& json) { return from_json(json, {}, "<json>"); }

ResolveOptions ResolveOptions::load(const std::filesystem::path& file) {
    std::ifstream in(file);
    if (!in) throw InputError(file.string(), 0, "", "cannot open the resolve options");
    nlohmann::json json;
    try {
        json = nlohmann::json::parse(in);
    } catch (const nlohmann::json::exception& e) {
        throw InputError(file.string(), 0, "", std::string("not valid JSON: ") + e.what());
    }
    return from_json(json, {}, file.string());
}

ResolveOptions ResolveOptions::standard() {
    std::filesystem::path file = data_dir() / "resolve.json";
    if (!std::filesystem::exists(file)) return {};
    return load(file);
}

}  // namespace optally::resolve
