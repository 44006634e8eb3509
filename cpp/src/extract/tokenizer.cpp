#include "optally/extract/tokenizer.hpp"

#include <bit>
#include <cstddef>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace optally::extract {

namespace {

enum class CharClass : std::uint8_t { space, letter, digit, quote, dash, fraction, apostrophe, other };

constexpr bool ascii_letter(unsigned char c) noexcept { return (c | 0x20) >= 'a' && (c | 0x20) <= 'z'; }
constexpr bool ascii_digit(unsigned char c) noexcept { return c >= '0' && c <= '9'; }

// Classifies the code point at p (length n). Only the characters that change how a report
// reads get their own class; every other symbol is punctuation and every other non-ASCII
// letter block is a letter, which is what names like "Lekkerkerker" or "Zürich" need.
struct AsciiClasses {
    CharClass of[128];
    constexpr AsciiClasses() : of() {
        for (int c = 0; c < 128; ++c) {
            auto u = static_cast<unsigned char>(c);
            of[c] = ascii_letter(u) ? CharClass::letter : ascii_digit(u) ? CharClass::digit : CharClass::other;
        }
        for (char c : {' ', '\t', '\n', '\r', '\f', '\v'}) of[static_cast<int>(c)] = CharClass::space;
        of[static_cast<int>('"')] = CharClass::quote;
        of[static_cast<int>('\'')] = CharClass::apostrophe;
        of[static_cast<int>('-')] = CharClass::dash;
    }
};
constexpr AsciiClasses ascii_classes;

// The ASCII letters among all 256 byte values: the test the word loop makes at every letter.
struct AsciiLetters {
    bool is[256];
    constexpr AsciiLetters() : is() {
        for (int c = 0; c < 256; ++c) is[c] = ascii_letter(static_cast<unsigned char>(c)) && c < 0x80;
    }
};
constexpr AsciiLetters ascii_letters;

// The `upper` byte of a Token (bits 24 to 31 of TokenBytes::flags) for a word that starts
// with each byte: one load instead of a compare, a set and a shift at every word.
struct CapitalFlags {
    std::uint32_t of[256];
    constexpr CapitalFlags() : of() {
        for (int c = 'A'; c <= 'Z'; ++c) of[c] = 1u << 24;
    }
};
constexpr CapitalFlags capital_flags;

#if defined(__SSE2__)
// Bit i set when byte at[i] is not an ASCII letter; sixteen bytes must be readable at `at`.
inline unsigned not_ascii_letters(const char* at) noexcept {
    __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(at));
    // (c | 0x20) - 'a' <= 25, unsigned: an ASCII letter (bytes >= 0x80 fall outside).
    __m128i folded = _mm_sub_epi8(_mm_or_si128(v, _mm_set1_epi8(0x20)), _mm_set1_epi8('a'));
    __m128i letter = _mm_cmpeq_epi8(_mm_min_epu8(folded, _mm_set1_epi8(25)), folded);
    return static_cast<unsigned>(~_mm_movemask_epi8(letter)) & 0xFFFFu;
}
#endif

// The first byte at or after p that is not an ASCII letter (or size). Sixteen bytes at a
// time where the text allows: a word's end ended a byte loop with a mispredicted branch,
// once per word; one compare of sixteen bytes covers nearly every word.
inline std::size_t skip_ascii_letters(std::string_view text, std::size_t p) noexcept {
#if defined(__SSE2__)
    const char* data = text.data();
    const std::size_t size = text.size();
    while (p + 16 <= size) {
        if (unsigned other = not_ascii_letters(data + p)) return p + static_cast<std::size_t>(__builtin_ctz(other));
        p += 16;
    }
#endif
    while (p < text.size() && ascii_letters.is[static_cast<unsigned char>(text[p])]) ++p;
    return p;
}

// A capital of Latin-1 or Latin Extended-A starts the word at p: "Örebro", "Île-de-France",
// "Łódź", "Český Krumlov" are names as "Oslo" is.
bool latin_capital(std::string_view s, std::size_t p) noexcept {
    if (p + 1 >= s.size()) return false;
    auto lead = static_cast<unsigned char>(s[p]), next = static_cast<unsigned char>(s[p + 1]);
    if ((next & 0xC0) != 0x80) return false;
    const unsigned cp = ((lead & 0x1Fu) << 6) | (next & 0x3Fu);
    if (lead == 0xC3) return cp >= 0xC0 && cp <= 0xDE && cp != 0xD7;  // À-Þ, not ×
    if (lead != 0xC4 && lead != 0xC5) return false;
    // Latin Extended-A pairs a capital with its small letter: even code points first, then
    // odd ones from Ĺ to Ň, even again from Ŋ to Ŷ, and Ÿ Ź Ż Ž.
    if (cp <= 0x137) return cp % 2 == 0;
    if (cp >= 0x139 && cp <= 0x148) return cp % 2 == 1;
    if (cp >= 0x14A && cp <= 0x177) return cp % 2 == 0;
    return cp == 0x178 || cp == 0x179 || cp == 0x17B || cp == 0x17D;
}

