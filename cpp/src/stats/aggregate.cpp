#include "optally/stats/aggregate.hpp"

#include <algorithm>
#include <array>
#include <bit>
#include <cmath>
#include <map>
#include <numeric>
#include <stdexcept>

#include "optally/stats/exact_sum.hpp"

namespace optally::stats {

namespace {

constexpr std::uint32_t no_slot = std::numeric_limits<std::uint32_t>::max();

void check_level(double level) {
    if (!(level > 0.0 && level < 1.0))
        throw std::invalid_argument("the confidence level must lie strictly between 0 and 1, got " +
                                    std::to_string(level));
}

// Counts each distinct figure. Police figures repeat heavily (round numbers, whole years),
// so a group sees few distinct values and this open-addressing table stays in cache; a
// std::map per fact, as Summary::add does, would chase a pointer per tree level instead.
class ValueCounter {
public:
    void add(double value) {
        if (slots_.empty()) resize(8);
        const std::uint64_t key = std::bit_cast<std::uint64_t>(value);
        for (std::size_t i = position(key);; i = (i + 1) & (slots_.size() - 1)) {
            Slot& slot = slots_[i];
            if (slot.key == key) {
                ++slot.count;
                return;
            }
            if (slot.key == empty_key) {
                slot = {key, 1};
                if (++used_ * 2 > slots_.size()) resize(slots_.size() * 2);
                return;
            }
        }
    }

    // The Summary of everything counted. Entries are added in increasing order, which is
    // the order the Summary stores them in.
    Summary to_summary(Unit unit) const {
        std::vector<std::pair<double, std::uint64_t>> entries;
        entries.reserve(used_);
        for (const Slot& slot : slots_)
            if (slot.key != empty_key) entries.emplace_back(std::bit_cast<double>(slot.key), slot.count);
        std::sort(entries.begin(), entries.end());
        Summary out(unit);
        for (const auto& [value, times] : entries) out.add(value, times);
        return out;
    }

private:
    // A NaN's bit pattern: table values are finite, so no figure collides with it.
    static constexpr std::uint64_t empty_key = 0x7FF8'0000'0000'0001ULL;
    struct Slot {
        std::uint64_t key = empty_key;
        std::uint64_t count = 0;
    };

    std::size_t position(std::uint64_t key) const noexcept {
        // Fibonacci hashing: whole numbers differ only in high mantissa bits, which the
        // multiplication spreads into the top bits that the shift keeps.
        return static_cast<std::size_t>((key * 0x9E3779B97F4A7C15ULL) >> shift_);
    }

    void resize(std::size_t capacity) {
        std::vector<Slot> old = std::move(slots_);
        slots_.assign(capacity, Slot{});
        shift_ = 64 - std::countr_zero(capacity);
        for (const Slot& slot : old) {
            if (slot.key == empty_key) continue;
            std::size_t i = position(slot.key);
            while (slots_[i].key != empty_key) i = (i + 1) & (capacity - 1);
            slots_[i] = slot;
        }
    }

    std::vector<Slot> slots_;
    std::size_t used_ = 0;
    int shift_ = 61;
};

// The exact total of a group's figures and how many there were, for the single-process
// ratio table, which needs no distribution. Whole figures add exactly in a double while the
// total stays below 2^53; anything else moves the group to exact summation. Either way the
// result is the correctly rounded sum, the very double Summary::sum() gives.
class ExactTotal {
public:
    void add(double value) {
        ++count_;
        constexpr double limit = 4503599627370496.0;  // 2^52: two such terms still sum exactly
        if (fast_) {
            if (value < limit && total_ < limit &&
                static_cast<double>(static_cast<std::int64_t>(value)) == value) {
                total_ += value;
                return;
            }
            slow_.add(total_);
            fast_ = false;
        }
        slow_.add(value);
    }
    double sum() const { return fast_ ? total_ : slow_.value(); }
    std::uint64_t count() const noexcept { return count_; }

private:
    double total_ = 0.0;
    std::uint64_t count_ = 0;
    bool fast_ = true;
    ExactSum slow_;
};

// How a figure reaches the common scale of common_scale() (grouping.hpp), precomputed per
// (metric, unit) so the loop does no string comparison. The result is (value * mul) / div,
// the very operations common_scale performs, so both give the same double.
struct Scale {
    double mul = 1.0;
    double div = 1.0;
    Unit unit = Unit::none;

