// libFuzzer harness: any bytes given to the JSON Lines reader either load or raise
// InputError; anything else (a crash, a sanitizer report, another exception) is a bug.
#include <cstddef>
#include <cstdint>
#include <sstream>
#include <string>

#include "optally/facts/errors.hpp"
#include "optally/facts/fact_table.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::istringstream in(std::string(reinterpret_cast<const char*>(data), size));
    try {
        optally::FactTable table = optally::FactTable::read_jsonl(in, "<fuzz>");
        std::ostringstream out;
        table.write_jsonl(out);
    } catch (const optally::InputError&) {
    }
    return 0;
}
