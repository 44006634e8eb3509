#pragma once
// The metric vocabulary, loaded from data/metrics.json.

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "optally/facts/fact.hpp"

namespace optally {

struct MetricInfo {
    std::string name;
    std::string description;
    std::vector<Unit> units;              // empty for counts
    std::vector<std::string> nests_in;    // metrics this one counts a subset of
    bool is_count() const noexcept { return units.empty(); }
};

struct NamedPair {
    std::string numerator;
    std::string denominator;
    std::string name;
};

class Vocabulary {
public:
    static Vocabulary load(const std::filesystem::path& file);
    // The vocabulary in data_dir()/metrics.json, loaded once.
    static const Vocabulary& standard();

    std::size_t size() const noexcept { return metrics_.size(); }
    const std::vector<MetricInfo>& metrics() const noexcept { return metrics_; }
    std::optional<std::uint8_t> index_of(std::string_view name) const noexcept;
    const MetricInfo& at(std::uint8_t index) const { return metrics_.at(index); }
    const MetricInfo* find(std::string_view name) const noexcept;
    bool contains(std::string_view name) const noexcept { return find(name) != nullptr; }
    // "arrests, search_warrants, ..." for error messages.
    std::string list() const;
    // True when the data file declares that `part` counts a subset of `whole`.
    bool nests(std::string_view part, std::string_view whole) const noexcept;

    const std::vector<NamedPair>& standard_ratios() const noexcept { return ratios_; }
    const std::vector<NamedPair>& standard_proportions() const noexcept { return proportions_; }

private:
    std::vector<MetricInfo> metrics_;
    std::vector<NamedPair> ratios_;
    std::vector<NamedPair> proportions_;
};

}  // namespace optally
