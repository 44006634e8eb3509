#pragma once
// Reading a figure as a report writes it: digits with separators and decimals ("2,500",
// "2.5 million", "1.2m"), number words ("six hundred and sixty", "Ninety-nine", "a dozen"),
// fractions ("3½", "2 and ½", "three and a half"). Ranges, ages and units are the
// extractor's business: this unit only turns the tokens of one figure into a value.

#include <cstddef>
#include <optional>
#include <string_view>

#include "optally/extract/lexicon.hpp"
#include "optally/extract/tokenizer.hpp"

namespace optally::extract {

struct NumberSpan {
    double value = 0.0;
    std::size_t first = 0;  // token range [first, last) the figure was read from
    std::size_t last = 0;
    bool in_words = false;  // "sixty" rather than "60": never a year, phone number or date
    bool vague = false;     // "dozens", "hundreds": a quantity, but no figure
};

// The figure that starts at token i (and ends before token `limit`), if one does.
std::optional<NumberSpan> parse_number(const TokenizedText& t, std::size_t i, std::size_t limit, const Lexicon& lexicon);

// The value of `text` when all of it is one figure ("six hundred and sixty" -> 660).
std::optional<double> parse_number(std::string_view text, const Lexicon& lexicon = Lexicon::standard());

}  // namespace optally::extract
