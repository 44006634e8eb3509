#include "optally/facts/fact_table.hpp"

#include <cmath>
#include <nlohmann/json.hpp>
#include <ostream>

#include "optally/facts/errors.hpp"

namespace optally {

StringPool::StringPool() { intern(""); }

std::uint32_t StringPool::intern(std::string_view text) {
    if (auto found = index_.find(text); found != index_.end()) return found->second;
    auto id = static_cast<std::uint32_t>(strings_.size());
    owned_.push_back(std::make_unique<std::string>(text));
    std::string_view stored = *owned_.back();
    strings_.push_back(stored);
    index_.emplace(stored, id);
    return id;
}

std::size_t StringPool::bytes() const noexcept {
    std::size_t total = 0;
    for (const auto& s : owned_) total += s->capacity() + sizeof(std::string) + sizeof(void*);
    // views, and roughly two words per hash node plus the bucket array
    return total + strings_.capacity() * sizeof(std::string_view) +
           index_.size() * (sizeof(std::string_view) + 4 * sizeof(void*)) + index_.bucket_count() * sizeof(void*);
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

void check_fact(const Fact& fact, const Vocabulary& vocabulary, const MetricInfo*& info) {
    info = vocabulary.find(fact.metric);
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
}
}  // namespace

void FactTable::append(const Fact& fact) {
    const MetricInfo* info = nullptr;
    check_fact(fact, *vocabulary_, info);
    auto metric = *vocabulary_->index_of(fact.metric);
    std::uint32_t doc = strings_->intern(fact.doc);
    if (!fact.date.empty()) {
        std::uint32_t date = strings_->intern(fact.date);
        doc_dates_.emplace(doc, date);  // the first date seen for a document stands
    }
    values_.push_back(fact.value);
    metrics_.push_back(metric);
    qualifiers_.push_back(static_cast<std::uint8_t>(fact.qualifier));
    units_.push_back(static_cast<std::uint8_t>(fact.unit));
    starts_.push_back(fact.start);
    ends_.push_back(fact.end);
    docs_.push_back(doc);
    scopes_.push_back(strings_->intern(fact.scope.empty() ? std::string_view("total") : std::string_view(fact.scope)));
    operations_.push_back(strings_->intern(fact.operation));
    evidence_.push_back(strings_->intern(fact.evidence));
    agencies_.push_back(strings_->intern(fact.agency));
}

void FactTable::extend(const FactTable& other) {
    reserve(size() + other.size());
    for (std::size_t i = 0; i < other.size(); ++i) append(other.row(i));
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
    fact.date = date_of_doc(fact.doc);
    return fact;
}

std::vector<Fact> FactTable::rows() const {
    std::vector<Fact> out;
    out.reserve(size());
    for (std::size_t i = 0; i < size(); ++i) out.push_back(row(i));
    return out;
}

std::string_view FactTable::date_of_doc(std::string_view doc) const {
    // Documents are few next to facts; a linear probe of the pool index would be worse.
    for (const auto& [doc_id, date_id] : doc_dates_)
        if (strings_->at(doc_id) == doc) return strings_->at(date_id);
    return {};
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
