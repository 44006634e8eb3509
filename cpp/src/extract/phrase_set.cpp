#include <algorithm>
#include <bit>

#include "lexicon_data.hpp"

namespace optally::extract::detail {

std::vector<std::string> phrase_words(std::string_view phrase) {
    TokenizedText t = tokenize(phrase);
    std::vector<std::string> words;
    for (const Token& token : t.tokens)
        if (token.kind != TokenKind::possessive) words.emplace_back(t.low(token));
    return words;
}

int WordIds::find_word(std::string_view word) const noexcept { return find(word); }

int WordIds::intern(std::string_view word) {
    if (int id = find(word); id >= 0) return id;
    if ((count_ + 1) * 2 > slots_.size()) grow();
    Slot slot;
    slot.hash = hash(word);
    slot.length = static_cast<std::uint32_t>(word.size());
    slot.id = static_cast<int>(count_++);
    offsets_.push_back(static_cast<std::uint32_t>(text_.size()));
    text_.append(word);
    if (word.size() == 1) one_byte_[static_cast<unsigned char>(word[0])] = slot.id;
    std::size_t i = home(slot.hash);
    while (slots_[i].id >= 0) i = (i + 1) & mask_;
    slots_[i] = slot;
    return slot.id;
}

void WordIds::grow() {
    std::vector<Slot> old = std::move(slots_);
    slots_.assign(std::max<std::size_t>(1024, old.size() * 2), Slot{});
    mask_ = slots_.size() - 1;
    shift_ = 64 - std::countr_zero(slots_.size());
    for (const Slot& slot : old) {
        if (slot.id < 0) continue;
        std::size_t i = home(slot.hash);
        while (slots_[i].id >= 0) i = (i + 1) & mask_;
        slots_[i] = slot;
    }
}

void WordSet::insert(std::string_view word, WordIds& ids) {
    ids_ = &ids;
    auto id = static_cast<std::size_t>(ids.intern(word));
    if (by_id_.size() <= id) by_id_.resize(id + 1, false);
    id_count_ = by_id_.size();
    by_id_[id] = true;
}

void assign_ids(TokenizedText& t, const LexiconData& data) {
    t.ids.resize(t.tokens.size());
    // Raw pointers: the string_view of each token re-checked its bounds, once per token.
    const char* lower = t.lower.data();
    const Token* tokens = t.tokens.data();
    int* ids = t.ids.data();
    for (std::size_t i = 0, n = t.tokens.size(); i < n; ++i)
        ids[i] = tokens[i].kind == TokenKind::possessive ? -1 : data.ids.find(lower + tokens[i].begin, tokens[i].size());
}

int PhraseSet::add(std::string_view phrase, int payload, WordIds& ids) {
    std::vector<std::string> words = phrase_words(phrase);
    if (words.empty()) return payload;
    ids_ = &ids;
    auto first = static_cast<std::size_t>(ids.intern(words.front()));
    std::vector<int> rest;
    for (std::size_t i = 1; i < words.size(); ++i) rest.push_back(ids.intern(words[i]));
    if (by_first_.size() <= first) by_first_.resize(first + 1);
    first_count_ = by_first_.size();
    auto last = static_cast<std::size_t>(rest.empty() ? static_cast<int>(first) : rest.back());
    if (by_last_.size() <= last) by_last_.resize(last + 1, false);
    by_last_[last] = true;
    auto& entries = by_first_[first];
    for (const Entry& e : entries)
        if (e.rest == rest) return e.payload;
    max_words_ = std::max(max_words_, words.size());
    entries.push_back({std::move(rest), payload});
    std::stable_sort(entries.begin(), entries.end(),
                     [](const Entry& a, const Entry& b) { return a.rest.size() > b.rest.size(); });
    ++count_;
    return payload;
}

// Where the rest of a phrase ends when it matches from token j, or 0.
void PhraseSet::mark_first_words(std::vector<std::uint16_t>& bits, std::uint16_t bit) const {
    for (std::size_t id = 0; id < first_count_ && id < bits.size(); ++id)
        if (!by_first_[id].empty()) bits[id] |= bit;
}

void PhraseSet::mark_last_words(std::vector<std::uint16_t>& bits, std::uint16_t bit) const {
    for (std::size_t id = 0; id < by_last_.size() && id < bits.size(); ++id)
        if (by_last_[id]) bits[id] |= bit;
}

std::size_t PhraseSet::match_rest(const TokenizedText& t, std::size_t j, std::size_t limit,
                                  std::span<const int> rest) const {
    for (int word : rest) {
        while (j < limit && t.tokens[j].kind == TokenKind::possessive) ++j;
        if (j >= limit || id_of(t, *ids_, j) != word) return 0;
        ++j;
    }
    return j;
}

// at() once the phrases that start with token i's word are known: `list`.
PhraseSet::Match PhraseSet::match_at(const TokenizedText& t, std::size_t i, std::size_t limit,
                                     const std::vector<Entry>& list) const {
    limit = std::min(limit, t.tokens.size());
    if (t.tokens[i].kind == TokenKind::possessive) return {};
    // The word after token i (possessives skipped), looked up once: a first word starts many
    // phrases ("new", "north"), and most of them end at their second word, compared here.
    std::size_t next = i + 1;
    while (next < limit && t.tokens[next].kind == TokenKind::possessive) ++next;
    const int next_id = next < limit ? id_of(t, *ids_, next) : -1;  // no phrase word has id -1
    for (const Entry& e : list) {
        if (e.rest.empty()) return {i, i + 1, e.payload};
        if (e.rest.front() != next_id) continue;
        if (e.rest.size() == 1) return {i, next + 1, e.payload};  // a phrase of two words
        if (std::size_t end = match_rest(t, next + 1, limit, std::span<const int>(e.rest).subspan(1)))
            return {i, end, e.payload};
    }
    return {};
}

// ending_at() once token end - 1, of word id `last`, is known to end some phrase.
PhraseSet::Match PhraseSet::ending_with(const TokenizedText& t, std::size_t end, std::size_t lo, int last) const {
    // Possessives inside a phrase may stretch it by a token or two.
    std::size_t reach = max_words_ + 2;
    std::size_t from = end > reach ? std::max(lo, end - reach) : lo;
    for (std::size_t s = from; s < end; ++s) {
        if (t.tokens[s].kind == TokenKind::possessive) continue;
        const auto* list = entries(t, s);
        if (!list) continue;
        for (const Entry& e : *list) {
            // A phrase that ends at `end` ends with the word `last`: no walk for the others.
            if (!e.rest.empty() && e.rest.back() != last) continue;
            if (match_rest(t, s + 1, end, e.rest) == end) return {s, end, e.payload};
        }
    }
    return {};
}

}  // namespace optally::extract::detail
