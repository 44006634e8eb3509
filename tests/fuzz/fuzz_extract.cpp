// libFuzzer harness for the extractor on arbitrary bytes (plain text, HTML, binary):
// extract_text returns; every fact is one a FactTable accepts (known metric, fitting unit,
// finite value that is not negative); offsets lie inside the input; masking names changes
// evidence only; and the facts survive a JSON Lines round trip.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <sstream>
#include <string>
#include <string_view>

#include "optally/extract/extractor.hpp"
#include "optally/facts/errors.hpp"
#include "optally/facts/fact_table.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace optally;
    std::string_view text(reinterpret_cast<const char*>(data), size);
    const auto& lexicon = extract::Lexicon::standard();

    extract::ExtractOptions keep;
    keep.keep_names = true;
    std::vector<Fact> masked = extract::extract_text(text, "fuzz", lexicon);
    std::vector<Fact> kept = extract::extract_text(text, "fuzz", lexicon, keep);
    if (masked.size() != kept.size()) std::abort();

    FactTable table;
    for (std::size_t i = 0; i < masked.size(); ++i) {
        Fact a = masked[i], b = kept[i];
        if (a.start > a.end || a.end > size) std::abort();
        a.evidence.clear();
        b.evidence.clear();
        if (!(a == b)) std::abort();
        try {
            table.append(masked[i]);
        } catch (const InputError&) {
            std::abort();  // the extractor emitted a fact the contract rejects
        }
    }

    std::stringstream lines;
    table.write_jsonl(lines);
    FactTable again = FactTable::read_jsonl(lines, "<round trip>");
    if (again.size() != table.size()) std::abort();
    return 0;
}
