// libFuzzer harness for the number parser: on any bytes, both entry points return, every
// figure read lies inside the tokens it was given, and every value is finite and not
// negative (a figure in a report is a count or a length of time).
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "optally/extract/lexicon.hpp"
#include "optally/extract/numbers.hpp"
#include "optally/extract/tokenizer.hpp"

namespace {
void check(double value) {
    if (!std::isfinite(value) || value < 0) std::abort();
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace optally::extract;
    const Lexicon& lexicon = Lexicon::standard();
    std::string_view text(reinterpret_cast<const char*>(data), size);

    if (auto whole = parse_number(text, lexicon)) check(*whole);

    TokenizedText t = tokenize(text);
    std::uint32_t previous_end = 0;
    for (const Token& token : t.tokens) {
        if (token.begin >= token.end || token.begin < previous_end || token.end > size) std::abort();
        previous_end = token.end;
    }
    // Every start, with the whole text and with a limit two tokens on, as the extractor
    // calls it inside a sentence.
    for (std::size_t i = 0; i < t.tokens.size(); ++i) {
        for (std::size_t limit : {t.tokens.size(), i + 2}) {
            auto span = parse_number(t, i, limit, lexicon);
            if (!span) continue;
            if (span->first != i || span->last <= span->first || span->last > std::min(limit, t.tokens.size()))
                std::abort();
            if (!span->vague) check(span->value);
        }
    }
    return 0;
}
