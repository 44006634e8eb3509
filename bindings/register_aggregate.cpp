#include <pybind11/numpy.h>
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <limits>
#include <tuple>

#include "optally/facts/fact_table.hpp"
#include "optally/stats/aggregate.hpp"
#include "register.hpp"

namespace py = pybind11;

namespace optally::bindings {

namespace {

using namespace optally::stats;

GroupKey group_key_from(const std::string& text) {
    auto key = parse_group_key(text);
    if (!key) throw std::invalid_argument("unknown group key '" + text + "'; expected operation, metric, scope, year or doc");
    return *key;
}

// Python holds a ratio state as (key, numerator Summary, denominator Summary) tuples, so
// that it pickles and merges with the Summary type Python already knows.
using RatioTuple = std::tuple<std::string, Summary, Summary>;

std::vector<RatioTuple> to_tuples(std::vector<GroupRatio>&& groups) {
    std::vector<RatioTuple> out;
    out.reserve(groups.size());
    for (auto& g : groups) out.emplace_back(std::move(g.key), std::move(g.numerator), std::move(g.denominator));
    return out;
}

template <typename T, typename Field>
py::array_t<T> column(const std::vector<RatioRow>& rows, Field field) {
    py::array_t<T> out(static_cast<py::ssize_t>(rows.size()));
    auto view = out.template mutable_unchecked<1>();
    for (std::size_t i = 0; i < rows.size(); ++i) view(static_cast<py::ssize_t>(i)) = field(rows[i]);
    return out;
}

IntervalMethod method_from(const std::string& text) {
    auto method = parse_interval_method(text);
    if (!method)
        throw std::invalid_argument("unknown interval method '" + text + "'; expected wilson, clopper-pearson or jeffreys");
    return *method;
}

py::dict columns_of(const std::vector<RatioRow>& rows) {
    constexpr double nan = std::numeric_limits<double>::quiet_NaN();
    py::list keys(rows.size());
    for (std::size_t i = 0; i < rows.size(); ++i) keys[i] = py::str(rows[i].key);
    py::dict out;
    out["key"] = keys;
    out["numerator"] = column<double>(rows, [](const RatioRow& r) { return r.numerator; });
    out["denominator"] = column<double>(rows, [](const RatioRow& r) { return r.denominator; });
    out["numerator_facts"] = column<std::uint64_t>(rows, [](const RatioRow& r) { return r.numerator_facts; });
    out["denominator_facts"] = column<std::uint64_t>(rows, [](const RatioRow& r) { return r.denominator_facts; });
    out["ratio"] = column<double>(rows, [](const RatioRow& r) { return r.ratio; });
    out["lower"] = column<double>(rows, [](const RatioRow& r) { return r.interval ? r.interval->lower : nan; });
    out["upper"] = column<double>(rows, [](const RatioRow& r) { return r.interval ? r.interval->upper : nan; });
    return out;
}

}  // namespace

void register_aggregate(py::module_& m) {
    m.def("aggregate_summaries", [](const FactTable& table, const std::string& by, const std::string& metric,
                                    const std::string& scope) {
        const GroupKey key = group_key_from(by);
        py::gil_scoped_release release;
        return aggregate_summaries(table, key, {metric, scope});
    }, py::arg("table"), py::arg("by"), py::arg("metric") = "", py::arg("scope") = "",
       "One pass over the table: [(key, Summary)] sorted by key, identical to summarise_by, with an optional scope "
       "restriction.");

    m.def("aggregate_ratios", [](const FactTable& table, const std::string& numerator, const std::string& denominator,
                                 const std::string& by, const std::string& scope) {
        const GroupKey key = group_key_from(by);
        std::vector<GroupRatio> groups;
        {
            py::gil_scoped_release release;
            groups = aggregate_ratios(table, numerator, denominator, key, scope);
        }
        return to_tuples(std::move(groups));
    }, py::arg("table"), py::arg("numerator"), py::arg("denominator"), py::arg("by") = "operation",
       py::arg("scope") = "",
       "One pass over the facts of two metrics: [(key, numerator Summary, denominator Summary)] sorted by key.");

    m.def("merge_ratio_states", [](std::vector<RatioTuple> a, const std::vector<RatioTuple>& b) {
        auto groups_of = [](std::vector<RatioTuple> tuples) {
            std::vector<GroupRatio> out;
            out.reserve(tuples.size());
            for (auto& [key, num, den] : tuples) out.push_back({std::move(key), std::move(num), std::move(den)});
            return out;
        };
        std::vector<GroupRatio> merged = groups_of(std::move(a));
        merge_ratios(merged, groups_of(b));
        return to_tuples(std::move(merged));
    }, py::arg("a"), py::arg("b"), "Merge two sorted ratio states group by group; the result is sorted.");

    m.def("ratio_columns", [](const py::sequence& states, double level, const std::string& method) {
        const IntervalMethod parsed = method_from(method);
        // Read the Summaries in place: a state can hold thousands of groups, and copying each
        // tree into C++ would cost more than the arithmetic.
        std::vector<RatioRow> rows;
        rows.reserve(states.size());
        for (const py::handle item : states) {
            const auto group = item.cast<py::tuple>();
            if (group.size() != 3) throw std::invalid_argument("a ratio state holds (key, Summary, Summary) tuples");
            const auto& num = group[1].cast<const Summary&>();
            const auto& den = group[2].cast<const Summary&>();
            rows.push_back(ratio_row(group[0].cast<std::string>(), num.sum(), num.count(), den.sum(), den.count(),
                                     level, parsed));
        }
        return columns_of(rows);
    }, py::arg("groups"), py::arg("level") = 0.95, py::arg("method") = "wilson",
       "Columns (key, numerator, denominator, numerator_facts, denominator_facts, ratio, lower, upper) of a ratio "
       "state; lower and upper are NaN where the ratio is not a proportion of whole counts.");

    m.def("ratio_table", [](const FactTable& table, const std::string& numerator, const std::string& denominator,
                            const std::string& by, const std::string& scope, double level, const std::string& method) {
        const GroupKey key = group_key_from(by);
        const IntervalMethod parsed = method_from(method);
        std::vector<RatioRow> rows;
        {
            py::gil_scoped_release release;
            rows = ratio_table(table, numerator, denominator, key, scope, level, parsed);
        }
        return columns_of(rows);
    }, py::arg("table"), py::arg("numerator"), py::arg("denominator"), py::arg("by") = "operation",
       py::arg("scope") = "", py::arg("level") = 0.95, py::arg("method") = "wilson",
       "ratio_columns(aggregate_ratios(...)) in one pass without building the Summaries.");

    m.def("_table_memory", [](const FactTable& table) {
        py::dict out;
        out["facts"] = table.size();
        out["total"] = table.memory_bytes();
        out["strings"] = table.strings().bytes();
        out["distinct_strings"] = table.strings().size();
        return out;
    }, py::arg("table"), "Bytes a FactTable holds: in all, and in its string pool (for the benchmarks).");
}

}  // namespace optally::bindings
