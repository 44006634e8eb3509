// Offenders' names never leave the extractor unless asked for: person names in evidence
// are found from titles ("Det Supt", "Mr"), given names ("Kate Fisher"), an age in
// apposition ("Barnaby Quillfeather, 47,"), unknown words in an all-capitals headline and
// surnames already seen in full, never from places, agencies or operation names.
// Nor do bytes that are not UTF-8 (an article saved as Latin-1): JSON and Python's str
// cannot hold them.

#include <cstdint>
#include <cstring>

#include "../facts/jsonl_fast.hpp"
#include "extract_internal.hpp"

namespace optally::extract::detail {

namespace {

// `place_at(k)` and `agency_at(k)` answer as s.place_at(k) and s.agency_at(k) do.
template <class PlaceAt, class AgencyAt>
bool name_word(const SentenceView& s, std::size_t k, PlaceAt place_at, AgencyAt agency_at) {
    if (k >= s.last || s.t.tokens[k].kind != TokenKind::word || !s.upper(k)) return false;
    return !has(s.d.not_names, s.t, k) && !has(s.d.titles, s.t, k) && !has(s.d.function_words, s.t, k) && !place_at(k) &&
           !agency_at(k) && !has(s.d.month_words, s.t, k) && !has(s.d.weekdays, s.t, k);
}

// A dash written tight between two words: "Smith-Jones".
bool joining_dash(const SentenceView& s, std::size_t k) {
    return k + 1 < s.last && s.t.tokens[k].kind == TokenKind::dash && !s.t.tokens[k].space_before &&
           !s.t.tokens[k + 1].space_before;
}

// A place joined tight to a name is part of it: "Hollingshead-Bray", "Smith-Kent".
bool place_in_name(const SentenceView& s, std::size_t k) {
    if (k >= s.last || s.t.tokens[k].kind != TokenKind::word) return false;
    auto p = s.place_at(k);
    return p && p.end == k + 1;
}

struct NameRun {
    std::size_t end = 0;    // one past the last token
    std::size_t words = 0;  // "Fairweather-Quist" is one word
};

// Up to `most` words from k for which `part` holds; later words may be double-barrelled
// ("Lekkerkerker", "Smith-Jones", "O'Neill").
template <class Part>
NameRun run_of(const SentenceView& s, std::size_t k, std::size_t most, Part part) {
    NameRun run{k, 0};
    while (run.words < most && part(run.end)) {
        ++run.end;
        ++run.words;
        while (joining_dash(s, run.end) && (part(run.end + 1) || place_in_name(s, run.end + 1))) run.end += 2;
    }
    return run;
}

// The first token of the double-barrelled surname that ends at token `last` (exclusive).
std::size_t surname_begin(const SentenceView& s, std::size_t last) {
    std::size_t k = last - 1;
    while (k >= s.first + 2 && joining_dash(s, k - 1) && s.t.tokens[k - 2].kind == TokenKind::word) k -= 2;
    return k;
}

// "fairweather-quist" for the tokens [first, last) of a double-barrelled surname, whichever
// dash the text used.
std::string surname_key(const SentenceView& s, std::size_t first, std::size_t last) {
    std::string key;
    for (std::size_t k = first; k < last; k += 2) {
        if (!key.empty()) key += '-';
        key += s.t.low(k);
    }
    return key;
}

// Ages are small whole numbers written in digits: not "2,000", not "1.5".
bool age_at(const SentenceView& s, std::size_t k) {
    if (k >= s.last || s.t.tokens[k].kind != TokenKind::number) return false;
    std::string_view digits = s.t.original(s.t.tokens[k]);
    if (digits.empty() || digits.size() > 3) return false;
    int age = 0;
    for (char c : digits) {
        if (c < '0' || c > '9') return false;
        age = age * 10 + (c - '0');
    }
    return age >= 1 && age <= 120;
}

// ", 47," / ", aged 47" / "(47)" right after token `end`: how papers on both sides of the
// Atlantic introduce a defendant.
bool age_after(const SentenceView& s, std::size_t end) {
    const auto& t = s.t;
    if (t.is(end, ",")) {
        bool closed = end + 2 >= s.last || t.is(end + 2, ",") || t.is(end + 2, ";") || t.is(end + 2, ".") ||
                      t.is(end + 2, "and");
        if (age_at(s, end + 1) && closed) return true;
        return t.is(end + 1, "aged") && age_at(s, end + 2);
    }
    return t.is(end, "(") && age_at(s, end + 1) && t.is(end + 2, ")");
}

// "a 47-year-old Barnaby Quillfeather" names who follows.
bool age_before(const SentenceView& s, std::size_t k) {
    return k >= s.first + 3 && s.t.is(k - 1, "old") && s.t.tokens[k - 2].kind == TokenKind::dash && s.t.is(k - 3, "year");
}

// A headline in capitals ("LEEDS MAN AMBROSE KITTLEWELL JAILED") gives no case to tell names
// by; with at least three words and no lowercase letter a sentence is read that way.
bool all_capitals(const SentenceView& s) {
    std::size_t words = 0;
    for (std::size_t k = s.first; k < s.last; ++k) {
        if (s.t.tokens[k].kind != TokenKind::word) continue;
        bool letter = false;
        for (char c : s.t.original(s.t.tokens[k])) {
            if (c >= 'a' && c <= 'z') return false;
            letter = letter || (c >= 'A' && c <= 'Z');
        }
        words += letter;
    }
    return words >= 3;
}

// A headline in title case, "Leeds Man Ambrose Kittlewell Jailed After Police Find Images":
// a line without closing punctuation whose words are capitalised, short joining words
// ("of", "in", "after") aside. There a capital says nothing, as in capitals.
bool title_case(const SentenceView& s) {
    if (s.last == s.first) return false;
    const Token& last = s.t.tokens[s.last - 1];
    if (last.kind != TokenKind::word && last.kind != TokenKind::number) return false;  // "." "!" "?": prose
    std::size_t words = 0, lower = 0;
    for (std::size_t k = s.first; k < s.last; ++k) {
        if (s.t.tokens[k].kind != TokenKind::word) continue;
        ++words;
        if (!s.upper(k) && !has(s.d.function_words, s.t, k)) ++lower;
    }
    return words >= 5 && lower == 0;
}

// Bytes of the start of a UTF-8 sequence at text[i] that is cut short or broken (at least
// one): the "maximal subpart" that Unicode (section 3.9) replaces by one U+FFFD.
std::size_t ill_formed_length(std::string_view text, std::size_t i) {
    auto byte = [&](std::size_t k) { return static_cast<unsigned>(static_cast<unsigned char>(text[k])); };
    const unsigned b0 = byte(i);
    // The length of the sequence b0 starts and the range of its second byte (Table 3-7).
    std::size_t need = 0;
    unsigned lo = 0x80, hi = 0xBF;
    if (b0 >= 0xC2 && b0 <= 0xDF) {
        need = 2;
    } else if (b0 >= 0xE0 && b0 <= 0xEF) {
        need = 3;
        if (b0 == 0xE0) lo = 0xA0;
        if (b0 == 0xED) hi = 0x9F;
    } else if (b0 >= 0xF0 && b0 <= 0xF4) {
        need = 4;
        if (b0 == 0xF0) lo = 0x90;
        if (b0 == 0xF4) hi = 0x8F;
    } else {
        return 1;
    }
    std::size_t k = 1;
    for (; k < need && i + k < text.size(); ++k) {
        unsigned c = byte(i + k);
        if (c < (k == 1 ? lo : 0x80u) || c > (k == 1 ? hi : 0xBFu)) break;
    }
    return k;
}

}  // namespace

namespace {

// replace_invalid_utf8 from byte i on, the bytes before it being valid.
void replace_invalid_utf8_from(std::string& text, std::size_t i) {
    for (std::size_t n; i < text.size() && (n = optally::detail::utf8_sequence(text, i)) != 0;) i += n;
    if (i == text.size()) return;
    std::string out = text.substr(0, i);
    while (i < text.size()) {
        if (std::size_t n = optally::detail::utf8_sequence(text, i)) {
            out.append(text, i, n);
            i += n;
        } else {
            out.append("\xEF\xBF\xBD");  // U+FFFD
            i += ill_formed_length(text, i);
        }
    }
    text = std::move(out);
}

}  // namespace

void replace_invalid_utf8(std::string& text) {
    // ASCII, nearly all of any evidence and of every field, is valid UTF-8 byte by byte: eight
    // bytes at a time until the first with its high bit set, the last eight overlapping the
    // word before. The extractor asks this of three fields of every fact, most of them short.
    constexpr std::uint64_t high_bits = 0x8080808080808080u;
    const std::size_t size = text.size();
    std::size_t i = 0;
    std::uint64_t word;
    for (; i + 8 <= size; i += 8) {
        std::memcpy(&word, text.data() + i, 8);
        if (word & high_bits) return replace_invalid_utf8_from(text, i);
    }
    if (size >= 8) {
        std::memcpy(&word, text.data() + size - 8, 8);
        if (!(word & high_bits)) return;
    } else if (size >= 4) {  // "Kent", "total": two overlapping loads of four bytes
        std::uint32_t head, tail;
        std::memcpy(&head, text.data(), 4);
        std::memcpy(&tail, text.data() + size - 4, 4);
        if (!((head | tail) & 0x80808080u)) return;
    } else {
        while (i < size && static_cast<unsigned char>(text[i]) < 0x80) ++i;
        if (i == size) return;
    }
    replace_invalid_utf8_from(text, i);  // from i, or from 0: ASCII before the first high bit passes as it is
}

namespace {

// The first capitalised word at or after token k, or s.last. find_names passes over every
// token of every sentence and few are capitalised words: the scan reads the case
// straight from the tokens, without SentenceView::upper()'s bounds check per token.
std::size_t next_capital(const SentenceView& s, std::size_t k) {
    const Token* tokens = s.t.tokens.data();
    const std::size_t last = s.last;
    // `upper` is set for words only (tokenize() sets it for no other kind): one test a token,
    // and four tokens to a bounds check and a branch (the scan cost two thirds of
    // find_names, token by token).
    while (k + 4 <= last && !(tokens[k].upper | tokens[k + 1].upper | tokens[k + 2].upper | tokens[k + 3].upper)) k += 4;
    while (k < last && !tokens[k].upper) ++k;
    return k;
}

// Whether the rules of find_names could find any name in the sentence: every one needs two
// capitalised words but a surname seen before, which may stand alone ("Hamilton was jailed")
// or be double-barrelled ("Fairweather-Quist"). Most sentences of a report have one capital,
// their first word, and no rule is worth asking of them.
bool may_name(const SentenceView& s, const Surnames* known) {
    std::size_t only = next_capital(s, s.first);
    if (only == s.last) return false;
    if (next_capital(s, only + 1) < s.last) return true;
    if (!known || known->empty()) return false;
    return joining_dash(s, only + 1) || known->count(s.t.low(only)) > 0;
}

// name_word and place_at are asked of the same token by several rules: each is worked out
// once per sentence.
class SentenceMemo {
public:
    // The slots reuse the thread's buffer: find_names runs on every sentence that may name
    // someone, and does not nest.
    explicit SentenceMemo(const SentenceView& s) : s_(s), starts_of_(s.t, s.d), slots_(buffer()) {
        slots_.assign(s.last - s.first, Slot{});
    }
    // ...but not the slots of a very long "sentence", which would stay with the thread.
    ~SentenceMemo() {
        if (slots_.capacity() > 65536) std::vector<Slot>().swap(slots_);
    }
    SentenceMemo(const SentenceMemo&) = delete;
    SentenceMemo& operator=(const SentenceMemo&) = delete;
    bool name_word(std::size_t k) {
        if (k >= s_.last) return false;
        Slot& slot = slots_[k - s_.first];
        if (slot.name < 0) {
            auto place = [this](std::size_t i) { return place_at(i); };
            auto agency = [this](std::size_t i) { return agency_at(i); };
            slot.name = detail::name_word(s_, k, place, agency) ? 1 : 0;
        }
        return slot.name == 1;
    }
    PhraseSet::Match place_at(std::size_t k) {
        if (k >= s_.last) return s_.place_at(k);
        Slot& slot = slots_[k - s_.first];
        if (!slot.place_known) {
            const PhraseSet::Match p = s_.place_at(k);
            // Token indexes and payloads fit 32 bits (tokens hold 32-bit offsets).
            slot.place_end = static_cast<std::uint32_t>(p.end);
            slot.place_payload = p.payload;
            slot.place_known = true;
        }
        return slot.place_end == 0 ? PhraseSet::Match{} : PhraseSet::Match{k, slot.place_end, slot.place_payload};
    }
    // s.agency_at(k) (k in the sentence), asked only of a word that starts an agency's name:
    // most capitalised words start none, and one load of their start bits tells.
    PhraseSet::Match agency_at(std::size_t k) const {
        return (starts_of_(k) & starts_agency) ? s_.agency_at(k) : PhraseSet::Match{};
    }

private:
    // Twelve bytes, not a whole Match: the slots are cleared for every sentence.
    struct Slot {
        signed char name = -1;
        bool place_known = false;
        std::uint32_t place_end = 0;  // 0: no place
        std::int32_t place_payload = -1;
    };
    static std::vector<Slot>& buffer() {
        thread_local std::vector<Slot> slots;
        return slots;
    }
    const SentenceView& s_;
    const TokenStarts starts_of_;
    std::vector<Slot>& slots_;
};

}  // namespace

std::vector<NameSpan> find_names(const SentenceView& s, const Surnames* known, Surnames* learned) {
    if (!may_name(s, known)) return {};
    const auto& t = s.t;
    const auto& d = s.d;
    SentenceMemo memo(s);
    std::vector<NameSpan> names;
    auto add = [&](std::size_t first, std::size_t last) {
        names.push_back({first, last});
        if (!learned) return;
        learned->insert(std::string(t.low(last - 1)));
        // "Fairweather-Quist" is repeated whole, or by either part.
        std::size_t surname = surname_begin(s, last);
        if (surname + 1 < last) {
            learned->insert(surname_key(s, surname, last));
            for (std::size_t k = surname; k + 1 < last; k += 2) learned->insert(std::string(t.low(k)));
        }
    };
    auto known_at = [&](std::size_t k) { return known && known->count(t.low(k)) > 0; };
    const bool capitals = all_capitals(s) || title_case(s);
    // In capitals a name is a word no list knows (or a given name, or a surname seen before).
    auto unknown_word = [&](std::size_t k) {
        if (!memo.name_word(k)) return false;
        if (known_at(k)) return true;
        return (id_of(t, d.ids, k) < 0 || has(d.first_names, t, k)) && !has(d.common_words, t, k);
    };
    // After a title or beside "said", a capitalised word is a name; in capitals, where
    // "LEAD DEFENDANT" and "FEDERAL LAW" are capitalised too, only an unknown word is.
    auto name_part = [&](std::size_t k) { return capitals ? unknown_word(k) : memo.name_word(k); };
    // Surnames may be places too ("John Hamilton", "Mr Preston"): after a given name or a
    // title a one-word place counts as a surname, unless police follow ("Kent Police").
    auto single_place = [&](std::size_t k) {
        if (capitals || k >= s.last || t.tokens[k].kind != TokenKind::word || !s.upper(k)) return false;
        auto p = memo.place_at(k);
        return p && p.end == k + 1 && !d.police_nouns.at(t, k + 1, s.last);
    };
    auto surname_part = [&](std::size_t k) { return name_part(k) || single_place(k); };
    // A one-word place followed by a name: the place is a given name ("Jordan", "Georgia").
    auto given_name_place = [&](std::size_t k) {
        auto p = memo.place_at(k);
        return p && p.end == k + 1 && t.tokens[k].kind == TokenKind::word && surname_part(k + 1);
    };
    // Every rule starts at a capitalised word.
    for (std::size_t j = next_capital(s, s.first); j < s.last; j = next_capital(s, j + 1)) {
        // "Victoria Lane", "Austin Reed": a given name that is also a place, before a surname.
        if (has(d.first_names, t, j) && given_name_place(j)) {
            std::size_t m = run_of(s, j + 1, 2, surname_part).end;
            add(j, m);
            j = m - 1;
            continue;
        }
        // A surname seen in full that is also a place, alone: "Hamilton was jailed". Not
        // after a preposition or an article ("in Hamilton", "the Hamilton force").
        if (single_place(j) && known_at(j) && !(j > s.first && has(d.function_words, t, j - 1))) {
            add(j, j + 1);
            continue;
        }
        if (auto p = memo.place_at(j)) {
            j = p.end - 1;
            continue;
        }
        if (auto a = memo.agency_at(j)) {
            j = a.end - 1;
            continue;
        }
        if (has(d.operation_words, t, j)) {  // "Operation Lexus" names no one
            // In capitals every word is capitalised: the name is the unknown words after it.
            std::size_t most = capitals ? 3 : s.last;
            std::size_t k = j + 1;
            while (k < s.last && k - j <= most && s.upper(k) && t.tokens[k].kind == TokenKind::word &&
                   (!capitals || unknown_word(k)))
                ++k;
            j = k - 1;
            continue;
        }
        if (has(d.titles, t, j)) {
            std::size_t k = j;
            while (k < s.last && ((has(d.titles, t, k) && s.upper(k)) || token_is(t, k, "."))) ++k;
            // "Mr Jordan Okonkwo-Reyes": after a title a place-named first word is a given name.
            std::size_t m = run_of(s, given_name_place(k) ? k + 1 : k, 3, surname_part).end;
            if (m > k) add(k, m);
            j = (m > k ? m : k) - 1;
            continue;
        }
        if (has(d.first_names, t, j) && surname_part(j + 1)) {
            std::size_t m = run_of(s, j + 1, 2, surname_part).end;
            add(j, m);
            j = m - 1;
            continue;
        }
        if (capitals) {
            NameRun run = run_of(s, j, 4, unknown_word);
            if (run.words >= 2) {
                add(j, run.end);
                j = run.end - 1;
                continue;
            }
        }
        if (known && memo.name_word(j)) {
            // A double-barrelled surname seen before is masked whole, not part by part.
            std::size_t k = j;
            while (joining_dash(s, k + 1) && (memo.name_word(k + 2) || place_in_name(s, k + 2))) k += 2;
            if (k > j && known->count(surname_key(s, j, k + 1))) {
                add(j, k + 1);
                j = k;
                continue;
            }
            if (known_at(j)) {
                add(j, j + 1);
                continue;
            }
        }
        // "Barnaby Quillfeather, 47, of Dorchester": a given name too rare for the list,
        // told by the age beside it.
        if (memo.name_word(j)) {
            NameRun run = run_of(s, j, 4, [&](std::size_t k) { return memo.name_word(k); });
            if (run.words >= 2 && (age_after(s, run.end) || age_before(s, j))) {
                add(j, run.end);
                j = run.end - 1;
                continue;
            }
        }
        // "Firstname Lastname – received ...": a line that opens with a name and a dash.
        if (j == s.first && name_part(j) && name_part(j + 1) && j + 2 < s.last &&
            t.tokens[j + 2].kind == TokenKind::dash && t.tokens[j + 2].space_before) {
            add(j, j + 2);
            j += 1;
            continue;
        }
        // "said Firstname Lastname" / "Firstname Lastname said"
        bool said_before = j > s.first && has(d.speech_verbs, t, j - 1);
        bool said_after = j + 2 < s.last && has(d.speech_verbs, t, j + 2);
        if ((said_before || said_after) && name_part(j) && name_part(j + 1)) {
            add(j, j + 2);
            j += 1;
        }
    }
    return names;
}

}  // namespace optally::extract::detail
