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
