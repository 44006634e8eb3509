// What governs a fact beyond its own words: the place its clause names ("14 people were
// arrested in Lincolnshire", "Lancashire Police arrested nine"), the operation the passage
// is about, and the agency it names.

#include <algorithm>
#include <cctype>
#include <map>
#include <set>
#include <span>

#include "extract_internal.hpp"

namespace optally::extract::detail {

namespace {

// "Operation Notarise" -> "Notarise" (a view of the text); empty when the word is only the
// common noun.
std::string_view operation_name(const SentenceView& s, std::size_t j, bool headline) {
    const auto& t = s.t;
    std::size_t k = j + 1;
    if (k < s.last && t.tokens[k].kind == TokenKind::quote) ++k;
    std::size_t first = k, words = 0;
    // A headline capitalises every word ("Operation Lexus Nets 50"), so it gives one word of a
    // name, unless quotes mark where the name ends: "Operation Silver Lantern" in quotes.
    bool quoted = (k > j + 1) || (j > s.first && t.tokens[j - 1].kind == TokenKind::quote);
    std::size_t max_words = headline && !quoted ? 1 : 3;
    // "14 Arrested in Four-Day Undercover Operation Targeting Predators": a headline's capitals
    // after a word that describes the operation make no name; "in Operation Lexus" does.
    if (headline && !quoted && j > s.first && t.tokens[j - 1].kind == TokenKind::word && s.upper(j - 1) &&
        !has(s.d.function_words, t, j - 1) && !s.agency_at(j - 1) && !s.place_at(j - 1) &&
        !s.d.police_nouns.at(t, j - 1, j))
        return {};
    while (k < s.last && words < max_words && t.tokens[k].kind == TokenKind::word && s.upper(k)) {
        if (words > 0 && (has(s.d.function_words, t, k) || has(s.d.not_names, t, k) || has(s.d.speech_verbs, t, k) ||
                          s.place_at(k) || s.agency_at(k)))
            break;
        if (words == 0 && has(s.d.function_words, t, k)) break;
        ++k;
        ++words;
    }
    if (words == 0) return {};
    if (headline && quoted && words > 1 && (k >= s.last || t.tokens[k].kind != TokenKind::quote)) k = first + 1;
    return t.text.substr(t.tokens[first].begin, t.tokens[k - 1].end - t.tokens[first].begin);
}

// Whether a word in small letters may start a place: only as the first word of one before a
// capital ("south Wales", see SentenceView::place_at). Most such words ("the", "a" start
// places too) are followed by none.
bool small_place_start(const SentenceView& s, std::size_t j, std::uint16_t starts) {
    return (starts & starts_place) && j + 1 < s.last && s.upper(j + 1);
}

// s.place_at(j) of a token whose start bits are `starts`, without the call where it cannot
// find one.
PhraseSet::Match place_starting(const SentenceView& s, std::size_t j, std::uint16_t starts) {
    return s.upper(j) || small_place_start(s, j, starts) ? s.place_at(j) : PhraseSet::Match{};
}

// "Lancashire Police", "Police in Lincolnshire" in [from, to): the first one, or the last
// (nearest a figure: "while North Wales Police detained four and Gwent Police held two").
std::optional<std::pair<int, std::size_t>> police_of_place(const SentenceView& s, std::size_t from, std::size_t to,
                                                           bool last = false) {
    const auto& t = s.t;
    std::optional<std::pair<int, std::size_t>> found;
    const TokenStarts starts_of(t, s.d);
    // Skips the tokens none of the look-ups below can match: a look-up added here needs its
    // bit in the mask.
    const std::uint16_t wanted = starts_police_name | starts_police_in | starts_place | starts_demonym | is_place_suffix;
    std::uint16_t seen = 0;
    for (std::size_t j = starts_of.next(from, to, wanted, seen); j < to; j = starts_of.next(j + 1, to, wanted, seen)) {
        const std::uint16_t starts = starts_of(j);
        // "the Sumter County Sheriff's Office": found from its suffix, as its first word is any word.
        if ((starts & is_place_suffix) && s.d.police_nouns.at(t, j + 1, s.last)) {
            for (std::size_t k = j; k > from && j - k < 3; --k)
                if (auto p = s.local_place_at(k - 1); p && p.end == j + 1) {
                    found = std::pair{p.payload, k - 1};
                    break;
                }
            if (found && !last) return found;
            continue;
        }
        if (auto named = s.upper(j) ? s.d.police_names.at(t, j, to) : PhraseSet::Match{}) {
            found = std::pair{named.payload, j};
            if (!last) return found;
            j = named.end - 1;
            continue;
        }
        if (auto in = s.d.police_in.at(t, j, to)) {
            std::size_t k = in.end;
            if (k < to && token_is(t, k, "the")) ++k;
            if (auto p = s.place_at(k)) {
                found = std::pair{p.payload, j};
                if (!last) return found;
                j = p.end - 1;
                continue;
            }
        }
        if (auto p = place_starting(s, j, starts)) {
            // "Spain's Guardia Civil", "Australia's Federal Police": a country's own force.
            // "Colombia's national police" too.
            std::size_t owned = p.end + 1;
            if (owned + 1 < s.last && has(s.d.police_adjectives, t, owned)) ++owned;
            bool possessed = p.end + 1 < s.last && t.tokens[p.end].kind == TokenKind::possessive &&
                             (s.d.police_nouns.at(t, owned, s.last) ||
                              (s.upper(p.end + 1) && t.tokens[p.end + 1].kind == TokenKind::word)) &&
                             place_kind(s.d, p.payload) == PlaceKind::country;
            if (possessed || s.d.police_nouns.at(t, p.end, s.last)) {
                found = std::pair{p.payload, j};
                if (!last) return found;
            }
            j = p.end - 1;
        } else if (auto demonym = s.upper(j) ? s.d.demonyms.at(t, j, to) : PhraseSet::Match{}) {
            // "German authorities detained 11", "Dutch police": a nationality names a place only
            // as the police of it ("a German national was arrested" says nothing of where).
            // "the Spanish National Police", "the Australian Federal Police": with its adjectives.
            std::size_t noun = demonym.end;
            while (noun + 1 < s.last && noun < demonym.end + 2 && has(s.d.police_adjectives, t, noun)) ++noun;
            if (s.d.police_nouns.at(t, noun, s.last)) {
                found = std::pair{demonym.payload, j};
                if (!last) return found;
            }
            j = demonym.end - 1;
        }
    }
    return found;
}

// A place followed by more places ("across Queensland and New South Wales") spans several
// areas: the figure is not limited to one of them.
bool more_places_follow(const SentenceView& s, std::size_t after, bool comma = true) {
    std::size_t k = after;
    if (k < s.last && (token_is(s.t, k, "and") || (comma && token_is(s.t, k, ",")) || token_is(s.t, k, "&"))) ++k;
    else return false;
    if (k < s.last && token_is(s.t, k, "the")) ++k;
    return static_cast<bool>(s.place_at(k));
}

// Past the words that name the kind of area before its name: "the southern region of Silesia",
// "the state of Texas", "the city of Leeds".
std::size_t past_area_words(const SentenceView& s, std::size_t k, std::size_t limit) {
    std::size_t m = k < limit && token_is(s.t, k, "the") ? k + 1 : k;
    const std::size_t start = m;
    while (m < limit && m < start + 2 && !s.upper(m) && has(s.d.area_modifiers, s.t, m)) ++m;
    if (m + 1 < limit && !s.upper(m) && has(s.d.area_of, s.t, m) && token_is(s.t, m + 1, "of")) return m + 2;
    return k < limit && token_is(s.t, k, "the") ? k + 1 : k;
}

// The place a scope preposition at k introduces, within [k, limit): "in Kent", "across the UK".
PhraseSet::Match place_after_preposition(const SentenceView& s, std::size_t k, std::size_t limit) {
    auto prep = s.d.place_prepositions.at(s.t, k, limit);
    if (!prep) return {};
    return s.place_at(past_area_words(s, prep.end, limit));
}

// The first token of a clause after the word joining it to the one before: "and in Wales ...".
std::size_t past_conjunction(const SentenceView& s, std::size_t k, std::size_t limit) {
    while (k < limit && (token_is(s.t, k, "and") || token_is(s.t, k, "while") || token_is(s.t, k, "whilst") ||
                         token_is(s.t, k, "but")))
        ++k;
    return k;
}

// "KUALA LUMPUR: Police have arrested 32 people": a place in capitals before a colon and a
// clause is where the story was filed, not a list line's label ("Kent: 12 arrested").
bool dateline(const SentenceView& s, const PhraseSet::Match& label, std::size_t separator) {
    // ("DENVER - Nine men were arrested": a dash too.)
    if (separator + 1 >= s.last || (!token_is(s.t, separator, ":") && s.t.tokens[separator].kind != TokenKind::dash) ||
        s.t.tokens[separator + 1].kind != TokenKind::word || s.is_figure_token(separator + 1))
        return false;
    for (std::size_t j = label.begin; j < label.end; ++j)
        for (char c : s.t.original(s.t.tokens[j]))
            if (c >= 'a' && c <= 'z') return false;
    return true;
}

// The small ASCII letter a Latin letter with a diacritic is written without it ("á" and "Á"
// -> 'a', "ł" -> 'l', "ș" -> 's'), or 0 for a letter that has none (æ, ß, þ).
char plain_letter(char32_t cp) {
    if (cp >= 0xC0 && cp <= 0xFF) {
        static constexpr char latin1[] = "aaaaaa\0ceeeeiiiidnooooo\0ouuuuy\0\0aaaaaa\0ceeeeiiiidnooooo\0ouuuuy\0y";
        return latin1[cp - 0xC0];
    }
    struct Run {
        char32_t first, last;
        char letter;
    };
    static constexpr Run latin_extended_a[] = {
        {0x100, 0x105, 'a'}, {0x106, 0x10D, 'c'}, {0x10E, 0x111, 'd'}, {0x112, 0x11B, 'e'}, {0x11C, 0x123, 'g'},
        {0x124, 0x127, 'h'}, {0x128, 0x131, 'i'}, {0x134, 0x135, 'j'}, {0x136, 0x137, 'k'}, {0x139, 0x142, 'l'},
        {0x143, 0x148, 'n'}, {0x14C, 0x151, 'o'}, {0x154, 0x159, 'r'}, {0x15A, 0x161, 's'}, {0x162, 0x167, 't'},
        {0x168, 0x173, 'u'}, {0x174, 0x175, 'w'}, {0x176, 0x178, 'y'}, {0x179, 0x17E, 'z'}, {0x218, 0x219, 's'},
        {0x21A, 0x21B, 't'}};
    for (const Run& run : latin_extended_a)
        if (cp >= run.first && cp <= run.last) return run.letter;
    return 0;
}

// `text` in small letters without diacritics, and for each byte of the result the offset of
// the character it came from (one more entry: the end).
std::string plain_lower(std::string_view text, std::vector<std::size_t>* origin) {
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size();) {
        auto c = static_cast<unsigned char>(text[i]);
        std::size_t n = 1;
        char letter = 0;
        if (c < 0x80) {
            letter = static_cast<char>(c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c);
        } else if ((c & 0xE0) == 0xC0 && i + 1 < text.size() && (static_cast<unsigned char>(text[i + 1]) & 0xC0) == 0x80) {
            n = 2;
            letter = plain_letter(static_cast<char32_t>(((c & 0x1Fu) << 6) | (static_cast<unsigned char>(text[i + 1]) & 0x3Fu)));
        }
        if (letter) {
            out.push_back(letter);
            if (origin) origin->push_back(i);
        } else {
            for (std::size_t k = 0; k < n; ++k) {  // kept as it is: never part of a match
                out.push_back(text[i + k]);
                if (origin) origin->push_back(i);
            }
        }
        i += n;
    }
    if (origin) origin->push_back(text.size());
    return out;
}

// The place's name as the sentence writes it, where the two differ only in diacritics or
// case ("Goias" for Goiás, "Zürich" for Zurich): the contract wants scopes as written.
std::string as_written(const SentenceView& s, const std::string& name) {
    const auto& tokens = s.t.tokens;
    const std::size_t begin = tokens[s.first].begin, end = tokens[s.last - 1].end;
    std::string_view sentence = s.t.text.substr(begin, end - begin);
    auto non_ascii = [](std::string_view v) { return std::any_of(v.begin(), v.end(), [](char c) { return c & 0x80; }); };
    if (!non_ascii(name) && !non_ascii(sentence)) return name;
    const std::string wanted = plain_lower(name, nullptr);
    std::vector<std::size_t> origin;
    const std::string plain = plain_lower(sentence, &origin);
    auto letter = [&](std::size_t i) { return std::isalnum(static_cast<unsigned char>(plain[i])) != 0; };
    for (std::size_t at = plain.find(wanted); at != std::string::npos; at = plain.find(wanted, at + 1)) {
        const std::size_t after = at + wanted.size();
        if ((at > 0 && letter(at - 1)) || (after < plain.size() && letter(after))) continue;
        std::string_view written = sentence.substr(origin[at], origin[after] - origin[at]);
        // Capitals alone ("ESSEX", "GOIÁS") leave the gazetteer's name.
        auto lower = [](std::string_view v) {
            std::string out(v);
            for (std::size_t i = 0; i < out.size(); ++i) {
                auto c = static_cast<unsigned char>(out[i]);
                if (c >= 'A' && c <= 'Z') out[i] = static_cast<char>(c + 0x20);
                // À-Þ (not ×) are two bytes, C3 80-9E; their small letters are C3 A0-BE.
                if (c == 0xC3 && i + 1 < out.size()) {
                    auto next = static_cast<unsigned char>(out[i + 1]);
                    if (next >= 0x80 && next <= 0x9E && next != 0x97) out[i + 1] = static_cast<char>(next + 0x20);
                    ++i;
                }
            }
            return out;
        };
        if (lower(written) == lower(name)) return name;
        return std::string(written);
    }
    return name;
}

}  // namespace

