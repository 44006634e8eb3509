#include <pybind11/pybind11.h>

#include "optally/facts/errors.hpp"
#include "register.hpp"

namespace py = pybind11;

namespace optally::bindings {

namespace {
// Held for the life of the process on purpose: a static py::object would be released after
// the interpreter has shut down.
PyObject* input_error_type = nullptr;
}  // namespace

void register_errors(py::module_& m) {
    input_error_type = py::exception<InputError>(m, "InputError", PyExc_ValueError).release().ptr();
    py::setattr(input_error_type, "__doc__",
                py::str("Bad input: a file, line or field that cannot be read. A ValueError with the attributes "
                        "file, line (0: the whole file), field ('' if none) and reason."));
    // InputError carries where the input was bad, so a caller can point a user at the file
    // and line without parsing the message.
    py::register_exception_translator([](std::exception_ptr thrown) {
        try {
            if (thrown) std::rethrow_exception(thrown);
        } catch (const InputError& e) {
            py::object instance = py::reinterpret_borrow<py::object>(input_error_type)(e.what());
            instance.attr("file") = e.file();
            instance.attr("line") = e.line();
            instance.attr("field") = e.field();
            instance.attr("reason") = e.reason();
            PyErr_SetObject(input_error_type, instance.ptr());
        }
    });
}

}  // namespace optally::bindings
