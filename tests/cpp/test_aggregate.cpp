// The single-pass kernels against the plain paths: summarise_by for per-group Summaries, and
// an obvious per-fact loop for per-group ratio totals, on generated tables.

#include <catch2/catch.hpp>
#include <cmath>
#include <map>
#include <random>

#include "optally/facts/fact_table.hpp"
#include "optally/stats/aggregate.hpp"
#include "optally/stats/grouping.hpp"
#include "optally/stats/intervals.hpp"

using namespace optally;
using namespace optally::stats;

namespace {

// Facts of every metric, with repeated and fractional figures, sentences in months and years,
// durations in every unit, a few scopes, documents with and without dates, and facts with no
// operation.
FactTable generated_table(std::uint32_t seed, std::size_t n) {
    std::mt19937 rng(seed);
    const auto& vocabulary = Vocabulary::standard();
    std::uniform_int_distribution<std::size_t> metric_of(0, vocabulary.size() - 1);
    std::uniform_int_distribution<int> small(0, 40), op_of(0, 12), scope_of(0, 3), doc_of(0, 30);
    const std::vector<std::string> scopes{"total", "Jersey", "Lincolnshire", "West Midlands"};
    FactTable table;
    for (std::size_t i = 0; i < n; ++i) {
        Fact f;
        const MetricInfo& info = vocabulary.at(static_cast<std::uint8_t>(metric_of(rng)));
        f.metric = info.name;
        const int doc = doc_of(rng);
        f.doc = "doc-" + std::to_string(doc);
        if (doc % 3 != 0) f.date = std::to_string(2010 + doc % 7) + "-05-01";
        f.value = small(rng);
        if (small(rng) < 6) f.value += 0.5;
        if (small(rng) == 0) f.value = 0.1 * small(rng);  // figures whose sums round
        if (!info.is_count()) {
            std::uniform_int_distribution<std::size_t> unit_of(0, info.units.size() - 1);
            f.unit = info.units[unit_of(rng)];
        }
        const int op = op_of(rng);
        if (op > 0) f.operation = "Op" + std::to_string(op);
        f.scope = scopes[static_cast<std::size_t>(scope_of(rng))];
        f.evidence = "sentence " + std::to_string(i % 50);
        table.append(f);
    }
    return table;
}

FactTable slice(const FactTable& table, std::size_t begin, std::size_t end) {
    FactTable out;
    for (std::size_t i = begin; i < end; ++i) out.append(table.row(i));
    return out;
}

FactTable only_scope(const FactTable& table, std::string_view scope) {
    FactTable out;
    for (std::size_t i = 0; i < table.size(); ++i)
        if (table.scope(i) == scope) out.append(table.row(i));
    return out;
}

}  // namespace

TEST_CASE("aggregate_summaries equals summarise_by bit for bit", "[aggregate]") {
    const FactTable table = generated_table(7, 3000);
    for (GroupKey key : {GroupKey::operation, GroupKey::metric, GroupKey::scope, GroupKey::year, GroupKey::doc}) {
        INFO("by " << to_string(key));
        CHECK(aggregate_summaries(table, key) == summarise_by(table, key));
        for (const char* metric : {"arrests", "sentence", "duration", "convicted"}) {
            INFO("metric " << metric);
            CHECK(aggregate_summaries(table, key, {metric, {}}) == summarise_by(table, key, metric));
        }
    }
}

TEST_CASE("aggregate_summaries keeps units and mixing as summarise_by does", "[aggregate]") {
    const FactTable table = generated_table(11, 800);
    for (const auto& [name, summary] : aggregate_summaries(table, GroupKey::metric)) {
        if (name == "sentence") CHECK(summary.unit() == Unit::years);
        else if (name == "duration") CHECK(summary.unit() == Unit::days);
        else CHECK(summary.unit() == Unit::none);
    }
    // Grouped by operation without a metric, each group mixes counts with measures.
    for (const auto& [name, summary] : aggregate_summaries(table, GroupKey::operation)) CHECK(summary.unit() == Unit::none);
}

