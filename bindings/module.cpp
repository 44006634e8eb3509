#include "register.hpp"

PYBIND11_MODULE(_core, m) {
    m.doc() = "optally's C++ core. Import optally, not this module: the public API lives there.";
    using namespace optally::bindings;
    register_errors(m);
    register_facts(m);
    register_stats(m);
    register_extract(m);
    register_resolve(m);
    register_aggregate(m);
}
