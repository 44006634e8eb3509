#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <nlohmann/json.hpp>

#include "optally/facts/errors.hpp"
#include "optally/resolve/resolve.hpp"
#include "optally/resolve/similarity.hpp"
#include "register.hpp"

namespace py = pybind11;

namespace optally::bindings {

namespace {

using namespace optally::resolve;

py::object text_or_none(const std::string& text) {
    return text.empty() ? py::object(py::none()) : py::object(py::str(text));
}

py::object unit_or_none(Unit unit) {
    auto name = to_string(unit);
    return name.empty() ? py::object(py::none()) : py::object(py::str(std::string(name)));
}

py::dict source_dict(const Source& s) {
    py::dict d;
    d["doc"] = s.doc;
    d["value"] = s.value;
    d["qualifier"] = std::string(to_string(s.qualifier));
    d["unit"] = unit_or_none(s.unit);
    d["evidence"] = s.evidence;
    d["start"] = s.start;
    d["end"] = s.end;
    d["date"] = text_or_none(s.date);
    d["agency"] = text_or_none(s.agency);
    return d;
}

py::list sources_list(const std::vector<Source>& sources) {
    py::list out;
    for (const auto& s : sources) out.append(source_dict(s));
    return out;
}

py::dict figure_dict(const Figure& f) {
    py::dict d;
    d["metric"] = f.metric;
    d["scope"] = f.scope;
    d["value"] = f.value;
    d["qualifier"] = std::string(to_string(f.qualifier));
    d["unit"] = unit_or_none(f.unit);
    d["lower"] = f.bounds.lower;
    d["upper"] = f.bounds.upper;
    d["approximate"] = f.bounds.approximate;
    d["conflicted"] = f.conflicted;
    d["sources"] = sources_list(f.sources);
    return d;
}

py::dict operation_dict(const Operation& op, Policy policy) {
    py::dict d;
    d["name"] = op.name;
    d["aliases"] = op.aliases;
    d["lead_agency"] = text_or_none(op.lead_agency);
    d["mentions"] = op.mentions;
    d["first_reported"] = text_or_none(op.first_reported);
    d["last_reported"] = text_or_none(op.last_reported);
    py::list figures, breakdown, conflicts, links;
    for (const auto& f : op.figures) figures.append(figure_dict(f));
    for (const auto& f : op.breakdown) breakdown.append(figure_dict(f));
    for (const auto& c : op.conflicts) {
        py::dict cd;
        cd["metric"] = c.metric;
        cd["scope"] = c.scope;
        cd["values"] = sources_list(c.values);
        cd["chosen"] = c.chosen_value;
        cd["chosen_qualifier"] = std::string(to_string(c.chosen_qualifier));
        cd["unit"] = unit_or_none(c.unit);
        cd["policy"] = std::string(to_string(policy));
        conflicts.append(cd);
    }
    for (const auto& l : op.links) {
        py::dict ld;
        ld["left"] = l.left;
        ld["right"] = l.right;
        py::dict features;
        for (std::size_t i = 0; i < feature_count; ++i) features[py::str(std::string(feature_names[i]))] = l.features[i];
        ld["features"] = features;
        ld["score"] = l.score;
        links.append(ld);
    }
    d["figures"] = figures;
    d["breakdown"] = breakdown;
    d["sentences_years"] = op.sentences_years;
    d["sentences_not_counted"] = sources_list(op.sentences_not_counted);
    d["conflicts"] = conflicts;
    d["flags"] = op.flags;
    d["links"] = links;
    return d;
}

}  // namespace

void register_resolve(py::module_& m) {
    m.def("resolve", [](const FactTable& table, const std::string& policy, const std::string& options_json,
                        const std::vector<std::tuple<std::string, std::string, std::uint32_t>>& names) {
        ResolveOptions options = ResolveOptions::standard();
        if (!options_json.empty()) options = ResolveOptions::from_json(nlohmann::json::parse(options_json), options, "<options>");
        options.policy = parse_policy(policy);
        std::vector<NameMention> mentions;
        for (const auto& [doc, spelling, count] : names) mentions.push_back({doc, spelling, count});
        OperationSet set;
        {
            py::gil_scoped_release release;
            set = resolve::resolve(table, mentions, options);
        }
        py::list out;
        for (const auto& op : set.operations) out.append(operation_dict(op, set.policy));
        py::dict result;
        result["policy"] = std::string(to_string(set.policy));
        result["operations"] = out;
        result["json"] = set.to_json().dump();
        return result;
    }, py::arg("table"), py::arg("policy") = "latest", py::arg("options_json") = "",
       py::arg("names") = std::vector<std::tuple<std::string, std::string, std::uint32_t>>{},
       "Resolve facts into operations. Returns {'policy', 'operations': [dict...], 'json': str}.");
    m.def("normalise_name", &normalise_name, py::arg("name"));
    m.def("name_similarity", &name_similarity, py::arg("a"), py::arg("b"));
}

}  // namespace optally::bindings
