// libFuzzer harness for the HTML cleaner: on any bytes it returns, and its map back to the
// input has one entry per byte of text plus one, never decreasing, never past the input.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "optally/extract/text.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace optally::extract;
    std::string_view bytes(reinterpret_cast<const char*>(data), size);
    (void)looks_like_html(bytes);
    CleanText clean = clean_html(bytes);
    if (clean.offsets.empty()) return 0;
    if (clean.offsets.size() != clean.text.size() + 1) std::abort();
    for (std::size_t i = 0; i < clean.offsets.size(); ++i) {
        if (clean.offsets[i] > size) std::abort();
        if (i > 0 && clean.offsets[i] < clean.offsets[i - 1]) std::abort();
    }
    return 0;
}