std::optional<int> force_place_ending_at(const SentenceView& s, std::size_t end, bool local) {
    if (auto police = s.d.police_nouns.ending_at(s.t, end, s.first); police && police.begin > s.first)
        if (auto place = s.place_ending_at(police.begin, 5, local)) return place;
    if (auto police = s.d.police_names.ending_at(s.t, end, s.first)) return police.payload;
    return std::nullopt;
}

std::optional<int> place_then_figure(const SentenceView& s, std::size_t figure_first, bool written) {
    auto verb = s.d.place_verbs.ending_at(s.t, figure_first, s.first);
    if (!verb) return std::nullopt;
    // "in the South Moravian Region, with four"
    std::size_t end = verb.begin > s.first && token_is(s.t, verb.begin - 1, ",") ? verb.begin - 1 : verb.begin;
    // "Chelmsford was hardest hit, with seven arrests"; "Colchester and Basildon each saw five".
    if (auto hit = s.d.hardest_hit.ending_at(s.t, end, s.first)) end = hit.begin;
    else if (end > s.first && token_is(s.t, end - 1, "each")) --end;
    if (auto area = s.d.area_nouns.ending_at(s.t, end, s.first); area && !s.upper(area.begin)) end = area.begin;
    if (auto place = s.place_ending_at(end, 5, true)) return place;  // "The Paris region accounted for 17"
    if (auto place = force_place_ending_at(s, end, true)) return place;  // "followed by Greater Manchester Police with 49"
    // In a breakdown, a place the gazetteer lacks: "followed by Minas Gerais with nine".
    if (written) return s.written_place_ending_at(end);
    return std::nullopt;
}

