#include <pybind11/numpy.h>
#include <pybind11/operators.h>
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <cmath>
#include <nlohmann/json.hpp>
#include <sstream>

#include "optally/facts/errors.hpp"
#include "optally/stats/describe.hpp"
#include "optally/stats/grouping.hpp"
#include "optally/stats/intervals.hpp"
#include "optally/stats/ratio.hpp"
#include "optally/stats/summary.hpp"
#include "register.hpp"

namespace py = pybind11;

namespace optally::bindings {

namespace {

using namespace optally::stats;

std::string number(double x) {
    if (std::isinf(x)) return x > 0 ? "inf" : "-inf";
    std::ostringstream out;
    out.precision(6);
    out << x;
    return out.str();
}

Qualifier qualifier_from(const std::string& text) {
    auto q = parse_qualifier(text);
    if (!q) throw InputError("<argument>", 0, "qualifier", "unknown qualifier '" + text + "'");
    return *q;
}

IntervalMethod method_from(const std::string& text) {
    auto m = parse_interval_method(text);
    if (!m)
        throw std::invalid_argument("unknown interval method '" + text +
                                    "'; expected wilson, clopper-pearson or jeffreys");
    return *m;
}

py::dict interval_dict(const Interval& i) {
    py::dict d;
    d["lower"] = i.lower;
    d["upper"] = i.upper;
    d["level"] = i.level;
    return d;
}

py::dict description_dict(const Description& d) {
    py::dict out;
    out["count"] = d.count;
    out["sum"] = d.sum;
    out["mean"] = d.mean;
    out["median"] = d.median;
    out["std"] = d.stddev;
    out["min"] = d.min;
    out["max"] = d.max;
    return out;
}

py::array_t<double> as_doubles(const py::array_t<double, py::array::c_style | py::array::forcecast>& values) {
    if (values.ndim() != 1) throw std::invalid_argument("expected a one-dimensional array of numbers");
    return values;
}

std::span<const double> span_of(const py::array_t<double>& values) {
    return {values.data(), static_cast<std::size_t>(values.size())};
}

py::bytes to_bytes(const std::vector<std::uint8_t>& raw) {
    return py::bytes(reinterpret_cast<const char*>(raw.data()), raw.size());
}

std::vector<std::uint8_t> from_bytes(const py::bytes& data) {
    std::string_view view = data;
    return {view.begin(), view.end()};
}

// Pickling delegates to the same versioned bytes as serialize(), as DataSketches does, so
// Dask and multiprocessing move exactly what a file would hold.
template <typename T>
void add_serialisation(py::class_<T>& cls) {
    cls.def("serialize", [](const T& s) { return to_bytes(s.serialize()); },
            "The state as versioned bytes (see the format in summary.hpp).")
        .def_static("deserialize", [](const py::bytes& data) { return T::deserialize(from_bytes(data)); },
                    py::arg("data"), "Rebuild from serialize()'s bytes; raises ValueError on corrupt or truncated input.")
        .def("to_json", [](const T& s) { return s.to_json().dump(); }, "The state as a JSON string.")
        .def_static("from_json", [](const std::string& text) { return T::from_json(nlohmann::json::parse(text)); },
                    py::arg("text"))
        .def(py::pickle([](const T& s) { return to_bytes(s.serialize()); },
                        [](const py::bytes& data) { return T::deserialize(from_bytes(data)); }))
        .def(py::self == py::self)
        .def("__len__", [](const T& s) { return s.count(); });
}

}  // namespace

void register_stats(py::module_& m) {
    py::class_<Interval>(m, "Interval", "A confidence interval [lower, upper] at a level.")
        .def_readonly("lower", &Interval::lower)
        .def_readonly("upper", &Interval::upper)
        .def_readonly("level", &Interval::level)
        .def("to_dict", &interval_dict)
        .def("__iter__", [](const Interval& i) { return py::iter(py::make_tuple(i.lower, i.upper)); })
        .def("__repr__", [](const Interval& i) {
            return "Interval(" + number(i.lower) + ", " + number(i.upper) + ", level=" + number(i.level) + ")";
        });

    py::class_<ProportionEstimate>(m, "ProportionEstimate", "successes / trials with a confidence interval.")
        .def_readonly("successes", &ProportionEstimate::successes)
        .def_readonly("trials", &ProportionEstimate::trials)
        .def_readonly("value", &ProportionEstimate::value)
        .def_readonly("interval", &ProportionEstimate::interval)
        .def_property_readonly("method", [](const ProportionEstimate& p) { return std::string(to_string(p.method)); })
        .def("to_dict", [](const ProportionEstimate& p) {
            py::dict d;
            d["successes"] = p.successes;
            d["trials"] = p.trials;
            d["value"] = p.value;
            d["lower"] = p.interval.lower;
            d["upper"] = p.interval.upper;
            d["level"] = p.interval.level;
            d["method"] = std::string(to_string(p.method));
            return d;
        })
        .def("__repr__", [](const ProportionEstimate& p) {
            return "Proportion(" + std::to_string(p.successes) + "/" + std::to_string(p.trials) + " = " +
                   number(p.value) + ", " + number(p.interval.level * 100) + "% " + std::string(to_string(p.method)) +
                   " [" + number(p.interval.lower) + ", " + number(p.interval.upper) + "])";
        });

    py::class_<RateRatioEstimate>(m, "RateRatioEstimate", "A ratio of two counts with an exact conditional interval.")
        .def_readonly("count1", &RateRatioEstimate::count1)
        .def_readonly("exposure1", &RateRatioEstimate::exposure1)
        .def_readonly("count2", &RateRatioEstimate::count2)
        .def_readonly("exposure2", &RateRatioEstimate::exposure2)
        .def_readonly("value", &RateRatioEstimate::value)
        .def_readonly("interval", &RateRatioEstimate::interval)
        .def("to_dict", [](const RateRatioEstimate& r) {
            py::dict d;
            d["count1"] = r.count1;
            d["exposure1"] = r.exposure1;
            d["count2"] = r.count2;
            d["exposure2"] = r.exposure2;
            d["value"] = r.value;
            d["lower"] = r.interval.lower;
            d["upper"] = r.interval.upper;
            d["level"] = r.interval.level;
            return d;
        })
        .def("__repr__", [](const RateRatioEstimate& r) {
            return "RateRatio(" + std::to_string(r.count1) + " : " + std::to_string(r.count2) + " = " + number(r.value) +
                   ", " + number(r.interval.level * 100) + "% exact conditional [" + number(r.interval.lower) + ", " +
                   number(r.interval.upper) + "])";
        });

    py::class_<RatioEstimate>(m, "RatioEstimate", "A ratio of two stated figures and the kind of bound it is.")
        .def_readonly("value", &RatioEstimate::value)
        .def_readonly("defined", &RatioEstimate::defined)
        .def_readonly("reason", &RatioEstimate::reason)
        .def_property_readonly("bound", [](const RatioEstimate& r) { return std::string(to_string(r.bound)); })
        .def_property_readonly("lower", [](const RatioEstimate& r) { return r.interval.lower; })
        .def_property_readonly("upper", [](const RatioEstimate& r) { return r.interval.upper; })
        .def_property_readonly("numerator", [](const RatioEstimate& r) {
            return py::make_tuple(r.numerator.value, std::string(to_string(r.numerator.qualifier)));
        })
        .def_property_readonly("denominator", [](const RatioEstimate& r) {
            return py::make_tuple(r.denominator.value, std::string(to_string(r.denominator.qualifier)));
        })
        .def("to_dict", [](const RatioEstimate& r) {
            py::dict d;
            d["value"] = r.defined ? py::object(py::float_(r.value)) : py::object(py::none());
            d["bound"] = std::string(to_string(r.bound));
            d["lower"] = r.interval.lower;
            d["upper"] = r.interval.upper;
            d["defined"] = r.defined;
            d["reason"] = r.reason;
            return d;
        })
        .def("__repr__", [](const RatioEstimate& r) {
            if (!r.defined) return "Ratio(undefined: " + r.reason + ")";
            return "Ratio(" + number(r.value) + ", " + std::string(to_string(r.bound)) + "; allowed [" +
                   number(r.interval.lower) + ", " + number(r.interval.upper) + "])";
        });

    m.def("proportion", [](std::uint64_t k, std::uint64_t n, double level, const std::string& method) {
        return proportion(k, n, level, method_from(method));
    }, py::arg("successes"), py::arg("trials"), py::arg("level") = 0.95, py::arg("method") = "wilson");
    m.def("rate_ratio", &rate_ratio, py::arg("count1"), py::arg("exposure1"), py::arg("count2"), py::arg("exposure2"),
          py::arg("level") = 0.95);
    m.def("ratio", [](double num, const std::string& num_q, double den, const std::string& den_q) {
        return ratio(Figure{num, qualifier_from(num_q)}, Figure{den, qualifier_from(den_q)});
    }, py::arg("numerator"), py::arg("numerator_qualifier"), py::arg("denominator"), py::arg("denominator_qualifier"));

    m.def("describe", [](const py::array_t<double, py::array::c_style | py::array::forcecast>& values) {
        auto array = as_doubles(values);
        Description d;
        {
            py::gil_scoped_release release;
            d = describe(span_of(array));
        }
        return description_dict(d);
    }, py::arg("values"));
    m.def("quantile", [](const py::array_t<double, py::array::c_style | py::array::forcecast>& values, double q) {
        auto array = as_doubles(values);
        return quantile(span_of(array), q);
    }, py::arg("values"), py::arg("q"));

    py::class_<Summary> summary(m, "Summary",
                                "A mergeable summary of figures: exact count, sum, mean, std, min, max and quantiles, "
                                "identical whether built in one pass or merged from parts.");
    summary.def(py::init([](const std::optional<std::string>& unit) {
                    auto u = parse_unit(unit.value_or(""));
                    if (!u) throw InputError("<argument>", 0, "unit", "unknown unit '" + unit.value_or("") + "'");
                    return Summary(*u);
                }),
                py::arg("unit") = py::none())
        .def("add", [](Summary& s, const py::array_t<double, py::array::c_style | py::array::forcecast>& values) {
            auto array = as_doubles(values);
            s.add(span_of(array));
        }, py::arg("values"))
        .def("merge", &Summary::merge, py::arg("other"))
        .def_property_readonly("count", &Summary::count)
        .def_property_readonly("unit", [](const Summary& s) {
            auto name = to_string(s.unit());
            return name.empty() ? py::object(py::none()) : py::object(py::str(std::string(name)));
        })
        .def("quantile", &Summary::quantile, py::arg("q"))
        .def("describe", [](const Summary& s) { return description_dict(s.describe()); })
        .def("__repr__", [](const Summary& s) {
            if (s.empty()) return std::string("Summary(empty)");
            auto d = s.describe();
            return "Summary(count=" + std::to_string(d.count) + ", mean=" + number(d.mean) +
                   ", median=" + number(d.median) + ", min=" + number(d.min) + ", max=" + number(d.max) + ")";
        });
    add_serialisation(summary);

    py::class_<RatioSummary> ratio_summary(m, "RatioSummary",
                                           "A mergeable pooled ratio across operations: sum of numerators over sum of "
                                           "denominators, beside the mean of the per-operation ratios.");
    ratio_summary.def(py::init<>())
        .def("add", &RatioSummary::add, py::arg("numerator"), py::arg("denominator"))
        .def("merge", &RatioSummary::merge, py::arg("other"))
        .def_property_readonly("count", &RatioSummary::count)
        .def_property_readonly("pooled_ratio", &RatioSummary::pooled_ratio)
        .def_property_readonly("mean_ratio", &RatioSummary::mean_ratio)
        .def_property_readonly("numerator_sum", &RatioSummary::numerator_sum)
        .def_property_readonly("denominator_sum", &RatioSummary::denominator_sum)
        .def("__repr__", [](const RatioSummary& s) {
            return "RatioSummary(count=" + std::to_string(s.count()) + ", pooled=" + number(s.pooled_ratio()) +
                   ", mean=" + number(s.mean_ratio()) + ")";
        });
    add_serialisation(ratio_summary);

    m.def("summarise_by", [](const FactTable& table, const std::string& key, const std::string& metric) {
        auto k = parse_group_key(key);
        if (!k) throw std::invalid_argument("unknown group key '" + key + "'; expected operation, metric, scope, year or doc");
        std::vector<std::pair<std::string, Summary>> groups;
        {
            py::gil_scoped_release release;
            groups = summarise_by(table, *k, metric);
        }
        return groups;
    }, py::arg("table"), py::arg("by"), py::arg("metric") = "");
}

}  // namespace optally::bindings
