// libFuzzer harness: any bytes given to the CSV reader either load or raise InputError,
// and whatever loads survives a round trip through CSV unchanged.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <sstream>
#include <string>

#include "optally/facts/errors.hpp"
#include "optally/facts/fact_table.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::istringstream in(std::string(reinterpret_cast<const char*>(data), size));
    try {
        optally::FactTable table = optally::FactTable::read_csv(in, "<fuzz>");
        std::stringstream text;
        table.write_csv(text);
        optally::FactTable again = optally::FactTable::read_csv(text, "<round trip>");
        if (again.size() != table.size()) std::abort();
        for (std::size_t i = 0; i < table.size(); ++i)
            if (!(again.row(i) == table.row(i)) && table.row(i).value == table.row(i).value) std::abort();
    } catch (const optally::InputError&) {
    }
    return 0;
}
