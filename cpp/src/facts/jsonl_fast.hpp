#pragma once
// The fast path of FactTable::read_jsonl: a hand-rolled reader for the one shape nearly every
// fact file has (a flat object of strings, numbers and nulls), beside nlohmann::json for
// everything else. The reader only ever says "this line is the Fact f" when nlohmann would
// read the very same Fact from it; for anything unusual it declines, and the caller parses
// the line with nlohmann, which accepts it or reports the error with file, line and field.

#include <cstddef>
#include <istream>
#include <string_view>

#include "optally/facts/fact.hpp"

namespace optally::detail {

// Bytes of the well-formed UTF-8 sequence at text[i] (Unicode table 3-7, as nlohmann's lexer
// checks it), or 0. Shared by the fast reader and the error messages of the slow one.
inline std::size_t utf8_sequence(std::string_view text, std::size_t i) noexcept {
    auto byte = [&](std::size_t k) -> unsigned { return i + k < text.size() ? static_cast<unsigned char>(text[i + k]) : 0x100U; };
    auto cont = [&](std::size_t k, unsigned lo = 0x80, unsigned hi = 0xBF) { return byte(k) >= lo && byte(k) <= hi; };
    const unsigned b0 = byte(0);
    if (b0 < 0x80) return 1;
    if (b0 >= 0xC2 && b0 <= 0xDF) return cont(1) ? 2 : 0;
    if (b0 == 0xE0) return cont(1, 0xA0) && cont(2) ? 3 : 0;
    if ((b0 >= 0xE1 && b0 <= 0xEC) || b0 == 0xEE || b0 == 0xEF) return cont(1) && cont(2) ? 3 : 0;
    if (b0 == 0xED) return cont(1, 0x80, 0x9F) && cont(2) ? 3 : 0;
    if (b0 == 0xF0) return cont(1, 0x90) && cont(2) && cont(3) ? 4 : 0;
    if (b0 >= 0xF1 && b0 <= 0xF3) return cont(1) && cont(2) && cont(3) ? 4 : 0;
    if (b0 == 0xF4) return cont(1, 0x80, 0x8F) && cont(2) && cont(3) ? 4 : 0;
    return 0;
}

// True when `line` is a flat JSON object from which fact_from_json would build exactly the
// Fact written to `fact` (every field of it is set). False leaves `fact` unspecified and
// means: parse this line the slow way. Declines on nesting, duplicate keys, escapes in keys,
// a field of a type the contract does not allow, unknown units or qualifiers, invalid UTF-8,
// numbers outside the double range, and any syntax error.
bool parse_flat_fact(std::string_view line, Fact& fact);

// How many line ends lie between the stream's position and its end, for reserving the
// table's columns once; the position is restored. 0 when the stream cannot seek (a pipe).
std::size_t count_lines_ahead(std::istream& in);

}  // namespace optally::detail
