#include "register.hpp"

namespace optally::bindings {

// Filled in as the extract area of the core lands.
void register_extract(pybind11::module_&) {}

}  // namespace optally::bindings