CharClass classify_multibyte(std::string_view s, std::size_t p, std::size_t& n) noexcept {
    auto c = static_cast<unsigned char>(s[p]);
    n = utf8_length(c);
    // A byte that cannot start a sequence (a stray continuation byte) counts as one letter;
    // reading on from it could run past the end of the input.
    if (n == 1) return CharClass::letter;
    if (p + n > s.size()) {
        n = 1;
        return CharClass::other;
    }
    // A lead byte without its continuation bytes (Latin-1 "Caf\xE9 arrested") is one letter:
    // taking n bytes would swallow the space and the start of the next word.
    for (std::size_t k = 1; k < n; ++k)
        if ((static_cast<unsigned char>(s[p + k]) & 0xC0) != 0x80) {
            n = 1;
            return CharClass::letter;
        }
    auto c1 = static_cast<unsigned char>(s[p + 1]);
    if (c == 0xC2) {
        if (c1 == 0xA0) return CharClass::space;                               // no-break space
        if (c1 == 0xBC || c1 == 0xBD || c1 == 0xBE) return CharClass::fraction;  // ¼ ½ ¾
        if (c1 == 0xAB || c1 == 0xBB) return CharClass::quote;                 // « »
        return CharClass::other;
    }
    if (c == 0xCB && c1 == 0x9C) return CharClass::quote;  // ˜, a mis-encoded opening quote
    if (c == 0xE2 && n == 3) {
        auto c2 = static_cast<unsigned char>(s[p + 2]);
        if (c1 == 0x80) {
            if (c2 <= 0x8B || c2 == 0xA8 || c2 == 0xA9 || c2 == 0xAF) return CharClass::space;
            if (c2 >= 0x90 && c2 <= 0x95) return CharClass::dash;
            if (c2 == 0x99) return CharClass::apostrophe;  // ’ doubles as apostrophe
            if (c2 >= 0x98 && c2 <= 0x9F) return CharClass::quote;
        }
        if (c1 == 0x88 && c2 == 0x92) return CharClass::dash;  // minus sign
        if (c1 == 0x85 && c2 >= 0x90 && c2 <= 0x9E) return CharClass::fraction;
        return CharClass::other;
    }
    if (c == 0xEF && n == 3 && c1 == 0xBB && static_cast<unsigned char>(s[p + 2]) == 0xBF)
        return CharClass::space;  // a byte-order mark
    return CharClass::letter;
}

// Inlined for ASCII, the common case, by table; the call only for other characters.
inline CharClass classify(std::string_view s, std::size_t p, std::size_t& n) noexcept {
    auto c = static_cast<unsigned char>(s[p]);
    if (c < 0x80) [[likely]] {
        n = 1;
        return ascii_classes.of[c];
    }
    return classify_multibyte(s, p, n);
}

// Where a word ends, its first character read and e just after it: letters, and inner
// apostrophes that are not a possessive. Not inlined: a word that starts with an ASCII
// letter comes here only at an apostrophe or a multibyte character (tokenize()).
[[gnu::noinline]] std::size_t word_end(std::string_view text, std::size_t e) noexcept {
    const std::size_t size = text.size();
    while (e < size) {
        // ASCII letters are most of any text: step over them without the full classifier.
        e = skip_ascii_letters(text, e);
        if (e >= size) break;
        // Any other ASCII byte but an apostrophe ends the word: no classifier for
        // the space or comma after nearly every word.
        if (const auto c = static_cast<unsigned char>(text[e]); c < 0x80 && c != '\'') break;
        std::size_t m = 1;
        CharClass next = classify(text, e, m);
        if (next == CharClass::letter) {
            e += m;
            continue;
        }
        if (next == CharClass::apostrophe && e + m < size) {
            std::size_t k = 1;
            if (classify(text, e + m, k) != CharClass::letter) break;
            // "Offender's" splits off the possessive; "o'clock" stays whole.
            bool possessive = (text[e + m] == 's' || text[e + m] == 'S') &&
                              (e + m + 1 >= size || classify(text, e + m + 1, k) != CharClass::letter);
            if (possessive) break;
            e += m;
            continue;
        }
        break;
    }
    return e;
}

