#pragma once
// Group-by over a FactTable: one mergeable Summary per operation, metric, scope, year or
// document, for the tables an analyst reads ("sentences per operation", "arrests per year").

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "optally/facts/fact_table.hpp"
#include "optally/stats/summary.hpp"

namespace optally::stats {

enum class GroupKey : std::uint8_t { operation, metric, scope, year, doc };

std::string_view to_string(GroupKey key) noexcept;
std::optional<GroupKey> parse_group_key(std::string_view text) noexcept;

// The key of row i under `key`: the operation ("" when the text names none), the metric, the
// scope, the document id, or the year - the first four characters of the document's own date
// (FactTable::date_of_doc), "" when the date is unknown.
std::string group_key_of(const FactTable& table, std::size_t row, GroupKey key);

// A figure on a common scale: sentences in years, every other metric with a unit (duration)
// in days, counts as stated. Returns the unit of the result (Unit::none for counts).
std::pair<double, Unit> common_scale(std::string_view metric, double value, Unit unit) noexcept;

// One Summary per distinct key, sorted by key (byte order; facts with no operation form the
// "" group, which sorts first). With a metric_filter only facts of that metric count; an
// unknown metric name throws std::invalid_argument listing the vocabulary. Values are put on
// the common scale above, and a group's Summary carries that unit when all its facts share
// it (years for sentences, days for durations); a group that mixes scales - grouping by
// operation without a filter pools arrests with sentences - gets Unit::none, which is a
// reminder that its statistics add unlike things.
std::vector<std::pair<std::string, Summary>> summarise_by(const FactTable& table, GroupKey key,
                                                          std::string_view metric_filter = {});

}  // namespace optally::stats
