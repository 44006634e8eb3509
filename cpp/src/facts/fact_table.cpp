#include "optally/facts/fact_table.hpp"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <nlohmann/json.hpp>
#include <ostream>

#include "optally/facts/errors.hpp"

namespace optally {

StringPool::StringPool() {
    slots_.resize(64);
    intern("");
}

namespace {
// Eight bytes a step (the last eight overlapping the step before): std::hash took about
// two instructions a byte, and the pool hashes every evidence sentence a table takes in.
// Only the slots depend on it: ids are given in the order strings come.
std::uint64_t hash_of(std::string_view text) noexcept {
    const char* p = text.data();
    std::size_t n = text.size();
    std::uint64_t h = 0x9E3779B97F4A7C15ull ^ n;
    auto mix = [&h](std::uint64_t w) {
        h = (h ^ w) * 0xBF58476D1CE4E5B9ull;
        h ^= h >> 31;
    };
    if (n >= 8) {
        std::uint64_t w;
        for (; n > 8; p += 8, n -= 8) {
            std::memcpy(&w, p, 8);
            mix(w);
        }
        std::memcpy(&w, p + n - 8, 8);
        mix(w);
    } else {
        std::uint64_t w = 0;
        for (std::size_t i = 0; i < n; ++i) w |= std::uint64_t{static_cast<unsigned char>(p[i])} << (8 * i);
        mix(w);
    }
    h *= 0x94D049BB133111EBull;
    return h ^ (h >> 29);
}
}  // namespace

std::size_t StringPool::slot_of(std::string_view text, std::uint64_t hash) const noexcept {
    std::size_t mask = slots_.size() - 1;
    auto low = static_cast<std::uint32_t>(hash);
    for (std::size_t i = low & mask;; i = (i + 1) & mask) {
        const Slot& slot = slots_[i];
        if (slot.id == no_id || (slot.hash == low && strings_[slot.id] == text)) return i;
    }
}

void StringPool::grow() {
    std::vector<Slot> old = std::move(slots_);
    slots_.assign(old.size() * 2, Slot{});
    std::size_t mask = slots_.size() - 1;
    for (const Slot& slot : old) {
        if (slot.id == no_id) continue;
        // A slot's home is the low bits of the hash it keeps: no string hashed again.
        std::size_t i = slot.hash & mask;
        while (slots_[i].id != no_id) i = (i + 1) & mask;
        slots_[i] = slot;
    }
}

std::string_view StringPool::store(std::string_view text) {
    // Blocks double from 1 KB to 64 KB: most tables hold one file's facts (a few hundred
    // bytes of strings), and a 64 KB block for each cost a page fault per table.
    constexpr std::size_t first_block = 1024, largest_block = 64 * 1024;
    if (text.empty()) return {};
    if (text.size() > left_) {
        const std::size_t block = std::min(largest_block, first_block << std::min<std::size_t>(blocks_.size(), 6));
        // A long string gets a block of its own, so that the open block's room is not lost.
        bool own = text.size() * 4 > block;
        std::size_t size = own ? text.size() : block;
        blocks_.push_back(std::make_unique_for_overwrite<char[]>(size));
        block_bytes_ += size;
        if (own) {
            std::memcpy(blocks_.back().get(), text.data(), text.size());
            return {blocks_.back().get(), text.size()};
        }
        free_ = blocks_.back().get();
        left_ = size;
    }
    std::memcpy(free_, text.data(), text.size());
    std::string_view stored(free_, text.size());
    free_ += text.size();
    left_ -= text.size();
    return stored;
}

std::uint32_t StringPool::intern(std::string_view text) {
    std::uint64_t hash = hash_of(text);
    std::size_t i = slot_of(text, hash);
    if (slots_[i].id != no_id) return slots_[i].id;
    auto id = static_cast<std::uint32_t>(strings_.size());
    strings_.push_back(store(text));
    slots_[i] = {id, static_cast<std::uint32_t>(hash)};
    if (strings_.size() * 2 > slots_.size()) grow();
    return id;
}

std::optional<std::uint32_t> StringPool::find(std::string_view text) const {
    const Slot& slot = slots_[slot_of(text, hash_of(text))];
    if (slot.id == no_id) return std::nullopt;
    return slot.id;
}

std::size_t StringPool::bytes() const noexcept {
    return block_bytes_ + blocks_.capacity() * sizeof(void*) + strings_.capacity() * sizeof(std::string_view) +
           slots_.capacity() * sizeof(Slot);
}

FactTable::FactTable() : vocabulary_(&Vocabulary::standard()), strings_(std::make_unique<StringPool>()) {}

FactTable::FactTable(const FactTable& other) : FactTable() { extend(other); }

FactTable& FactTable::operator=(const FactTable& other) {
    if (this != &other) {
        FactTable copy(other);
        *this = std::move(copy);
    }
    return *this;
}

namespace {
const char* const fact_label = "<fact>";

void check_fact(const Fact& fact, const Vocabulary& vocabulary, const MetricInfo*& info, std::uint8_t& index) {
    auto found = vocabulary.index_of(fact.metric);
    info = found ? &vocabulary.at(*found) : nullptr;
    if (!info)
        throw InputError(fact_label, 0, "metric",
                         "unknown metric '" + fact.metric + "'; the vocabulary is: " + vocabulary.list());
    if (!std::isfinite(fact.value)) throw InputError(fact_label, 0, "value", "value is not a finite number");
    if (fact.value < 0) throw InputError(fact_label, 0, "value", "value is negative");
    if (info->is_count()) {
        if (fact.unit != Unit::none)
            throw InputError(fact_label, 0, "unit", "metric '" + fact.metric + "' is a count and takes no unit");
    } else if (fact.unit == Unit::none) {
        throw InputError(fact_label, 0, "unit", "metric '" + fact.metric + "' needs a unit");
    } else {
        bool allowed = false;
        for (Unit u : info->units) allowed = allowed || u == fact.unit;
        if (!allowed)
            throw InputError(fact_label, 0, "unit",
                             "unit '" + std::string(to_string(fact.unit)) + "' does not fit metric '" + fact.metric + "'");
    }
    if (fact.end < fact.start) throw InputError(fact_label, 0, "end", "end offset is before start offset");
    if (fact.doc.empty()) throw InputError(fact_label, 0, "doc", "document id is empty");
    index = *found;
}
}  // namespace

std::uint32_t FactTable::intern(LastString& last, std::string_view text) {
    // Facts come in runs from one document and one sentence: most strings repeat the
    // previous fact's, and comparing with it is cheaper than hashing an evidence sentence.
    if (last.id != no_string && strings_->at(last.id) == text) return last.id;
    last.id = strings_->intern(text);
    return last.id;
}

void FactTable::append(const Fact& fact) {
    const MetricInfo* info = nullptr;
    std::uint8_t metric = 0;
    check_fact(fact, *vocabulary_, info, metric);
    append_checked(fact, metric);
}

void FactTable::append_all(std::span<const Fact> facts) {
    // Every fact checked before the first is added, so that a refusal leaves the table as it was.
    // The metrics' indexes kept from the check: a second check for them cost a look-up by name per fact.
    const MetricInfo* info = nullptr;
    std::vector<std::uint8_t> metrics(facts.size());
    for (std::size_t i = 0; i < facts.size(); ++i) check_fact(facts[i], *vocabulary_, info, metrics[i]);
    // No reserve(): called once per file, an exact reserve each time would copy the columns
    // at every call instead of doubling them now and then.
    for (std::size_t i = 0; i < facts.size(); ++i) append_checked(facts[i], metrics[i]);
}

void FactTable::append_checked(const Fact& fact, std::uint8_t metric) {
    std::uint32_t doc = intern(last_.doc, fact.doc);
    if (!fact.date.empty()) {
        std::uint32_t date = intern(last_.date, fact.date);
        // The first date seen for a document stands. try_emplace: emplace made a node for
        // every fact with a date and freed it again when the document had one.
        doc_dates_.try_emplace(doc, date);
    }
    values_.push_back(fact.value);
    metrics_.push_back(metric);
    qualifiers_.push_back(static_cast<std::uint8_t>(fact.qualifier));
    units_.push_back(static_cast<std::uint8_t>(fact.unit));
    starts_.push_back(fact.start);
    ends_.push_back(fact.end);
    docs_.push_back(doc);
    scopes_.push_back(intern(last_.scope, fact.scope.empty() ? std::string_view("total") : std::string_view(fact.scope)));
    operations_.push_back(intern(last_.operation, fact.operation));
    evidence_.push_back(intern(last_.evidence, fact.evidence));
    agencies_.push_back(intern(last_.agency, fact.agency));
}

void FactTable::extend(const FactTable& other) {
    reserve(size() + other.size());
    if (&other == this || other.vocabulary_ != vocabulary_) {
        // Checked again against this table's vocabulary; a copy of each row, since interning
        // into the pool a row's strings live in would move them.
        for (std::size_t i = 0; i < other.size(); ++i) append(other.row(i));
        return;
    }
    // The rows passed check_fact() against this very vocabulary when they were appended:
    // the columns are copied and the strings interned straight from the other pool, as
    // append(other.row(i)) would (an empty scope was stored as "total", a date only when set).
    const StringPool& from = *other.strings_;
    for (std::size_t i = 0; i < other.size(); ++i) {
        std::uint32_t doc = intern(last_.doc, from.at(other.docs_[i]));
        if (auto date = other.doc_dates_.find(other.docs_[i]); date != other.doc_dates_.end()) {
            std::string_view text = from.at(date->second);
            if (!text.empty()) doc_dates_.try_emplace(doc, intern(last_.date, text));
        }
        values_.push_back(other.values_[i]);
        metrics_.push_back(other.metrics_[i]);
        qualifiers_.push_back(other.qualifiers_[i]);
        units_.push_back(other.units_[i]);
        starts_.push_back(other.starts_[i]);
        ends_.push_back(other.ends_[i]);
        docs_.push_back(doc);
        scopes_.push_back(intern(last_.scope, from.at(other.scopes_[i])));
        operations_.push_back(intern(last_.operation, from.at(other.operations_[i])));
        evidence_.push_back(intern(last_.evidence, from.at(other.evidence_[i])));
        agencies_.push_back(intern(last_.agency, from.at(other.agencies_[i])));
    }
}

void FactTable::reserve(std::size_t n) {
    values_.reserve(n);
    for (auto* column : {&metrics_, &qualifiers_, &units_}) column->reserve(n);
    for (auto* column : {&starts_, &ends_, &docs_, &scopes_, &operations_, &evidence_, &agencies_}) column->reserve(n);
}

Fact FactTable::row(std::size_t i) const {
    if (i >= size()) throw std::out_of_range("fact index " + std::to_string(i) + " out of range");
    Fact fact;
    fact.doc = strings_->at(docs_[i]);
    fact.metric = vocabulary_->at(metrics_[i]).name;
    fact.value = values_[i];
    fact.unit = static_cast<Unit>(units_[i]);
    fact.qualifier = static_cast<Qualifier>(qualifiers_[i]);
    fact.scope = strings_->at(scopes_[i]);
    fact.operation = strings_->at(operations_[i]);
    fact.start = starts_[i];
    fact.end = ends_[i];
    fact.evidence = strings_->at(evidence_[i]);
    fact.agency = strings_->at(agencies_[i]);
    if (auto date = doc_dates_.find(docs_[i]); date != doc_dates_.end()) fact.date = strings_->at(date->second);
    return fact;
}

std::vector<Fact> FactTable::rows() const {
    std::vector<Fact> out;
    out.reserve(size());
    for (std::size_t i = 0; i < size(); ++i) out.push_back(row(i));
    return out;
}

std::string_view FactTable::date_of_doc(std::string_view doc) const {
    // By id: a scan of every document's date made reading all rows quadratic.
    auto id = strings_->find(doc);
    if (!id) return {};
    auto date = doc_dates_.find(*id);
    return date == doc_dates_.end() ? std::string_view() : strings_->at(date->second);
}

std::size_t FactTable::memory_bytes() const noexcept {
    std::size_t per_fact = sizeof(double) + 3 * sizeof(std::uint8_t) + 7 * sizeof(std::uint32_t);
    return values_.capacity() * per_fact + strings_->bytes() + doc_dates_.size() * 4 * sizeof(void*);
}

std::string fact_to_json(const Fact& fact) {
    nlohmann::ordered_json j;
    j["doc"] = fact.doc;
    j["metric"] = fact.metric;
    if (fact.value == std::floor(fact.value) && std::abs(fact.value) < 9e15)
        j["value"] = static_cast<std::int64_t>(fact.value);
    else
        j["value"] = fact.value;
    j["unit"] = fact.unit == Unit::none ? nlohmann::ordered_json(nullptr) : nlohmann::ordered_json(to_string(fact.unit));
    j["qualifier"] = to_string(fact.qualifier);
    j["scope"] = fact.scope;
    j["operation"] = fact.operation.empty() ? nlohmann::ordered_json(nullptr) : nlohmann::ordered_json(fact.operation);
    j["start"] = fact.start;
    j["end"] = fact.end;
    j["evidence"] = fact.evidence;
    j["agency"] = fact.agency.empty() ? nlohmann::ordered_json(nullptr) : nlohmann::ordered_json(fact.agency);
    j["date"] = fact.date.empty() ? nlohmann::ordered_json(nullptr) : nlohmann::ordered_json(fact.date);
    // Invalid UTF-8 in evidence is replaced rather than aborting a whole output file.
    return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

void FactTable::write_jsonl(std::ostream& out) const {
    for (std::size_t i = 0; i < size(); ++i) out << fact_to_json(row(i)) << '\n';
}

}  // namespace optally
