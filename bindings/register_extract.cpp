#include <pybind11/functional.h>
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>
#include <pybind11/stl/filesystem.h>

#include "optally/extract/extractor.hpp"
#include "optally/extract/lexicon.hpp"
#include "register.hpp"

namespace py = pybind11;

namespace optally::bindings {

namespace {
using namespace optally::extract;

const Lexicon& chosen(const Lexicon* lexicon) { return lexicon ? *lexicon : Lexicon::standard(); }
}  // namespace

void register_extract(py::module_& m) {
    py::class_<Lexicon>(m, "Lexicon",
                        "The cue words, qualifier phrases, gazetteer and name lists the extractor reads, all from "
                        "data files. Extend it with your own file of the same format; no recompiling.")
        .def_static("load", [](const std::filesystem::path& dir, const std::vector<std::filesystem::path>& extra) {
            return Lexicon::load(dir, extra);
        }, py::arg("directory"), py::arg("extra_files") = std::vector<std::filesystem::path>{},
           "Load lexicon.json, gazetteer.json and names.json from a folder, then each extra file on top.")
        .def_static("standard", &Lexicon::standard, py::return_value_policy::reference,
                    "The lexicon of optally's own data folder.")
        .def("merge", &Lexicon::merge, py::arg("other"), "Add another lexicon's entries to this one.");

    m.def("extract_text", [](const std::string& text, const std::string& doc, bool keep_names, const Lexicon* lexicon) {
        FactTable table;
        {
            py::gil_scoped_release release;
            ExtractOptions options;
            options.keep_names = keep_names;
            for (const Fact& fact : extract_text(text, doc, chosen(lexicon), options)) table.append(fact);
        }
        return table;
    }, py::arg("text"), py::arg("doc") = "text", py::arg("keep_names") = false, py::arg("lexicon") = nullptr);

    m.def("extract_files", [](const std::vector<std::filesystem::path>& files, unsigned threads, bool keep_names,
                              const std::optional<std::function<void(std::size_t)>>& progress, const Lexicon* lexicon) {
        ExtractOptions options;
        options.keep_names = keep_names;
        ExtractProgress report;
        if (progress) {
            // Workers call this one at a time; each call takes the GIL only for the callback.
            report = [&progress](std::size_t done, std::size_t) {
                py::gil_scoped_acquire acquire;
                (*progress)(done);
            };
        }
        ExtractResult result;
        {
            py::gil_scoped_release release;
            result = extract_files(files, threads, chosen(lexicon), options, report);
        }
        std::vector<std::pair<std::string, std::string>> skipped;
        for (const auto& s : result.skipped) skipped.emplace_back(s.path.string(), s.reason);
        return py::make_tuple(std::move(result.table), skipped);
    }, py::arg("files"), py::arg("threads") = 0, py::arg("keep_names") = false, py::arg("progress") = py::none(),
       py::arg("lexicon") = nullptr);
}

}  // namespace optally::bindings
