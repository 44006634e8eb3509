#include "optally/stats/grouping.hpp"

#include <array>
#include <map>
#include <stdexcept>
#include <unordered_map>

namespace optally::stats {

namespace {
constexpr std::array<std::string_view, 5> group_key_names{"operation", "metric", "scope", "year", "doc"};

// The values of one group and whether they share one scale.
struct Group {
    std::vector<double> values;
    std::optional<Unit> common;  // nullopt until the first value
    bool mixed = false;

    void note(Unit u) {
        if (common && *common != u) mixed = true;
        common = u;
    }
    void add(double value, Unit u) {
        note(u);
        values.push_back(value);
    }
    void absorb(Group&& other) {
        if (other.common) note(*other.common);
        mixed = mixed || other.mixed;
        values.insert(values.end(), other.values.begin(), other.values.end());
    }
    Unit unit() const { return mixed ? Unit::none : common.value_or(Unit::none); }
};
}  // namespace

std::string_view to_string(GroupKey key) noexcept { return group_key_names[static_cast<std::size_t>(key)]; }

std::optional<GroupKey> parse_group_key(std::string_view text) noexcept {
    for (std::size_t i = 0; i < group_key_names.size(); ++i)
        if (group_key_names[i] == text) return static_cast<GroupKey>(i);
    return std::nullopt;
}

std::string group_key_of(const FactTable& table, std::size_t row, GroupKey key) {
    switch (key) {
        case GroupKey::operation: return std::string(table.operation(row));
        case GroupKey::metric: return std::string(table.metric(row));
        case GroupKey::scope: return std::string(table.scope(row));
        case GroupKey::doc: return std::string(table.doc(row));
        case GroupKey::year: {
            std::string_view date = table.date_of_doc(table.doc(row));
            return date.size() >= 4 ? std::string(date.substr(0, 4)) : std::string();
        }
    }
    return {};
}

std::pair<double, Unit> common_scale(std::string_view metric, double value, Unit unit) noexcept {
    if (unit == Unit::none) return {value, Unit::none};
    if (metric == "sentence") return {value * days_per(unit) / days_per(Unit::years), Unit::years};
    return {value * days_per(unit), Unit::days};
}

std::vector<std::pair<std::string, Summary>> summarise_by(const FactTable& table, GroupKey key,
                                                          std::string_view metric_filter) {
    std::optional<std::uint8_t> wanted;
    if (!metric_filter.empty()) {
        wanted = table.vocabulary().index_of(metric_filter);
        if (!wanted)
            throw std::invalid_argument("summarise_by: unknown metric '" + std::string(metric_filter) +
                                        "'; the vocabulary is: " + table.vocabulary().list());
    }
    const auto metric_ids = table.metric_ids();
    const auto values = table.value_column();
    // Group first by the interned id (a year by its document), so that the key's string -
    // and for years the document's date lookup - is made once per distinct id, not per fact.
    const auto id_of = [&](std::size_t i) -> std::uint32_t {
        switch (key) {
            case GroupKey::operation: return table.operation_ids()[i];
            case GroupKey::metric: return metric_ids[i];
            case GroupKey::scope: return table.scope_ids()[i];
            case GroupKey::year:
            case GroupKey::doc: return table.doc_ids()[i];
        }
        return 0;
    };
    std::unordered_map<std::uint32_t, std::pair<std::size_t, Group>> by_id;  // id -> (a row, group)
    for (std::size_t i = 0; i < table.size(); ++i) {
        if (wanted && metric_ids[i] != *wanted) continue;
        const auto [value, unit] = common_scale(table.metric(i), values[i], table.unit(i));
        by_id.try_emplace(id_of(i), i, Group{}).first->second.second.add(value, unit);
    }
    std::map<std::string, Group> groups;  // ordered, so the output is sorted by key
    for (auto& [id, row_and_group] : by_id) {
        auto& [row, group] = row_and_group;
        groups[group_key_of(table, row, key)].absorb(std::move(group));
    }
    std::vector<std::pair<std::string, Summary>> out;
    out.reserve(groups.size());
    for (auto& [name, group] : groups) out.emplace_back(name, Summary(group.values, group.unit()));
    return out;
}

}  // namespace optally::stats
