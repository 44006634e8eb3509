// Group-by over a FactTable. The Lexus sentences reproduce the expected file's statistics
// (../shared/corpus/expected/statistics.json: mean 3.625, median 3.25, min 3, max 5 years).
#include <catch2/catch.hpp>
#include <stdexcept>
#include <string>
#include <vector>

#include "optally/stats/grouping.hpp"

using namespace optally;
using namespace optally::stats;

namespace {

Fact fact(std::string doc, std::string date, std::string operation, std::string metric, double value,
          Unit unit = Unit::none, std::string scope = "total") {
    Fact f;
    f.doc = std::move(doc);
    f.date = std::move(date);
    f.operation = std::move(operation);
    f.metric = std::move(metric);
    f.value = value;
    f.unit = unit;
    f.scope = std::move(scope);
    f.evidence = "...";
    return f;
}

FactTable seed_table() {
    FactTable t;
    // Lexus: four sentences, two stated in months (42 months = 3.5 years, 36 months = 3 years).
    t.append(fact("lexus-1", "2023-05-01", "Lexus", "sentence", 42, Unit::months));
    t.append(fact("lexus-1", "2023-05-01", "Lexus", "sentence", 5, Unit::years));
    t.append(fact("lexus-2", "2023-09-12", "Lexus", "sentence", 36, Unit::months));
    t.append(fact("lexus-2", "2023-09-12", "Lexus", "sentence", 3, Unit::years));
    t.append(fact("lexus-2", "2023-09-12", "Lexus", "arrests", 12));
    t.append(fact("tharsley", "2024-02-10", "Tharsley", "arrests", 76));
    t.append(fact("tharsley", "2024-02-10", "Tharsley", "arrests", 35, Unit::none, "West Midlands"));
    t.append(fact("tharsley", "2024-02-10", "Tharsley", "children_safeguarded", 80));
    t.append(fact("tharsley", "2024-02-10", "Tharsley", "duration", 6, Unit::weeks));
    t.append(fact("undated", "", "", "arrests", 5));
    return t;
}

std::vector<std::string> keys_of(const std::vector<std::pair<std::string, Summary>>& groups) {
    std::vector<std::string> out;
    for (const auto& [key, summary] : groups) out.push_back(key);
    return out;
}

}  // namespace

TEST_CASE("sentences per operation, in years", "[stats][grouping]") {
    const FactTable t = seed_table();
    const auto groups = summarise_by(t, GroupKey::operation, "sentence");
    REQUIRE(groups.size() == 1);
    const auto& [name, lexus] = groups.front();
    CHECK(name == "Lexus");
    CHECK(lexus.unit() == Unit::years);
    CHECK(lexus.count() == 4);
    CHECK(lexus.mean() == 3.625);
    CHECK(lexus.median() == 3.25);
    CHECK(lexus.min() == 3.0);
    CHECK(lexus.max() == 5.0);
}

TEST_CASE("grouping keys", "[stats][grouping]") {
    const FactTable t = seed_table();
    SECTION("by operation: facts without one form the \"\" group, first") {
        const auto groups = summarise_by(t, GroupKey::operation, "arrests");
        CHECK(keys_of(groups) == std::vector<std::string>{"", "Lexus", "Tharsley"});
        CHECK(groups[0].second.sum() == 5.0);
        CHECK(groups[2].second.count() == 2);
        CHECK(groups[2].second.unit() == Unit::none);
    }
    SECTION("by year of the document's date; unknown dates under \"\"") {
        const auto groups = summarise_by(t, GroupKey::year, "arrests");
        CHECK(keys_of(groups) == std::vector<std::string>{"", "2023", "2024"});
        CHECK(groups[2].second.sum() == 111.0);
        const auto sentences = summarise_by(t, GroupKey::year, "sentence");
        REQUIRE(sentences.size() == 1);
        CHECK(sentences[0].second.count() == 4);  // two documents, one year
    }
    SECTION("by metric: each on its own scale") {
        const auto groups = summarise_by(t, GroupKey::metric);
        CHECK(keys_of(groups) ==
              std::vector<std::string>{"arrests", "children_safeguarded", "duration", "sentence"});
        CHECK(groups[2].second.unit() == Unit::days);
        CHECK(groups[2].second.max() == 42.0);  // 6 weeks
        CHECK(groups[3].second.unit() == Unit::years);
        CHECK(groups[3].second.mean() == 3.625);
    }
    SECTION("by scope and by document") {
        const auto scopes = summarise_by(t, GroupKey::scope, "arrests");
        CHECK(keys_of(scopes) == std::vector<std::string>{"West Midlands", "total"});
        const auto docs = summarise_by(t, GroupKey::doc);
        CHECK(keys_of(docs) == std::vector<std::string>{"lexus-1", "lexus-2", "tharsley", "undated"});
        CHECK(docs[1].second.count() == 3);
    }
    SECTION("a group that pools unlike scales carries no unit") {
        const auto groups = summarise_by(t, GroupKey::operation);
        REQUIRE(keys_of(groups) == std::vector<std::string>{"", "Lexus", "Tharsley"});
        CHECK(groups[1].second.unit() == Unit::none);  // arrests with sentences
        CHECK(groups[1].second.count() == 5);
    }
    SECTION("durations in days") {
        const auto groups = summarise_by(t, GroupKey::operation, "duration");
        REQUIRE(groups.size() == 1);
        CHECK(groups[0].second.unit() == Unit::days);
        CHECK(groups[0].second.sum() == 42.0);
    }
    SECTION("summaries of separate tables merge into the summary of both") {
        FactTable more;
        more.append(fact("lexus-3", "2025-01-01", "Lexus", "sentence", 18, Unit::months));
        FactTable both = t;
        both.extend(more);
        Summary merged = summarise_by(t, GroupKey::operation, "sentence")[0].second;
        merged.merge(summarise_by(more, GroupKey::operation, "sentence")[0].second);
        CHECK(merged == summarise_by(both, GroupKey::operation, "sentence")[0].second);
    }
}

TEST_CASE("grouping edge cases", "[stats][grouping]") {
    CHECK(summarise_by(FactTable(), GroupKey::operation).empty());
    CHECK(summarise_by(seed_table(), GroupKey::operation, "convicted").empty());
    CHECK_THROWS_AS(summarise_by(seed_table(), GroupKey::operation, "arestts"), std::invalid_argument);
    for (GroupKey key : {GroupKey::operation, GroupKey::metric, GroupKey::scope, GroupKey::year, GroupKey::doc})
        CHECK(parse_group_key(to_string(key)) == key);
    CHECK_FALSE(parse_group_key("force").has_value());
    CHECK(common_scale("sentence", 18, Unit::months) == std::pair<double, Unit>{1.5, Unit::years});
    CHECK(common_scale("duration", 36, Unit::hours) == std::pair<double, Unit>{1.5, Unit::days});
    CHECK(common_scale("arrests", 7, Unit::none) == std::pair<double, Unit>{7, Unit::none});
}
