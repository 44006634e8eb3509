#pragma once
// A columnar table of facts: numeric columns are contiguous (seen by Eigen and numpy
// without a copy), repeated strings (documents, scopes, operations, evidence) are interned
// once. About 39 bytes per fact plus the distinct strings.

#include <Eigen/Core>
#include <cstdint>
#include <filesystem>
#include <iosfwd>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "optally/facts/fact.hpp"
#include "optally/facts/vocabulary.hpp"

namespace optally {

// Each distinct string once; ids are dense and stable for the life of the pool.
class StringPool {
public:
    StringPool();
    std::uint32_t intern(std::string_view text);
    std::optional<std::uint32_t> find(std::string_view text) const;
    std::string_view at(std::uint32_t id) const { return strings_.at(id); }
    std::size_t size() const noexcept { return strings_.size(); }
    std::size_t bytes() const noexcept;
    static constexpr std::uint32_t empty_id = 0;  // "" is always id 0

private:
    // An open-addressing index: one hash per look-up and no node per string.
    struct Slot {
        std::uint32_t id = no_id;
        std::uint32_t hash = 0;  // low bits of the string's hash: its home slot, and a filter that skips most comparisons
    };
    static constexpr std::uint32_t no_id = 0xFFFFFFFFu;
    std::size_t slot_of(std::string_view text, std::uint64_t hash) const noexcept;
    void grow();
    std::string_view store(std::string_view text);

    // The text of the strings, back to back in blocks that never move, so views stay valid.
    std::vector<std::unique_ptr<char[]>> blocks_;
    std::size_t block_bytes_ = 0;
    char* free_ = nullptr;
    std::size_t left_ = 0;
    std::vector<std::string_view> strings_;
    std::vector<Slot> slots_;
};

class FactTable {
public:
    FactTable();
    FactTable(const FactTable&);
    FactTable& operator=(const FactTable&);
    FactTable(FactTable&&) noexcept = default;
    FactTable& operator=(FactTable&&) noexcept = default;

    // Throws InputError (file "<fact>") when the metric is not in the vocabulary, the unit
    // does not fit the metric, or the value is negative or not finite.
    void append(const Fact& fact);
    // Appends every fact or, when one is refused, none: the error is that of the first
    // refused fact, as append() would throw it.
    void append_all(std::span<const Fact> facts);
    void extend(const FactTable& other);
    void reserve(std::size_t n);
    std::size_t size() const noexcept { return values_.size(); }
    bool empty() const noexcept { return values_.empty(); }
    Fact row(std::size_t i) const;
    std::vector<Fact> rows() const;

    // Columns. Strings are ids into strings(); metric ids index into vocabulary().
    Eigen::Map<const Eigen::VectorXd> values() const noexcept { return {values_.data(), Eigen::Index(values_.size())}; }
    std::span<const double> value_column() const noexcept { return values_; }
    std::span<const std::uint8_t> metric_ids() const noexcept { return metrics_; }
    std::span<const std::uint8_t> qualifiers() const noexcept { return qualifiers_; }
    std::span<const std::uint8_t> units() const noexcept { return units_; }
    std::span<const std::uint32_t> starts() const noexcept { return starts_; }
    std::span<const std::uint32_t> ends() const noexcept { return ends_; }
    std::span<const std::uint32_t> doc_ids() const noexcept { return docs_; }
    std::span<const std::uint32_t> scope_ids() const noexcept { return scopes_; }
    std::span<const std::uint32_t> operation_ids() const noexcept { return operations_; }
    std::span<const std::uint32_t> evidence_ids() const noexcept { return evidence_; }
    std::span<const std::uint32_t> agency_ids() const noexcept { return agencies_; }
    const StringPool& strings() const noexcept { return *strings_; }
    const Vocabulary& vocabulary() const noexcept { return *vocabulary_; }

    std::string_view metric(std::size_t i) const { return vocabulary_->at(metrics_.at(i)).name; }
    std::string_view doc(std::size_t i) const { return strings_->at(docs_.at(i)); }
    std::string_view scope(std::size_t i) const { return strings_->at(scopes_.at(i)); }
    std::string_view operation(std::size_t i) const { return strings_->at(operations_.at(i)); }
    Qualifier qualifier(std::size_t i) const { return static_cast<Qualifier>(qualifiers_.at(i)); }
    Unit unit(std::size_t i) const { return static_cast<Unit>(units_.at(i)); }
    // The document's own date, kept once per document ("" when unknown).
    std::string_view date_of_doc(std::string_view doc) const;

    // Bytes held by the columns and the string pool.
    std::size_t memory_bytes() const noexcept;

    // JSON Lines in the contract's fields (extra fields are ignored on read). A bad line
    // raises InputError naming file, line and field, and nothing of the file is added.
    static FactTable read_jsonl(const std::filesystem::path& file);
    static FactTable read_jsonl(std::istream& in, const std::string& name);
    void write_jsonl(std::ostream& out) const;
    // CSV with a header row naming the contract's columns, for hand-curated records.
    static FactTable read_csv(const std::filesystem::path& file);
    static FactTable read_csv(std::istream& in, const std::string& name);
    void write_csv(std::ostream& out) const;

private:
    static constexpr std::uint32_t no_string = 0xFFFFFFFFu;
    struct LastString {
        std::uint32_t id = no_string;
    };
    // The id each string column interned last (see intern()).
    struct LastStrings {
        LastString doc, date, scope, operation, evidence, agency;
    };
    std::uint32_t intern(LastString& last, std::string_view text);
    // append() after check_fact() passed, with the metric's index it found.
    void append_checked(const Fact& fact, std::uint8_t metric);

    const Vocabulary* vocabulary_;
    std::unique_ptr<StringPool> strings_;
    std::vector<double> values_;
    std::vector<std::uint8_t> metrics_, qualifiers_, units_;
    std::vector<std::uint32_t> starts_, ends_, docs_, scopes_, operations_, evidence_, agencies_;
    std::unordered_map<std::uint32_t, std::uint32_t> doc_dates_;  // doc id -> date id
    LastStrings last_;
};

// One JSON object for one fact, as written to JSON Lines ("operation" null when empty).
std::string fact_to_json(const Fact& fact);

}  // namespace optally
