#pragma once
// From the bytes of an article to the sentences the extractor reads: HTML is reduced to
// its text (scripts and styles dropped, entities decoded, block tags made paragraph
// breaks) with a map back to the original bytes, and the text is cut into sentences.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "optally/extract/lexicon.hpp"
#include "optally/extract/tokenizer.hpp"

namespace optally::extract {

// True when the bytes look like an HTML page or fragment rather than plain text.
bool looks_like_html(std::string_view bytes) noexcept;

struct CleanText {
    std::string text;
    // Byte i of `text` came from byte offsets[i] of the input (one extra entry for the
    // end). Empty for plain text, where the offsets are the same.
    std::vector<std::uint32_t> offsets;
    std::string meta_date;  // a publication date from <meta>/<time> markup, ISO, or ""

    std::uint32_t original(std::size_t i) const noexcept {
        return offsets.empty() ? static_cast<std::uint32_t>(i) : offsets[i];
    }
};

CleanText clean_html(std::string_view html);

struct Sentence {
    std::size_t first = 0;  // token range [first, last)
    std::size_t last = 0;
    std::uint32_t begin = 0;  // byte range in the text the tokens came from
    std::uint32_t end = 0;
    std::uint32_t paragraph = 0;
    bool headline = false;  // a line of its own with no closing punctuation: a title, a list item
};

// Sentences in order. Abbreviations ("Det. Supt.", "Mr.", "U.S.") do not end one; a line
// break does unless the text is hard-wrapped prose.
std::vector<Sentence> split_sentences(const TokenizedText& t, const Lexicon& lexicon);

}  // namespace optally::extract
