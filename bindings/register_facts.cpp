#include <pybind11/numpy.h>
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>
#include <pybind11/stl/filesystem.h>

#include <sstream>

#include "optally/facts/data_dir.hpp"
#include "optally/facts/errors.hpp"
#include "optally/facts/fact_table.hpp"
#include "register.hpp"

namespace py = pybind11;

namespace optally::bindings {

namespace {

// A read-only numpy view of a column that keeps the table alive for as long as the view.
template <typename T>
py::array column_view(std::span<const T> column, py::handle owner) {
    py::array view(py::dtype::of<T>(), {static_cast<py::ssize_t>(column.size())}, {static_cast<py::ssize_t>(sizeof(T))},
                   column.data(), owner);
    py::detail::array_proxy(view.ptr())->flags &= ~py::detail::npy_api::NPY_ARRAY_WRITEABLE_;
    return view;
}

py::list string_column(const FactTable& table, std::span<const std::uint32_t> ids, bool none_for_empty) {
    py::list out(ids.size());
    for (std::size_t i = 0; i < ids.size(); ++i) {
        std::string_view text = table.strings().at(ids[i]);
        if (none_for_empty && text.empty())
            out[i] = py::none();
        else
            out[i] = py::str(text.data(), text.size());
    }
    return out;
}

py::dict fact_to_dict(const Fact& f) {
    py::dict d;
    d["doc"] = f.doc;
    d["metric"] = f.metric;
    d["value"] = f.value;
    d["unit"] = f.unit == Unit::none ? py::object(py::none()) : py::object(py::str(std::string(to_string(f.unit))));
    d["qualifier"] = std::string(to_string(f.qualifier));
    d["scope"] = f.scope;
    d["operation"] = f.operation.empty() ? py::object(py::none()) : py::object(py::str(f.operation));
    d["start"] = f.start;
    d["end"] = f.end;
    d["evidence"] = f.evidence;
    d["agency"] = f.agency.empty() ? py::object(py::none()) : py::object(py::str(f.agency));
    d["date"] = f.date.empty() ? py::object(py::none()) : py::object(py::str(f.date));
    return d;
}

}  // namespace

py::dict fact_as_dict(const Fact& f) { return fact_to_dict(f); }

void register_facts(py::module_& m) {
    m.def("set_data_dir", [](const std::filesystem::path& dir) { set_data_dir(dir); }, py::arg("directory"),
          "Read the data tables (vocabulary, lexicon, gazetteer) from this folder. Call before first use.");
    m.def("data_dir", [] { return data_dir(); }, "The folder the data tables are read from.");

    m.def("metrics", [] {
        py::list out;
        for (const auto& info : Vocabulary::standard().metrics()) {
            py::dict d;
            d["name"] = info.name;
            d["description"] = info.description;
            py::list units;
            for (Unit u : info.units) units.append(std::string(to_string(u)));
            d["units"] = units;
            d["nests_in"] = info.nests_in;
            out.append(d);
        }
        return out;
    }, "The metric vocabulary as a list of dicts (name, description, units, nests_in).");

    m.def("standard_pairs", [] {
        auto to_list = [](const std::vector<NamedPair>& pairs) {
            py::list out;
            for (const auto& p : pairs) out.append(py::make_tuple(p.numerator, p.denominator, p.name));
            return out;
        };
        const auto& v = Vocabulary::standard();
        return py::make_tuple(to_list(v.standard_ratios()), to_list(v.standard_proportions()));
    }, "The standard (ratios, proportions) of the report as (numerator, denominator, name) tuples.");

    py::class_<FactTable>(m, "FactTable", "A columnar table of facts.")
        .def(py::init<>())
        .def_static("read_jsonl", py::overload_cast<const std::filesystem::path&>(&FactTable::read_jsonl),
                    py::arg("path"), py::call_guard<py::gil_scoped_release>())
        .def_static("read_csv", py::overload_cast<const std::filesystem::path&>(&FactTable::read_csv), py::arg("path"),
                    py::call_guard<py::gil_scoped_release>())
        .def_static("parse_jsonl", [](const std::string& text, const std::string& name) {
            std::istringstream in(text);
            return FactTable::read_jsonl(in, name);
        }, py::arg("text"), py::arg("name") = "<string>")
        .def_static("parse_csv", [](const std::string& text, const std::string& name) {
            std::istringstream in(text);
            return FactTable::read_csv(in, name);
        }, py::arg("text"), py::arg("name") = "<string>")
        .def("to_jsonl", [](const FactTable& t) {
            std::ostringstream out;
            t.write_jsonl(out);
            return out.str();
        })
        .def("to_csv_text", [](const FactTable& t) {
            std::ostringstream out;
            t.write_csv(out);
            return out.str();
        })
        .def("append", [](FactTable& t, const std::string& doc, const std::string& metric, double value,
                          const std::string& qualifier, const std::string& scope, const std::optional<std::string>& operation,
                          const std::optional<std::string>& unit, std::uint32_t start, std::uint32_t end,
                          const std::string& evidence, const std::optional<std::string>& agency,
                          const std::optional<std::string>& date) {
            Fact f;
            f.doc = doc;
            f.metric = metric;
            f.value = value;
            auto q = parse_qualifier(qualifier);
            if (!q) throw InputError("<fact>", 0, "qualifier", "unknown qualifier '" + qualifier + "'");
            f.qualifier = *q;
            f.scope = scope;
            f.operation = operation.value_or("");
            auto u = parse_unit(unit.value_or(""));
            if (!u) throw InputError("<fact>", 0, "unit", "unknown unit '" + unit.value_or("") + "'");
            f.unit = *u;
            f.start = start;
            f.end = end;
            f.evidence = evidence;
            f.agency = agency.value_or("");
            f.date = date.value_or("");
            t.append(f);
        }, py::arg("doc"), py::arg("metric"), py::arg("value"), py::arg("qualifier") = "exact",
           py::arg("scope") = "total", py::arg("operation") = py::none(), py::arg("unit") = py::none(),
           py::arg("start") = 0, py::arg("end") = 0, py::arg("evidence") = "", py::arg("agency") = py::none(),
           py::arg("date") = py::none())
        .def("extend", &FactTable::extend, py::arg("other"))
        .def("_swap", [](FactTable& self, FactTable& other) { std::swap(self, other); })
        .def("__len__", &FactTable::size)
        .def("row", [](const FactTable& t, std::size_t i) { return fact_to_dict(t.row(i)); }, py::arg("index"))
        .def_property_readonly("values", [](py::object self) {
            return column_view(self.cast<const FactTable&>().value_column(), self);
        }, "The figures as a read-only float64 numpy view (no copy).")
        .def_property_readonly("starts", [](py::object self) {
            return column_view(self.cast<const FactTable&>().starts(), self);
        })
        .def_property_readonly("ends", [](py::object self) {
            return column_view(self.cast<const FactTable&>().ends(), self);
        })
        .def_property_readonly("metric_codes", [](py::object self) {
            return column_view(self.cast<const FactTable&>().metric_ids(), self);
        }, "Index of each fact's metric in optally.metrics() (uint8 view).")
        .def_property_readonly("qualifier_codes", [](py::object self) {
            return column_view(self.cast<const FactTable&>().qualifiers(), self);
        }, "Qualifier of each fact as a code into QUALIFIERS (uint8 view).")
        .def_property_readonly("unit_codes", [](py::object self) {
            return column_view(self.cast<const FactTable&>().units(), self);
        })
        .def("_strings", [](const FactTable& t, const std::string& column) -> py::list {
            if (column == "doc") return string_column(t, t.doc_ids(), false);
            if (column == "scope") return string_column(t, t.scope_ids(), false);
            if (column == "operation") return string_column(t, t.operation_ids(), true);
            if (column == "evidence") return string_column(t, t.evidence_ids(), false);
            if (column == "agency") return string_column(t, t.agency_ids(), true);
            if (column == "date") {
                py::list out(t.size());
                for (std::size_t i = 0; i < t.size(); ++i) {
                    std::string_view d = t.date_of_doc(t.doc(i));
                    out[i] = d.empty() ? py::object(py::none()) : py::object(py::str(d.data(), d.size()));
                }
                return out;
            }
            throw py::key_error(column);
        }, py::arg("column"))
        .def_property_readonly("memory_bytes", &FactTable::memory_bytes);

    py::list qualifiers, units;
    for (int i = 0; i < qualifier_count; ++i) qualifiers.append(std::string(to_string(static_cast<Qualifier>(i))));
    for (int i = 0; i < unit_count; ++i) {
        auto name = to_string(static_cast<Unit>(i));
        units.append(name.empty() ? py::object(py::none()) : py::object(py::str(std::string(name))));
    }
    m.attr("QUALIFIERS") = py::tuple(qualifiers);
    m.attr("UNITS") = py::tuple(units);

    m.def("bounds", [](double value, const std::string& qualifier) {
        auto q = parse_qualifier(qualifier);
        if (!q) throw InputError("<bounds>", 0, "qualifier", "unknown qualifier '" + qualifier + "'");
        Bounds b = bounds_of(value, *q);
        return py::make_tuple(b.lower, b.upper, b.lower_inclusive, b.upper_inclusive, b.approximate);
    }, py::arg("value"), py::arg("qualifier"),
       "(lower, upper, lower_inclusive, upper_inclusive, approximate) for a figure stated with a qualifier.");
}

}  // namespace optally::bindings