    // x * 1.0 and x / 1.0 are exact, so skipping them changes no bit; it spares the loop a
    // division for every count.
    double apply(double value) const noexcept {
        if (div == 1.0) return mul == 1.0 ? value : value * mul;
        return value * mul / div;
    }
};

std::vector<Scale> scales_for(const Vocabulary& vocabulary) {
    std::vector<Scale> out(vocabulary.size() * unit_count);
    for (std::size_t m = 0; m < vocabulary.size(); ++m) {
        const bool sentence = vocabulary.at(static_cast<std::uint8_t>(m)).name == "sentence";
        for (int u = 1; u < unit_count; ++u) {
            const Unit unit = static_cast<Unit>(u);
            Scale& scale = out[m * unit_count + u];
            scale.mul = days_per(unit);
            scale.div = sentence ? days_per(Unit::years) : 1.0;
            scale.unit = sentence ? Unit::years : Unit::days;
        }
    }
    return out;
}

// The unit a metric's figures carry on the common scale; every fact of a metric has it,
// because the table refuses a count with a unit and a measure without one.
Unit common_unit(const MetricInfo& info) {
    if (info.is_count()) return Unit::none;
    return info.name == "sentence" ? Unit::years : Unit::days;
}

std::uint8_t metric_index(const FactTable& table, std::string_view name, const char* what) {
    auto index = table.vocabulary().index_of(name);
    if (!index)
        throw std::invalid_argument(std::string(what) + ": unknown metric '" + std::string(name) +
                                    "'; the vocabulary is: " + table.vocabulary().list());
    return *index;
}

// Whether a scope id passes the filter, decided once per distinct id. Dense by id because a
// per-fact hash lookup would cost as much as the rest of the loop.
class ScopeFilter {
public:
    ScopeFilter(const FactTable& table, std::string_view scope) : table_(table), scope_(scope) {
        if (!scope.empty()) state_.assign(table.strings().size(), unknown);
    }
    bool pass(std::uint32_t id) {
        if (state_.empty()) return true;
        std::uint8_t& state = state_[id];
        if (state == unknown) state = table_.strings().at(id) == scope_ ? yes : no;
        return state == yes;
    }

private:
    static constexpr std::uint8_t unknown = 0, yes = 1, no = 2;
    const FactTable& table_;
    std::string_view scope_;
    std::vector<std::uint8_t> state_;
};

// Maps each fact to a dense group number, naming a group the first time one of its facts is
// seen. Keys are ids (string ids, metric ids, or document ids for years), and the pool gives
// every distinct string one id, so a group is one id except for years, which many documents share.
class GroupIndex {
public:
    GroupIndex(const FactTable& table, GroupKey key) : table_(table), key_(key) {
        switch (key) {
            case GroupKey::operation: ids_ = table.operation_ids(); break;
            case GroupKey::scope: ids_ = table.scope_ids(); break;
            case GroupKey::doc:
            case GroupKey::year: ids_ = table.doc_ids(); break;
            case GroupKey::metric: break;
        }
        slot_of_id_.assign(key == GroupKey::metric ? table.vocabulary().size() : table.strings().size(), no_slot);
    }

    std::uint32_t slot(std::size_t row) {
        const std::uint32_t id = key_ == GroupKey::metric ? metric_ids_[row] : ids_[row];
        std::uint32_t& slot = slot_of_id_[id];
        if (slot == no_slot) [[unlikely]]
            slot = new_slot(row);
        return slot;
    }

    const std::vector<std::string>& names() const noexcept { return names_; }

