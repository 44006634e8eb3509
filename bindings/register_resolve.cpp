#include "register.hpp"

namespace optally::bindings {

// Filled in as the resolve area of the core lands.
void register_resolve(pybind11::module_&) {}

}  // namespace optally::bindings