std::optional<int> place_before_figure(const SentenceView& s, std::size_t figure_first) {
    // "Fort Bend County reported 14 arrests and Montgomery County nine": the verb is left out.
    return s.place_ending_at(figure_first, 5, true);
}

std::optional<int> clause_place(const SentenceView& s, std::size_t figure_first, std::size_t from) {
    const auto& t = s.t;
    const auto& d = s.d;
    // After the figure: "... arrested in Lincolnshire", "nine in Rutland", "by Sussex Police".
    std::size_t stop = std::min(s.last, from + 14);
    const TokenStarts starts_of(t, d);
    for (std::size_t j = from; j < stop; ++j) {
        if (s.is_boundary(j) || (j > from && t.tokens[j].kind == TokenKind::number)) break;
        // "four in Kilifi and the remaining two in Nairobi": the next figure's place is its own.
        if (j > from && (starts_of(j) & is_number_word) && !token_is(t, j, "one")) break;
        // Asked for every fact: a token that starts none of the three look-ups below (most)
        // is passed by on its start bits. A look-up added here needs its set in the bit.
        if (!(starts_of(j) & starts_clause_place_cue)) continue;
        if (d.example_cues.at(t, j, stop)) break;  // "in areas such as Birmingham": examples, not the scope
        if (auto prep = d.place_prepositions.at(t, j, stop)) {
            std::size_t k = past_area_words(s, prep.end, s.last);
            if (auto p = s.place_at(k)) {
                if (more_places_follow(s, p.end)) return std::nullopt;
                return p.payload;
            }
        }
        if (auto by = d.place_by.at(t, j, stop)) {
            std::size_t k = by.end;
            if (k < s.last && token_is(t, k, "the")) ++k;
            if (auto p = s.place_at(k); p && d.police_nouns.at(t, p.end, s.last)) return p.payload;
        }
    }
    // Before it, in the same clause: "West Midlands Police are believed to have made 35 arrests".
    std::size_t begin = figure_first;
    while (begin > s.first && !s.is_boundary(begin - 1) && figure_first - begin < 14) --begin;
    // "the Polish Central Cybercrime Bureau (CBZC) detained nine": an acronym in brackets is
    // part of the name before it, not the clause's end.
    if (begin >= s.first + 3 && token_is(t, begin - 1, ")"))
        for (std::size_t open = begin - 2; open > s.first && begin - open <= 4; --open)
            if (token_is(t, open, "(")) {
                begin = open;
                while (begin > s.first && !s.is_boundary(begin - 1) && figure_first - begin < 18) --begin;
                break;
            }
    // "... took place in Prague, where six people were detained": the place the clause follows.
    if (begin >= s.first + 3 && token_is(t, begin, "where") && token_is(t, begin - 1, ","))
        if (auto place = s.place_ending_at(begin - 1, 5)) return place;
    if (auto found = police_of_place(s, begin, figure_first, true)) return found->first;
    if (auto place = place_then_figure(s, figure_first)) return place;
    // A clause that opens with its place: "..., and in Northern Ireland the PSNI detained five".
    if (auto p = place_after_preposition(s, past_conjunction(s, begin, figure_first), figure_first);
        p && !more_places_follow(s, p.end))
        return p.payload;
    // The place set off by a comma at the head of its clause: "...; in Essex, 22 were held".
    // Without this the sentence's first place ("In Kent, 31 ...; in Essex, 22 ...") would
    // govern every clause of it.
    if (begin > s.first + 2 && token_is(t, begin - 1, ",")) {
        std::size_t head = begin - 1;
        while (head > s.first && !s.is_boundary(head - 1) && begin - head < 8) --head;
        if (head > s.first)  // a later clause; the sentence's opening place is found elsewhere
            if (auto p = place_after_preposition(s, past_conjunction(s, head, begin), begin - 1); p && p.end == begin - 1)
                return p.payload;
    }
    return std::nullopt;
}