// The end of the ASCII letters from b, whose byte is one, and in `after` the byte there (0
// at the end of the text: like a NUL, neither a space, nor an apostrophe, nor part of a
// multibyte character). The sixteen bytes from b in one compare, which finds the end of
// nearly every word without a loop (from b + 1, the compare's first turn seldom reached the
// end and a second turn came for one word in four); the byte after it read once, for the
// tests after the word, which read it again after each store of the token before.
inline std::size_t ascii_letters_end(std::string_view text, std::size_t b, unsigned char& after) noexcept {
    const std::size_t size = text.size();
    std::size_t e;
#if defined(__SSE2__)
    if (b + 16 <= size) {
        if (const unsigned other = not_ascii_letters(text.data() + b)) {
            e = b + static_cast<std::size_t>(__builtin_ctz(other));
            after = static_cast<unsigned char>(text[e]);  // e < b + 16 <= size
            return e;
        }
        e = skip_ascii_letters(text, b + 16);
    } else
#endif
    {
        e = b + 1;
        while (e < size && ascii_letters.is[static_cast<unsigned char>(text[e])]) ++e;
    }
    after = e < size ? static_cast<unsigned char>(text[e]) : 0;
    return e;
}

// Where the number that starts at b ends: digits with inner separators ("2,500", "2.5",
// "1.250.000"). Not inlined: numbers are few, and inlined, this loop made tokenize() keep
// the word loop's variables in memory instead of registers.
[[gnu::noinline]] std::size_t number_end(std::string_view text, std::size_t b) noexcept {
    const std::size_t size = text.size();
    std::size_t p = b;
    bool decimal = false, dotted = false;
    auto group_of_three = [&](std::size_t at) {  // ".000" or ",000" and no fourth digit
        return at + 3 < size && ascii_digit(static_cast<unsigned char>(text[at + 1])) &&
               ascii_digit(static_cast<unsigned char>(text[at + 2])) &&
               ascii_digit(static_cast<unsigned char>(text[at + 3])) &&
               (at + 4 >= size || !ascii_digit(static_cast<unsigned char>(text[at + 4])));
    };
    // "12 000", "1 250 000": thousands set apart by a space (or a no-break space, or the narrow
    // one French uses), after a first group of one to three digits.
    bool spaced = false;
    auto space_length = [&](std::size_t at) -> std::size_t {
        if (text[at] == ' ') return 1;
        if (at + 1 < size && text[at] == '\xC2' && text[at + 1] == '\xA0') return 2;
        if (at + 2 < size && text[at] == '\xE2' && text[at + 1] == '\x80' && text[at + 2] == '\xAF') return 3;
        return 0;
    };
    while (p < size) {
        if (ascii_digit(static_cast<unsigned char>(text[p]))) {
            ++p;
        } else if (const std::size_t gap = !decimal && !dotted && (spaced || p - b <= 3) ? space_length(p) : 0;
                   gap > 0 && group_of_three(p + gap - 1)) {
            spaced = true;
            p += gap + 3;
        } else if (text[p] == '.' && (dotted || (!decimal && p - b <= 3)) && group_of_three(p) &&
                   p + 4 < size && text[p + 4] == '.' && group_of_three(p + 4)) {
            dotted = true;  // "1.250.000": thousands written with dots; numbers.cpp reads them
            p += 4;
        } else if (text[p] == '.' && dotted && group_of_three(p)) {
            p += 4;
        } else if (text[p] == ',' && !decimal && p + 3 < size && ascii_digit(static_cast<unsigned char>(text[p + 1])) &&
                   ascii_digit(static_cast<unsigned char>(text[p + 2])) &&
                   ascii_digit(static_cast<unsigned char>(text[p + 3])) &&
                   (p + 4 >= size || !ascii_digit(static_cast<unsigned char>(text[p + 4])))) {
            p += 4;  // a thousands group: exactly three digits follow
        } else if (text[p] == '.' && !decimal && p + 1 < size &&
                   ascii_digit(static_cast<unsigned char>(text[p + 1]))) {
            decimal = true;
            p += 2;
        } else {
            break;
        }
    }
    return p;
}

// A token from its offsets and its bytes 8 to 11 as one number (kind, space_before,
// newlines_before, upper from the lowest byte up): two offsets and four bytes stored one by
// one were most of the instructions of a push, at every token of every text.
struct TokenBytes {
    std::uint32_t begin, end, flags, padding;
};
static_assert(sizeof(TokenBytes) == sizeof(Token) && offsetof(Token, kind) == 8 && offsetof(Token, space_before) == 9 &&
              offsetof(Token, newlines_before) == 10 && offsetof(Token, upper) == 11);
inline Token token_of(std::size_t b, std::size_t e, std::uint32_t flags) noexcept {
    if constexpr (std::endian::native == std::endian::little) {
        return std::bit_cast<Token>(TokenBytes{static_cast<std::uint32_t>(b), static_cast<std::uint32_t>(e), flags, 0});
    } else {
        Token t;
        t.begin = static_cast<std::uint32_t>(b);
        t.end = static_cast<std::uint32_t>(e);
        t.kind = static_cast<TokenKind>(flags & 0xFF);
        t.space_before = (flags >> 8) & 1;
        t.newlines_before = static_cast<std::uint8_t>(flags >> 16);
        t.upper = (flags >> 24) & 1;
        return t;
    }
}

}  // namespace