    // Group numbers in the order of their keys, the order summarise_by's map gives.
    std::vector<std::uint32_t> sorted_slots() const {
        std::vector<std::uint32_t> order(names_.size());
        std::iota(order.begin(), order.end(), 0U);
        std::sort(order.begin(), order.end(), [&](std::uint32_t a, std::uint32_t b) { return names_[a] < names_[b]; });
        return order;
    }

private:
    std::uint32_t new_slot(std::size_t row) {
        std::string name = group_key_of(table_, row, key_);
        if (key_ == GroupKey::year) {
            auto [found, inserted] = slot_of_year_.try_emplace(name, static_cast<std::uint32_t>(names_.size()));
            if (!inserted) return found->second;
        }
        names_.push_back(std::move(name));
        return static_cast<std::uint32_t>(names_.size() - 1);
    }

    const FactTable& table_;
    GroupKey key_;
    std::span<const std::uint8_t> metric_ids_ = table_.metric_ids();
    std::span<const std::uint32_t> ids_;
    std::vector<std::uint32_t> slot_of_id_;
    std::vector<std::string> names_;
    std::map<std::string, std::uint32_t> slot_of_year_;
};

struct SummaryGroup {
    ValueCounter counter;
    std::optional<Unit> unit;  // nullopt until the first fact
    bool mixed = false;
};

template <typename Side>
struct RatioGroup {
    Side numerator, denominator;
};

template <typename Group>
Group& group_at(std::vector<Group>& groups, std::uint32_t slot) {
    if (slot >= groups.size()) [[unlikely]]
        groups.resize(slot + 1);
    return groups[slot];
}

}  // namespace

std::vector<std::pair<std::string, Summary>> aggregate_summaries(const FactTable& table, GroupKey key,
                                                                 FactFilter filter) {
    std::optional<std::uint8_t> wanted;
    if (!filter.metric.empty()) wanted = metric_index(table, filter.metric, "aggregate_summaries");
    const auto scales = scales_for(table.vocabulary());
    const auto metrics = table.metric_ids();
    const auto units = table.units();
    const auto values = table.value_column();
    const auto scopes = table.scope_ids();
    ScopeFilter scope(table, filter.scope);
    GroupIndex index(table, key);
    std::vector<SummaryGroup> groups;
    for (std::size_t i = 0; i < table.size(); ++i) {
        const std::uint8_t metric = metrics[i];
        if (wanted && metric != *wanted) continue;
        if (!scope.pass(scopes[i])) continue;
        SummaryGroup& group = group_at(groups, index.slot(i));
        const Scale& s = scales[metric * unit_count + units[i]];
        // + 0.0 makes -0.0 and 0.0 one entry, as Summary keys them.
        group.counter.add(s.apply(values[i]) + 0.0);
        if (group.unit && *group.unit != s.unit) group.mixed = true;
        group.unit = s.unit;
    }
    std::vector<std::pair<std::string, Summary>> out;
    out.reserve(groups.size());
    for (std::uint32_t slot : index.sorted_slots()) {
        const SummaryGroup& group = groups[slot];
        out.emplace_back(index.names()[slot],
                         group.counter.to_summary(group.mixed ? Unit::none : group.unit.value_or(Unit::none)));
    }
    return out;
}

namespace {

// The counting pass behind aggregate_ratios and ratio_table: per group, the distinct figures
// of each side.
template <typename Side>
struct RatioCounts {
    GroupIndex index;
    std::vector<RatioGroup<Side>> groups;
    std::uint8_t numerator, denominator;
};

template <typename Side>
RatioCounts<Side> count_ratio_figures(const FactTable& table, std::string_view numerator_metric,
                                      std::string_view denominator_metric, GroupKey key, std::string_view scope,
                                      const char* what) {
    RatioCounts<Side> out{GroupIndex(table, key), {}, metric_index(table, numerator_metric, what),
                          metric_index(table, denominator_metric, what)};
    if (out.numerator == out.denominator)
        throw std::invalid_argument(std::string(what) + ": numerator and denominator are both '" +
                                    std::string(numerator_metric) + "'");
    const auto scales = scales_for(table.vocabulary());
    const auto metrics = table.metric_ids();
    const auto units = table.units();
    const auto values = table.value_column();
    const auto scopes = table.scope_ids();
    ScopeFilter scope_filter(table, scope);
    for (std::size_t i = 0; i < table.size(); ++i) {
        const std::uint8_t metric = metrics[i];
        if (metric != out.numerator && metric != out.denominator) continue;
        if (!scope_filter.pass(scopes[i])) continue;
        RatioGroup<Side>& group = group_at(out.groups, out.index.slot(i));
        const double value = scales[metric * unit_count + units[i]].apply(values[i]) + 0.0;
        (metric == out.numerator ? group.numerator : group.denominator).add(value);
    }
    return out;
}

}  // namespace

std::vector<GroupRatio> aggregate_ratios(const FactTable& table, std::string_view numerator_metric,
                                         std::string_view denominator_metric, GroupKey key, std::string_view scope) {
    auto counts = count_ratio_figures<ValueCounter>(table, numerator_metric, denominator_metric, key, scope,
                                                    "aggregate_ratios");
    const Unit num_unit = common_unit(table.vocabulary().at(counts.numerator));
    const Unit den_unit = common_unit(table.vocabulary().at(counts.denominator));
    std::vector<GroupRatio> out;
    out.reserve(counts.groups.size());
    for (std::uint32_t slot : counts.index.sorted_slots())
        out.push_back({counts.index.names()[slot], counts.groups[slot].numerator.to_summary(num_unit),
                       counts.groups[slot].denominator.to_summary(den_unit)});
    return out;
}

std::vector<RatioRow> ratio_table(const FactTable& table, std::string_view numerator_metric,
                                  std::string_view denominator_metric, GroupKey key, std::string_view scope,
                                  double level, IntervalMethod method) {
    check_level(level);
    auto counts =
        count_ratio_figures<ExactTotal>(table, numerator_metric, denominator_metric, key, scope, "ratio_table");
    std::vector<RatioRow> out;
    out.reserve(counts.groups.size());
    for (std::uint32_t slot : counts.index.sorted_slots()) {
        const auto& group = counts.groups[slot];
        out.push_back(ratio_row(counts.index.names()[slot], group.numerator.sum(), group.numerator.count(),
                                group.denominator.sum(), group.denominator.count(), level, method));
    }
    return out;
}

void merge_ratios(std::vector<GroupRatio>& a, const std::vector<GroupRatio>& b) {
    std::vector<GroupRatio> out;
    out.reserve(a.size() + b.size());
    auto left = a.begin();
    auto right = b.begin();
    while (left != a.end() || right != b.end()) {
        if (right == b.end() || (left != a.end() && left->key < right->key)) {
            out.push_back(std::move(*left++));
        } else if (left == a.end() || right->key < left->key) {
            out.push_back(*right++);
        } else {
            left->numerator.merge(right->numerator);
            left->denominator.merge(right->denominator);
            out.push_back(std::move(*left++));
            ++right;
        }
    }
    a = std::move(out);
}

RatioRow ratio_row(std::string key, double numerator, std::uint64_t numerator_facts, double denominator,
                   std::uint64_t denominator_facts, double level, IntervalMethod method) {
    check_level(level);
    constexpr double largest_whole = 9007199254740992.0;  // 2^53: every whole double below is a count
    auto whole = [](double x) { return x >= 0.0 && x < largest_whole && std::floor(x) == x; };
    RatioRow row;
    row.key = std::move(key);
    row.numerator = numerator;
    row.denominator = denominator;
    row.numerator_facts = numerator_facts;
    row.denominator_facts = denominator_facts;
    // A group that states only one of the figures says nothing of their ratio: a missing
    // numerator is unknown, not zero.
    const bool both = numerator_facts > 0 && denominator_facts > 0 && denominator > 0.0;
    if (both) row.ratio = numerator / denominator;
    if (both && whole(numerator) && whole(denominator) && numerator <= denominator)
        row.interval = proportion_interval(static_cast<std::uint64_t>(numerator),
                                           static_cast<std::uint64_t>(denominator), level, method);
    return row;
}

std::vector<RatioRow> ratio_rows(std::span<const GroupRatio> groups, double level, IntervalMethod method) {
    check_level(level);
    std::vector<RatioRow> out;
    out.reserve(groups.size());
    for (const GroupRatio& group : groups)
        out.push_back(ratio_row(group.key, group.numerator.sum(), group.numerator.count(), group.denominator.sum(),
                                group.denominator.count(), level, method));
    return out;
}

}  // namespace optally::stats