void DocumentContext::reset(std::size_t sentences) {
    operation_of_sentence.assign(sentences, {});
    agency_of_sentence.assign(sentences, {});
    made_agencies.clear();
    subject_place_of_sentence.assign(sentences, -1);
    subject_token_of_sentence.assign(sentences, 0);
    national_sentence.assign(sentences, 0);
    international_sentence.assign(sentences, 0);
    named_operation.assign(sentences, {});
    other_operation.assign(sentences, 0);
    main_operation = {};
    international = false;
    home_place = -1;
    local_angle = -1;
    home_country = -1;
}

void read_context(const TokenizedText& t, const std::vector<Sentence>& sentences, const LexiconData& d,
                  std::size_t last_needed, DocumentContext& context) {
    std::size_t n = sentences.size();
    context.reset(n);
    std::vector<std::string_view>& named = context.named_operation;
    std::vector<std::uint8_t>& other_operation = context.other_operation;
    std::map<std::string_view, int> operation_count;
    std::vector<std::string_view> operation_order;
    std::set<std::string_view> countries;  // names in the gazetteer
    bool international_cue = false;
    int labelled_line_place = -1;  // the place of a line "Essex Police - 15 arrests. ...", for the rest of it
    std::size_t labelled_line_token = 0;
    std::string_view first_agency;
    // "GAUTENG: Eight suspects ...", "KWAZULU-NATAL: Five ...": places in capitals that open
    // two lines or more are a release's sections, not the dateline one of them would be.
    int capital_labels = 0;
    for (std::size_t i = 0; i < n && capital_labels < 2 && i <= last_needed; ++i) {
        const Sentence& sentence = sentences[i];
        if (sentence.first >= sentence.last || (sentence.first > 0 && t.tokens[sentence.first].newlines_before == 0))
            continue;
        const std::string_view word = t.original(t.tokens[sentence.first]);
        if (word.size() < 2 || word[0] < 'A' || word[0] > 'Z' || word[1] < 'A' || word[1] > 'Z') continue;
        SentenceView s{t, d, sentence.first, sentence.last};
        std::size_t separator = 0;
        // Places the gazetteer knows: "BREAKING:" is no section.
        if (auto p = s.label_place_at(s.first, &separator); p && p.payload < local_place_base && dateline(s, p, separator))
            ++capital_labels;
    }

    // One pass over each sentence's tokens: what they may start, told by their start bits,
    // decides which look-ups are made (most tokens start none), and what any of them may
    // start decides whether the sentence's force is looked for (most sentences name no
    // place). A look-up added to the pass needs its bit in `names` or in `scanned`.
    // (The pass once marked the tokens in a vector for two scans after it: a push per token
    // that may start something cost more than reading the start bits again.)
    const std::uint16_t names = is_operation_word | starts_agency | starts_place | starts_demonym;
    const std::uint16_t scanned = names | starts_context_cue;
    const TokenStarts starts_of(t, d);
    for (std::size_t i = 0; i < n; ++i) {
        SentenceView s{t, d, sentences[i].first, sentences[i].last};
        std::uint16_t sentence_starts = 0;
        int cues = 0;
        std::size_t next = s.first;  // tokens before it belong to a name already read
        for (std::size_t j = starts_of.next(s.first, s.last, scanned, sentence_starts); j < s.last;
             j = starts_of.next(j + 1, s.last, scanned, sentence_starts)) {
            const std::uint16_t starts = starts_of(j);
            if (starts & starts_context_cue)
                if (auto m = d.context_cues.at(t, j, s.last)) cues |= m.payload;
            if (j < next || !(starts & names)) continue;
            // A word in small letters names no operation, agency or nationality here, and a
            // place only as small_place_start() tells: most such words (starting a place,
            // as "the" does) are passed by.
            if (!s.upper(j) && !small_place_start(s, j, starts)) continue;
            next = j + 1;
            if ((starts & is_operation_word) && s.upper(j) && named[i].empty()) {
                std::string_view name = operation_name(s, j, sentences[i].headline);
                std::string key(name);
                std::transform(key.begin(), key.end(), key.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
                if (!name.empty() && !d.programmes.contains(key)) {
                    named[i] = name;
                    if (operation_count[name]++ == 0) operation_order.push_back(name);
                }
            }
            // Only a word that starts an agency's name can (agency_at looks the same id up).
            if (auto a = (starts & starts_agency) ? s.agency_at(j) : PhraseSet::Match{}) {
                if (context.agency_of_sentence[i].empty())
                    context.agency_of_sentence[i] = d.agencies[static_cast<std::size_t>(a.payload)];
                next = a.end;
                continue;
            }
            if (auto p = place_starting(s, j, starts)) {
                if (place_kind(d, p.payload) == PlaceKind::country) countries.insert(place_name(d, t, p.payload));
                next = p.end;
            } else if (auto demonym = s.upper(j) ? d.demonyms.at(t, j, s.last) : PhraseSet::Match{};
                       demonym && d.police_nouns.at(t, demonym.end, s.last)) {
                countries.insert(d.places[static_cast<std::size_t>(demonym.payload)].name);
                next = demonym.end;
            }
        }
        context.national_sentence[i] = (cues & 1) != 0;
        context.international_sentence[i] = (cues & 2) != 0;
        international_cue = international_cue || (cues & 2);
        other_operation[i] = (cues & 4) != 0;
        if (first_agency.empty()) first_agency = context.agency_of_sentence[i];
        // The place a sentence opens with scopes its figures and names the force that acts
        // there and in the sentences after it: after the last sentence with a figure it
        // decides nothing (news reports end in quotes and background).
        if (i > last_needed) continue;
        // "In Lincolnshire, 14 people ...", "In Spain alone, ..." set the place of the sentence.
        if (context.subject_place_of_sentence[i] < 0)
            if (auto p = place_after_preposition(s, s.first, s.last)) {
                std::size_t comma = p.end;
                while (comma < s.last && comma < p.end + 3 && !token_is(t, comma, ",")) ++comma;
                if (comma < s.last && token_is(t, comma, ",") && !more_places_follow(s, p.end, false)) {
                    context.subject_place_of_sentence[i] = p.payload;
                    context.subject_token_of_sentence[i] = s.first;
                }
            }
        // A label: "- Norway: 14 arrests, 31 house searches", "Kent: 12 arrested" (bullets and
        // table rows of press releases).
        if (context.subject_place_of_sentence[i] < 0) {
            std::size_t k = s.first;
            while (k < s.last && k < s.first + 2 && t.tokens[k].kind != TokenKind::word) ++k;  // a bullet
            std::size_t separator = 0;
            auto p = t.tokens[s.first].newlines_before > 0 || s.first == 0 ? s.label_place_at(k, &separator) : PhraseSet::Match{};
            if (p && (capital_labels >= 2 || !dateline(s, p, separator))) {
                context.subject_place_of_sentence[i] = p.payload;
                context.subject_token_of_sentence[i] = k;
            }
        }
        if (context.subject_place_of_sentence[i] < 0 &&
            (sentence_starts & (starts_police_name | starts_police_in | starts_place | starts_demonym | is_place_suffix)))
            if (auto subject = police_of_place(s, s.first, s.last)) {
                context.subject_place_of_sentence[i] = subject->first;
                context.subject_token_of_sentence[i] = subject->second;
            }
        // "Essex Police - 15 arrests and 19 warrants. Officers seized 180 devices.": a line
        // that opens with its place and a dash or colon, as a release's section per force
        // does, keeps that place for the sentences after it on the line.
        if (context.subject_place_of_sentence[i] >= 0 && context.subject_token_of_sentence[i] <= s.first + 1 &&
            (t.tokens[s.first].newlines_before > 0 || s.first == 0)) {
            labelled_line_place = -1;
            for (std::size_t k = s.first + 1; k < s.last && k <= s.first + 6 && labelled_line_place < 0; ++k)
                if (token_is(t, k, ":") || (t.tokens[k].kind == TokenKind::dash && t.tokens[k].space_before)) {
                    labelled_line_place = context.subject_place_of_sentence[i];
                    labelled_line_token = context.subject_token_of_sentence[i];
                }
        } else if (t.tokens[s.first].newlines_before > 0) {
            labelled_line_place = -1;
        } else if (context.subject_place_of_sentence[i] < 0 && labelled_line_place >= 0) {
            context.subject_place_of_sentence[i] = labelled_line_place;
            context.subject_token_of_sentence[i] = labelled_line_token;  // before every figure of this sentence
        }
    }
    context.international = international_cue || countries.size() >= 3;

    // Before any operation is named, the passage is about the one the document names most.
    int best = 0;
    for (const auto& name : operation_order)
        if (operation_count[name] > best) {
            best = operation_count[name];
            context.main_operation = name;
        }
    std::string_view agency = first_agency;
    for (std::size_t i = 0; i < n; ++i) {
        if (context.agency_of_sentence[i].empty() && context.subject_place_of_sentence[i] >= 0) {
            // No agency named: the police force the sentence opens with acts.
            // A place of that kind is the gazetteer's (one written in the text is a county).
            const int subject = context.subject_place_of_sentence[i];
            if (place_kind(d, subject) == PlaceKind::force)
                if (const std::string& force = d.places[static_cast<std::size_t>(subject)].force; !force.empty())
                    context.agency_of_sentence[i] = context.made_agencies.emplace_front(force + " Police");
        }
        if (!context.agency_of_sentence[i].empty())
            agency = context.agency_of_sentence[i];
        else
            context.agency_of_sentence[i] = agency;
    }
}

void assign_operations(DocumentContext& context) {
    std::string_view current = context.main_operation;
    std::size_t n = context.named_operation.size();
    context.operation_of_sentence.assign(n, {});
    for (std::size_t i = 0; i < n; ++i) {
        if (!context.named_operation[i].empty())
            current = context.named_operation[i];
        else if (context.other_operation[i])
            current = {};  // "it mirrors a similar operation in the UK": not this one
        else if (context.home_place >= 0 && context.national_sentence[i])
            current = {};  // a local operation's report turning to the national picture
        context.operation_of_sentence[i] = current;
    }
}

std::string scope_of(const RawFact& fact, const SentenceView& s, const DocumentContext& context) {
    // How long the operation ran is the whole operation's, wherever the sentence says it ran.
    if (fact.metric == s.d.metric_duration && !fact.place) return "total";
    std::optional<int> place = fact.place;
    bool listed = place.has_value();  // "including 16 in Australia": a part, even of a country
    if (!place) place = clause_place(s, fact.figure_first, fact.cue_end);
    if (!place) {
        // The force a sentence opens with governs the figures after it, but for one said of
        // the nation: "Derbyshire officers carried out 24 warrants in an operation that led to
        // 612 arrests nationally".
        int subject = context.subject_place_of_sentence[fact.sentence];
        bool national = false;
        for (std::size_t k = fact.cue_end; k < s.last && k < fact.cue_end + 3 && !national; ++k)
            national = static_cast<bool>(s.d.nationally.at(s.t, k, s.last));
        if (national) return "total";
        if (subject >= 0 && context.subject_token_of_sentence[fact.sentence] < fact.figure_first) place = subject;
    }
    // A local report on a national operation: its figures are the area's, but for those said
    // of the nation ("led to 612 arrests nationally") or of other countries.
    if (!place && context.local_angle >= 0 && !context.national_sentence[fact.sentence] &&
        !context.international_sentence[fact.sentence])
        place = context.local_angle;
    if (!place) return "total";
    // A place written in the text and known to no gazetteer ("Metro Manila: 6 arrested") must
    // not be a person's name ("Darren Pike: 12 images"): the scope is shown whatever the
    // masking of evidence.
    if (*place >= local_place_base) {
        const auto [first, last] = written_place_tokens(*place);
        for (const NameSpan& name : find_names(s, nullptr, nullptr))
            if (name.first < last && first < name.last) return "total";
    }
    const PlaceKind kind = place_kind(s.d, *place);
    const std::string_view name = place_name(s.d, s.t, *place);
    // "a North Yorkshire Police operation in which 31 people were arrested": the force that ran
    // the operation, not a part of it.
    if (!listed)
        for (std::size_t j = s.first; j < s.last; ++j) {
            auto at = s.upper(j) ? s.place_at(j) : PhraseSet::Match{};
            // "was led by the German Federal Criminal Police Office": a country's force by its
            // nationality.
            if (!at && s.upper(j) && s.d.led_by.ending_at(s.t, j, s.first))
                if (auto demonym = s.d.demonyms.at(s.t, j, s.last); demonym && demonym.payload == *place) return "total";
            if (!at) continue;
            if (at.payload == *place)
                if (auto police = s.d.police_nouns.at(s.t, at.end, s.last)) {
                    if (s.d.operation_nouns.at(s.t, police.end, s.last)) return "total";
                    // "The operation was led by the New Jersey State Police": the same force.
                    if (s.d.led_by.ending_at(s.t, at.begin, s.first)) return "total";
                }
            j = at.end - 1;
        }
    // The whole country of a national operation, or the area a local one covers, is its total;
    // so is the country whose police report the lead's figures ("Spain's Guardia Civil said it
    // had arrested 34"), though the report names Europol or other countries later.
    if (kind == PlaceKind::country && !listed &&
        (!context.international || (context.home_country >= 0 && place_name(s.d, s.t, context.home_country) == name)))
        return "total";
    if (context.home_place >= 0 && place_name(s.d, s.t, context.home_place) == name) return "total";
    return as_written(s, std::string(name));
}

}  // namespace optally::extract::detail
