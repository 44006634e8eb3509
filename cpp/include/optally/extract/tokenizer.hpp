#pragma once
// Splitting text into words, numbers and punctuation with byte offsets. One pass, no
// allocation per token: every cue lookup later works on the lowercased copy of the text
// at the same offsets, so a token is just two offsets and a few flags.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace optally::extract {

enum class TokenKind : std::uint8_t {
    word,        // letters, inner apostrophes ("o'clock"); non-ASCII letters count as letters
    number,      // digits with inner separators: "2,500", "2.5", "0800"
    fraction,    // a vulgar fraction character: ½ ¼ ¾ ⅓ ...
    possessive,  // "'s" / "’s" after a word, kept apart so "Offender's" matches "offender"
    quote,       // " “ ” ‘ ’ ˜ and a lone '
    dash,        // - – —
    punct,       // anything else that is not space
};

// Sixteen bytes (four of them padding): tokens.size() is asked at nearly every bounds check
// of every scan, and divides by the size of a token, a multiply for twelve, a shift for 16.
struct alignas(16) Token {
    std::uint32_t begin = 0;
    std::uint32_t end = 0;
    TokenKind kind = TokenKind::punct;
    bool space_before = false;  // any white space between this token and the previous one
    std::uint8_t newlines_before = 0;  // line breaks in that white space, capped at 2
    bool upper = false;         // first character is a capital (ASCII, Latin-1 or Latin Extended-A)

    std::uint32_t size() const noexcept { return end - begin; }
};

// The text, its ASCII-lowercased twin (same byte offsets) and its tokens.
struct TokenizedText {
    std::string_view text;
    std::string lower;
    std::vector<Token> tokens;
    // Each token's word id in the lexicon that reads the text (set by the extractor so
    // that cue look-ups are array indexes); empty until then.
    std::vector<int> ids;
    // Answers the extractor works out per token and later passes ask again (a place named at
    // a token: SentenceView::place_at), for the sentence bounds they were asked with. An entry
    // holds only while its `generation` is the text's: tokenize() starts a new generation, so
    // the buffer is reused from text to text without clearing. Empty unless the extractor
    // sizes it; it never changes what a look-up answers.
    struct Memo {
        std::uint32_t generation = 0;
        std::uint32_t first = 0, last = 0;
        std::uint32_t end = 0;
        std::int32_t payload = -1;
    };
    mutable std::vector<Memo> memo;
    std::uint32_t generation = 0;

    std::string_view original(const Token& t) const noexcept { return text.substr(t.begin, t.size()); }
    std::string_view low(const Token& t) const noexcept {
        return std::string_view(lower).substr(t.begin, t.size());
    }
    std::string_view low(std::size_t i) const noexcept { return low(tokens[i]); }
    bool is(std::size_t i, std::string_view lowered) const noexcept {
        return i < tokens.size() && low(tokens[i]) == lowered;
    }
};

// Tokenizes into `out` (reusing its buffers). `text` must outlive `out`.
void tokenize(std::string_view text, TokenizedText& out);
TokenizedText tokenize(std::string_view text);

// Length of the UTF-8 sequence that starts with byte c (1 for invalid lead bytes).
inline std::size_t utf8_length(unsigned char c) noexcept {
    if (c < 0xC0) return 1;
    if (c < 0xE0) return 2;
    if (c < 0xF0) return 3;
    return 4;
}

}  // namespace optally::extract