void tokenize(std::string_view text, TokenizedText& out) {
    out.text = text;
    out.lower.assign(text);
    for (char& ch : out.lower) ch = static_cast<char>(ch | (((ch >= 'A') & (ch <= 'Z')) << 5));
    out.tokens.clear();
    out.ids.clear();
    if (++out.generation == 0) {  // after 2^32 texts: no entry may pass for this text's
        out.memo.clear();
        out.generation = 1;
    }
    out.tokens.reserve(text.size() / 5 + 8);

    // The white space before the next token, kept as bytes 9 and 10 of a Token are
    // (space_before, newlines_before: see TokenBytes) so that a push stores whole words.
    constexpr std::uint32_t space = 1u << 8, newline = 1u << 16;
    std::uint32_t white = space | 2 * newline;
    std::size_t p = 0;
    const std::size_t size = text.size();
    auto push = [&](std::size_t b, std::size_t e, TokenKind kind) {
        out.tokens.push_back(token_of(b, e, static_cast<std::uint32_t>(kind) | white));
        white = 0;
    };
    while (p < size) {
        const auto c = static_cast<unsigned char>(text[p]);
        // The space between words, a sixth of prose, without the jump on the class: that
        // indirect jump predicts badly when every other token is a space.
        if (c == ' ') {
            white |= space;
            ++p;
            continue;
        }
        const std::size_t b = p;
        // A word's `upper` as capital_flags has it; only ever set for a word: no other kind
        // of token starts with a capital.
        std::uint32_t capital = 0;
        unsigned char after = 0;  // the byte after the word (0 at the end of the text)
        if (ascii_letters.is[c]) {
            // A word that starts with an ASCII letter, most tokens: without the classifier's
            // table and the jump on its class.
            p = ascii_letters_end(text, p, after);
            capital = capital_flags.of[c];
            // Any other ASCII byte but an apostrophe ends the word; an apostrophe or a
            // multibyte character may carry it on, which word_end() decides.
            if (after == '\'' || after >= 0x80) [[unlikely]] {
                p = word_end(text, p);
                after = p < size ? static_cast<unsigned char>(text[p]) : 0;
            }
        } else {
            std::size_t n = 1;
            switch (classify(text, p, n)) {
                case CharClass::letter:
                    p = word_end(text, p + n);
                    capital = std::uint32_t{(c >= 'A' && c <= 'Z') || (c >= 0xC3 && latin_capital(text, b))} << 24;
                    after = p < size ? static_cast<unsigned char>(text[p]) : 0;
                    break;
                case CharClass::space:
                    white |= space;
                    if (c == '\n' && white < 2 * newline) white += newline;
                    p += n;
                    continue;
                case CharClass::digit:
                    p = number_end(text, b);
                    push(b, p, TokenKind::number);
                    continue;
                case CharClass::fraction: push(p, p + n, TokenKind::fraction); p += n; continue;
                case CharClass::quote: push(p, p + n, TokenKind::quote); p += n; continue;
                case CharClass::apostrophe: push(p, p + n, TokenKind::quote); p += n; continue;
                case CharClass::dash: push(p, p + n, TokenKind::dash); p += n; continue;
                case CharClass::other:
                    // "**402** people arrested": Markdown's bold marks are no punctuation of the
                    // sentence (a single "*" may be a bullet, and stays).
                    if (c == '*' && p + 1 < size && text[p + 1] == '*') {
                        p += 2;
                        continue;
                    }
                    push(p, p + n, TokenKind::punct);
                    p += n;
                    continue;
            }
        }
        out.tokens.push_back(token_of(b, p, static_cast<std::uint32_t>(TokenKind::word) | white | capital));
        white = 0;
        // The space after a word, most words, taken here: one test instead of a turn of the loop.
        if (after == ' ') {
            white |= space;
            ++p;
            continue;
        }
        // A possessive starts with ' or a multibyte ’; the test in word_end() again.
        if (after == '\'' || after >= 0x80) {
            std::size_t m = 1;
            if (classify(text, p, m) == CharClass::apostrophe && p + m < size &&
                (text[p + m] == 's' || text[p + m] == 'S')) {
                std::size_t k = 1;
                if (p + m + 1 >= size || classify(text, p + m + 1, k) != CharClass::letter) {
                    push(p, p + m + 1, TokenKind::possessive);
                    p += m + 1;
                }
            }
        }
    }
}

TokenizedText tokenize(std::string_view text) {
    TokenizedText out;
    tokenize(text, out);
    return out;
}

}  // namespace optally::extract
