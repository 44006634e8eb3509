#include "register.hpp"

namespace optally::bindings {

// Filled in as the stats area of the core lands.
void register_stats(pybind11::module_&) {}

}  // namespace optally::bindings