TEST_CASE("the scope filter selects the facts of one place", "[aggregate]") {
    const FactTable table = generated_table(3, 2000);
    for (const char* scope : {"total", "Jersey", "West Midlands"}) {
        const FactTable place = only_scope(table, scope);
        CHECK(aggregate_summaries(table, GroupKey::operation, {{}, scope}) == summarise_by(place, GroupKey::operation));
        CHECK(aggregate_summaries(table, GroupKey::metric, {"arrests", scope}) ==
              summarise_by(place, GroupKey::metric, "arrests"));
    }
    CHECK(aggregate_summaries(table, GroupKey::metric, {{}, "Atlantis"}).empty());
}

TEST_CASE("aggregate_ratios totals each group's two metrics", "[aggregate]") {
    const FactTable table = generated_table(5, 4000);
    const auto groups = aggregate_ratios(table, "registered_offenders", "arrests", GroupKey::operation, "total");
    // The obvious way: one pass collecting every figure per group and side.
    std::map<std::string, std::pair<std::vector<double>, std::vector<double>>> expected;
    for (std::size_t i = 0; i < table.size(); ++i) {
        if (table.scope(i) != "total") continue;
        if (table.metric(i) == "registered_offenders") expected[std::string(table.operation(i))].first.push_back(table.value_column()[i]);
        if (table.metric(i) == "arrests") expected[std::string(table.operation(i))].second.push_back(table.value_column()[i]);
    }
    REQUIRE(groups.size() == expected.size());
    auto want = expected.begin();
    for (const GroupRatio& group : groups) {
        CHECK(group.key == want->first);
        CHECK(group.numerator == Summary(want->second.first));
        CHECK(group.denominator == Summary(want->second.second));
        ++want;
    }
}

TEST_CASE("aggregate_ratios puts measures on the common scale", "[aggregate]") {
    const FactTable table = generated_table(9, 1500);
    const auto groups = aggregate_ratios(table, "sentence", "duration", GroupKey::scope);
    const auto sentences = summarise_by(table, GroupKey::scope, "sentence");
    const auto durations = summarise_by(table, GroupKey::scope, "duration");
    REQUIRE(groups.size() == sentences.size());
    for (std::size_t i = 0; i < groups.size(); ++i) {
        CHECK(groups[i].numerator == sentences[i].second);
        CHECK(groups[i].denominator == durations[i].second);
        CHECK(groups[i].numerator.unit() == Unit::years);
        CHECK(groups[i].denominator.unit() == Unit::days);
    }
}

TEST_CASE("partial aggregates merge into the whole", "[aggregate]") {
    const FactTable table = generated_table(13, 3000);
    const std::vector<std::size_t> cuts{0, 500, 510, 1800, 3000};
    SECTION("ratios") {
        std::vector<GroupRatio> merged;
        for (std::size_t p = 0; p + 1 < cuts.size(); ++p)
            merge_ratios(merged, aggregate_ratios(slice(table, cuts[p], cuts[p + 1]), "children_at_risk",
                                                  "children_safeguarded", GroupKey::operation));
        CHECK(merged == aggregate_ratios(table, "children_at_risk", "children_safeguarded", GroupKey::operation));
    }
    SECTION("summaries") {
        std::map<std::string, Summary> merged;
        for (std::size_t p = 0; p + 1 < cuts.size(); ++p)
            for (auto& [name, summary] : aggregate_summaries(slice(table, cuts[p], cuts[p + 1]), GroupKey::metric)) {
                auto [found, inserted] = merged.try_emplace(name, summary);
                if (!inserted) found->second.merge(summary);
            }
        const auto whole = aggregate_summaries(table, GroupKey::metric);
        REQUIRE(merged.size() == whole.size());
        for (const auto& [name, summary] : whole) CHECK(merged.at(name) == summary);
    }
}

