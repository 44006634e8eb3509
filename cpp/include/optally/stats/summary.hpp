#pragma once
// Mergeable, serialisable summaries of figures, in the manner of Apache DataSketches: build
// one per shard, per year or per force, merge them in any grouping and any order, and get
// exactly the statistics - bit for bit - that one pass over all the values would give.
//
// The state is the multiset of values itself (a map from each distinct value to its
// multiplicity), so memory is O(distinct values): figures in press releases repeat heavily
// (sentences in whole years or months, round numbers of arrests), which keeps this small,
// and it buys exact quantiles rather than a sketch's approximate ones. Every statistic is
// computed from the sorted map with exact (Shewchuk) summation, so nothing depends on the
// order in which values arrived.
//
// Binary format, little-endian, version 1 (the header is shared by every kind):
//   0  'O' 'T' 'S' 'M'   magic
//   4  u8 format version (1)
//   5  u8 kind (1 = summary, 2 = ratio summary)
//   6  u8 unit (Summary; optally::Unit) / 0 (RatioSummary)
//   7  u8 reserved (0)
//   8  u64 count of values
//  16  u64 number of distinct entries, then the entries in strictly increasing order:
//      Summary       f64 value, u64 multiplicity
//      RatioSummary  f64 numerator, f64 denominator, u64 multiplicity

#include <cstdint>
#include <map>
#include <nlohmann/json_fwd.hpp>
#include <span>
#include <utility>
#include <vector>

#include "optally/facts/fact.hpp"
#include "optally/stats/describe.hpp"

namespace optally::stats {

inline constexpr std::uint8_t summary_format_version = 1;
// Values beyond this magnitude are refused: with at most 2^53 values the exact sums cannot
// then overflow. (Police figures are a few orders of magnitude above zero.)
inline constexpr double summary_max_magnitude = 1e290;
// Multiplicities and counts stay exactly representable as doubles.
inline constexpr std::uint64_t summary_max_count = std::uint64_t{1} << 53;

enum class SummaryKind : std::uint8_t { summary = 1, ratio_summary = 2 };

class Summary {
public:
    // The unit says what the values measure (years for sentences, days for durations, none
    // for counts); summaries of different units refuse to merge.
    explicit Summary(Unit unit = Unit::none) : unit_(unit) {}
    explicit Summary(std::span<const double> values, Unit unit = Unit::none);

    // Throw std::invalid_argument for a value that is not finite or exceeds
    // summary_max_magnitude, and std::overflow_error past summary_max_count values. The span
    // overload checks every value first, so a bad one leaves the summary unchanged.
    void add(double value);
    void add(double value, std::uint64_t times);
    void add(std::span<const double> values);
    // Throws std::invalid_argument when the units differ.
    void merge(const Summary& other);

    Unit unit() const noexcept { return unit_; }
    std::uint64_t count() const noexcept { return count_; }
    bool empty() const noexcept { return count_ == 0; }
    std::size_t distinct() const noexcept { return counts_.size(); }

    // NaN when empty (sum is 0); variance and stddev are ddof = 1 and NaN below 2 values.
    // Each is a pass over the distinct values.
    double sum() const;
    double mean() const;
    double variance() const;
    double stddev() const;
    double min() const;
    double max() const;
    double median() const;
    // numpy.quantile(method="linear"); throws std::invalid_argument for q outside [0, 1].
    double quantile(double q) const;
    Description describe() const;

    // The distinct values, ascending, with their multiplicities.
    std::vector<std::pair<double, std::uint64_t>> values() const;
    std::size_t memory_bytes() const noexcept;

    std::vector<std::uint8_t> serialize() const;
    // Throws std::invalid_argument on truncated, trailing, corrupt or wrong-version bytes,
    // or bytes of another kind.
    static Summary deserialize(std::span<const std::uint8_t> bytes);
    // {"format": "optally.stats", "version": 1, "kind": "summary", "unit": "years",
    //  "count": 4, "values": [[3.0, 2], [3.5, 1], [5.0, 1]]}
    nlohmann::json to_json() const;
    static Summary from_json(const nlohmann::json& json);

    bool operator==(const Summary&) const = default;

private:
    Unit unit_ = Unit::none;
    std::uint64_t count_ = 0;
    std::map<double, std::uint64_t> counts_;
};

struct RatioPair {
    double numerator = 0.0;
    double denominator = 1.0;
    std::uint64_t count = 0;

    bool operator==(const RatioPair&) const = default;
};

// Ratios across operations ("search warrants per arrest"), kept as the multiset of
// (numerator, denominator) pairs so that both the pooled ratio (sum of numerators over sum of
// denominators: operations weighted by size) and the per-operation ratios (each operation
// weighted alike) stay exact under merging.
class RatioSummary {
public:
    // Throws std::invalid_argument unless both are finite, |numerator| and the denominator
    // are at most summary_max_magnitude, the denominator is positive, and so is their ratio's
    // magnitude at most summary_max_magnitude.
    void add(double numerator, double denominator);
    void merge(const RatioSummary& other);

    std::uint64_t count() const noexcept { return count_; }
    bool empty() const noexcept { return count_ == 0; }
    double numerator_sum() const;
    double denominator_sum() const;
    // sum(numerators) / sum(denominators); NaN when empty.
    double pooled_ratio() const;
    // mean of numerator / denominator over the pairs; NaN when empty.
    double mean_ratio() const;
    // The per-pair ratios as a Summary, for their median, spread and quantiles.
    Summary ratios() const;
    // The distinct pairs, ordered by numerator then denominator.
    std::vector<RatioPair> pairs() const;

    std::vector<std::uint8_t> serialize() const;
    static RatioSummary deserialize(std::span<const std::uint8_t> bytes);
    // {"format": "optally.stats", "version": 1, "kind": "ratio_summary", "count": 2,
    //  "pairs": [[141.0, 76.0, 1], [80.0, 76.0, 1]]}
    nlohmann::json to_json() const;
    static RatioSummary from_json(const nlohmann::json& json);

    bool operator==(const RatioSummary&) const = default;

private:
    std::uint64_t count_ = 0;
    std::map<std::pair<double, double>, std::uint64_t> counts_;
};

// The kind recorded in serialised bytes, after checking magic and version; throws
// std::invalid_argument when the header is not one this build reads.
SummaryKind serialized_kind(std::span<const std::uint8_t> bytes);

}  // namespace optally::stats
