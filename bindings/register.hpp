#pragma once
// One register function per area of the core; module.cpp calls them in order. This is the
// only folder that includes pybind11.

#include <pybind11/pybind11.h>

namespace optally::bindings {

void register_errors(pybind11::module_& m);
void register_facts(pybind11::module_& m);
void register_stats(pybind11::module_& m);
void register_extract(pybind11::module_& m);
void register_resolve(pybind11::module_& m);
void register_aggregate(pybind11::module_& m);

}  // namespace optally::bindings