TEST_CASE("ratio_rows gives ratios and intervals only where they mean something", "[aggregate]") {
    auto group = [](std::string key, std::vector<double> num, std::vector<double> den) {
        return GroupRatio{std::move(key), Summary(num), Summary(den)};
    };
    const std::vector<GroupRatio> groups{group("a", {3, 4}, {10, 20}), group("b", {5}, {}), group("c", {7}, {2}),
                                         group("d", {0.5}, {4}), group("e", {}, {9})};
    const auto rows = ratio_rows(groups, 0.9);
    REQUIRE(rows.size() == 5);
    CHECK(rows[0].numerator == 7);
    CHECK(rows[0].denominator == 30);
    CHECK(rows[0].numerator_facts == 2);
    CHECK(rows[0].ratio == 7.0 / 30.0);
    REQUIRE(rows[0].interval);
    CHECK(*rows[0].interval == wilson_interval(7, 30, 0.9));
    CHECK(std::isnan(rows[1].ratio));  // no denominator
    CHECK_FALSE(rows[1].interval);
    CHECK(rows[2].ratio == 3.5);  // more than the whole: a rate, not a proportion
    CHECK_FALSE(rows[2].interval);
    CHECK_FALSE(rows[3].interval);  // not a count
    CHECK(std::isnan(rows[4].ratio));  // no numerator stated is not a numerator of 0
    CHECK_FALSE(rows[4].interval);
    const auto zero = ratio_rows(std::vector<GroupRatio>{group("f", {0}, {9})});
    CHECK(zero[0].ratio == 0.0);
    CHECK(*zero[0].interval == wilson_interval(0, 9));
    CHECK(*ratio_rows(groups, 0.95, IntervalMethod::jeffreys)[0].interval == jeffreys_interval(7, 30, 0.95));
}

TEST_CASE("ratio_table gives the rows of the ratio states without building them", "[aggregate]") {
    const FactTable table = generated_table(17, 3000);
    for (GroupKey key : {GroupKey::operation, GroupKey::year, GroupKey::scope}) {
        const auto direct = ratio_table(table, "children_at_risk", "children_safeguarded", key, {}, 0.9);
        const auto via_states =
            ratio_rows(aggregate_ratios(table, "children_at_risk", "children_safeguarded", key), 0.9);
        REQUIRE(direct.size() == via_states.size());
        for (std::size_t i = 0; i < direct.size(); ++i) {
            INFO(direct[i].key);
            CHECK(direct[i].key == via_states[i].key);
            CHECK(direct[i].numerator == via_states[i].numerator);
            CHECK(direct[i].denominator == via_states[i].denominator);
            CHECK(direct[i].numerator_facts == via_states[i].numerator_facts);
            CHECK(direct[i].denominator_facts == via_states[i].denominator_facts);
            CHECK((direct[i].ratio == via_states[i].ratio || (std::isnan(direct[i].ratio) && std::isnan(via_states[i].ratio))));
            CHECK(direct[i].interval == via_states[i].interval);
        }
    }
    CHECK_THROWS_AS(ratio_table(table, "arrests", "charged", GroupKey::operation, {}, 0.0), std::invalid_argument);
}

TEST_CASE("ratio_table sums exactly past 2^53 and with fractions", "[aggregate]") {
    FactTable table;
    auto add = [&](const char* metric, double value) {
        Fact f;
        f.doc = "d";
        f.metric = metric;
        f.value = value;
        f.operation = "Big";
        table.append(f);
    };
    // 2^52 + 1 twice, then 1: a plain double sum would round at the third term.
    for (double v : {4503599627370497.0, 4503599627370497.0, 1.0, 0.1, 0.2}) add("images", v);
    for (double v : {0.1, 0.2, 0.3}) add("devices_seized", v);
    const auto rows = ratio_table(table, "images", "devices_seized", GroupKey::operation);
    const auto states = aggregate_ratios(table, "images", "devices_seized", GroupKey::operation);
    REQUIRE(rows.size() == 1);
    CHECK(rows[0].numerator == states[0].numerator.sum());
    CHECK(rows[0].denominator == states[0].denominator.sum());
    CHECK(rows[0].denominator == 0.6);  // 0.1 + 0.2 + 0.3 correctly rounded, not 0.6000000000000001
    CHECK(rows[0].numerator_facts == 5);
}

TEST_CASE("aggregate kernels refuse bad arguments", "[aggregate]") {
    const FactTable table = generated_table(1, 50);
    CHECK_THROWS_AS(aggregate_summaries(table, GroupKey::metric, {"arrest", {}}), std::invalid_argument);
    CHECK_THROWS_AS(aggregate_ratios(table, "arrests", "arrests", GroupKey::operation), std::invalid_argument);
    CHECK_THROWS_AS(aggregate_ratios(table, "arrests", "warrants", GroupKey::operation), std::invalid_argument);
    CHECK_THROWS_AS(ratio_rows({}, 1.0), std::invalid_argument);
    CHECK(aggregate_summaries(FactTable(), GroupKey::operation).empty());
}
