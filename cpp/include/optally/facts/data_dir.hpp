#pragma once
// Where the data files (metric vocabulary, lexicon, gazetteer) live. The tables are data,
// never code: adding a synonym or a police force area needs no recompile.

#include <filesystem>

namespace optally {

// Order of preference: set_data_dir(), then the OPTALLY_DATA_DIR environment variable,
// then the source tree's data/ folder compiled in for tests.
std::filesystem::path data_dir();
// Must be called before the first use of a standard table (the Python package does it on
// import); later calls change where tables not yet loaded are read from.
void set_data_dir(const std::filesystem::path& dir);

}  // namespace optally
