// Names, dates, policies and options of resolution.

#include <catch2/catch.hpp>
#include <string>

#include "optally/facts/data_dir.hpp"
#include "optally/facts/errors.hpp"
#include "optally/resolve/resolve.hpp"
#include "optally/resolve/similarity.hpp"

using namespace optally;
using namespace optally::resolve;

namespace {
// The slow, obvious reference: Damerau distance restricted to adjacent swaps by recursion.
std::size_t reference_distance(const std::string& a, const std::string& b, std::size_t i, std::size_t j) {
    if (i == 0) return j;
    if (j == 0) return i;
    std::size_t best = std::min({reference_distance(a, b, i - 1, j) + 1, reference_distance(a, b, i, j - 1) + 1,
                                 reference_distance(a, b, i - 1, j - 1) + (a[i - 1] == b[j - 1] ? 0 : 1)});
    if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
        best = std::min(best, reference_distance(a, b, i - 2, j - 2) + 1);
    return best;
}

Fact arrests_in(std::string doc, std::string operation) {
    Fact f;
    f.doc = std::move(doc);
    f.metric = std::string("arrests");
    f.value = 14;
    f.operation = std::move(operation);
    f.agency = std::string("NCA");
    return f;
}
}  // namespace

TEST_CASE("names normalise to one key", "[resolve][names]") {
    CHECK(normalise_name("Operation Notarise") == "notarise");
    CHECK(normalise_name("Notarise") == "notarise");
    CHECK(normalise_name("  op. NOTARISE ") == "notarise");
    CHECK(normalise_name("'Safe Childhood'") == "safechildhood");
    CHECK(normalise_name("Operation") == "operation");  // nothing else to keep
    CHECK(normalise_name("") == "");
    CHECK(display_name("Operation Tharsley") == "Tharsley");
    CHECK(display_name(" \"Lexus\" ") == "Lexus");
    CHECK(normalise_key("the UK") == "uk");
    CHECK(normalise_key("Leicestershire and Rutland") == "leicestershire and rutland");
}

TEST_CASE("edit distance counts a swap of adjacent letters as one edit", "[resolve][names]") {
    CHECK(edit_distance("tharlsey", "tharsley") == 1);
    CHECK(edit_distance("kestrel", "kestral") == 1);
    CHECK(edit_distance("", "abc") == 3);
    CHECK(edit_distance("lexus", "nexus") == 1);
    CHECK(name_similarity("Operation Tharlsey", "Tharsley") == Approx(0.875));
    CHECK(name_similarity("Notarise", "Operation Notarise") == 1.0);
    CHECK(name_similarity("Ore", "Pallial") < 0.2);

    SECTION("agrees with the slow reference") {
        const std::vector<std::string> words{"", "a", "ab", "ba", "abc", "acb", "tharsley", "tharlsey", "kestrel",
                                             "kestral", "notarise", "notarize", "lexus", "nexus", "ore", "roe"};
        for (const auto& a : words)
            for (const auto& b : words) {
                INFO(a << " / " << b);
                CHECK(edit_distance(a, b) == reference_distance(a, b, a.size(), b.size()));
            }
    }
}

TEST_CASE("dates become day numbers, partial dates the middle of what they allow", "[resolve][names]") {
    CHECK(day_number("1970-01-01") == 0L);
    CHECK(day_number("2014-07-16") == 16267L);
    CHECK(*day_number("2020-03-01") - *day_number("2020-02-28") == 2);  // a leap year
    CHECK(day_number("2014-07") == day_number("2014-07-15"));
    CHECK(day_number("2014") == day_number("2014-07-01"));
    CHECK(day_number("2014-07-16T10:00:00Z") == day_number("2014-07-16"));
    CHECK_FALSE(day_number(""));
    CHECK_FALSE(day_number("16/07/2014"));
    CHECK_FALSE(day_number("2014-13-01"));
}

TEST_CASE("policies by name", "[resolve][names]") {
    for (Policy p : {Policy::latest, Policy::max, Policy::min, Policy::most_reported})
        CHECK(parse_policy(to_string(p)) == p);
    CHECK(parse_policy("most-reported") == Policy::most_reported);
    CHECK_THROWS_AS(parse_policy("newest"), std::invalid_argument);
}

TEST_CASE("resolve options come from data/resolve.json", "[resolve][names]") {
    ResolveOptions defaults;
    ResolveOptions standard = ResolveOptions::standard();
    SECTION("the data file ships the documented defaults") {
        CHECK(standard.similarity_threshold == defaults.similarity_threshold);
        CHECK(standard.name_floor == defaults.name_floor);
        CHECK(standard.approximate_tolerance == defaults.approximate_tolerance);
        CHECK(standard.recurrence_gap_days == defaults.recurrence_gap_days);
        CHECK(standard.outcome_metrics == defaults.outcome_metrics);
        CHECK(standard.weights.name == defaults.weights.name);
        CHECK(standard.weights.same_document == defaults.weights.same_document);
        CHECK(standard.weights.agency == defaults.weights.agency);
        CHECK(standard.weights.figures == defaults.weights.figures);
        CHECK(standard.weights.date == defaults.weights.date);
        CHECK(standard.agency_aliases.at("National Crime Agency") == "NCA");
    }
    SECTION("fields given override, the rest stay") {
        auto options = ResolveOptions::from_json(
            nlohmann::json{{"policy", "max"}, {"weights", {{"date", 0.5}}}, {"agency_aliases", {{"Ceop", "CEOP"}}}},
            standard, "<test>");
        CHECK(options.policy == Policy::max);
        CHECK(options.weights.date == 0.5);
        CHECK(options.weights.name == standard.weights.name);
        CHECK(options.agency_aliases.at("Ceop") == "CEOP");
        CHECK(options.agency_aliases.count("National Crime Agency") == 1);
    }
    SECTION("mistakes are located") {
        CHECK_THROWS_AS(ResolveOptions::from_json(nlohmann::json{{"treshold", 1}}), InputError);
        CHECK_THROWS_AS(ResolveOptions::from_json(nlohmann::json{{"policy", "newest"}}), InputError);
        CHECK_THROWS_AS(ResolveOptions::from_json(nlohmann::json{{"weights", {{"colour", 1}}}}), InputError);
        CHECK_THROWS_AS(ResolveOptions::from_json(nlohmann::json{{"name_floor", 1.5}}), InputError);
        try {
            ResolveOptions::from_json(nlohmann::json{{"similarity_threshold", "high"}}, {}, "resolve.json");
            FAIL("no InputError");
        } catch (const InputError& e) {
            CHECK(e.file() == "resolve.json");
            CHECK(e.field() == "similarity_threshold");
        }
    }
}

TEST_CASE("the threshold decides how much evidence links an unnamed report", "[resolve][names]") {
    // One named report and one unnamed report by the same agency sharing a single figure.
    FactTable facts;
    facts.append(arrests_in("a", "Wren"));
    facts.append(arrests_in("b", ""));
    ResolveOptions options;
    CHECK(resolve::resolve(facts, options).operations.size() == 1);  // agency 1 + figure 2·0.59
    options.similarity_threshold = 2.5;
    CHECK(resolve::resolve(facts, options).operations.size() == 2);
    options.similarity_threshold = 1.3;
    options.weights.figures = 0.0;  // the agency alone is not enough
    CHECK(resolve::resolve(facts, options).operations.size() == 2);
}
