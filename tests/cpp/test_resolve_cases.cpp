// Resolution of small invented fact sets (tests/data/resolve), one behaviour each.

#include <catch2/catch.hpp>
#include <filesystem>

#include "optally/resolve/resolve.hpp"

using namespace optally;
using resolve::Operation;
using resolve::OperationSet;
using resolve::Policy;
using Strings = std::vector<std::string>;

namespace {
const std::filesystem::path data = std::filesystem::path(OPTALLY_TEST_DATA_DIR) / "resolve";

OperationSet resolve_file(const std::string& name, Policy policy = Policy::latest) {
    auto options = resolve::ResolveOptions::standard();
    options.policy = policy;
    return resolve::resolve(FactTable::read_jsonl(data / name), options);
}

std::vector<std::string> names_of(const OperationSet& set) {
    std::vector<std::string> names;
    for (const Operation& o : set.operations) names.push_back(o.name);
    return names;
}

// The operation whose mentions include this one.
const Operation* with_mention(const OperationSet& set, const std::string& mention) {
    for (const Operation& o : set.operations)
        if (std::find(o.mentions.begin(), o.mentions.end(), mention) != o.mentions.end()) return &o;
    return nullptr;
}
}  // namespace

TEST_CASE("a misspelt name and a name with 'Operation' are one operation", "[resolve]") {
    OperationSet set = resolve_file("misspelt.jsonl");
    REQUIRE(set.operations.size() == 1);
    const Operation& op = set.operations[0];
    CHECK(op.name == "Kestrel");
    CHECK(op.aliases == Strings{"Kestral"});
    CHECK(op.mentions == Strings{"m1", "m2", "m3"});
    CHECK(op.lead_agency == "Avon and Somerset Police");
    REQUIRE(op.figure("search_warrants"));
    // "more than 25" and "30" agree on 30.
    CHECK(op.figure("search_warrants")->value == 30);
    CHECK(op.figure("search_warrants")->qualifier == Qualifier::exact);
    CHECK(op.conflicts.empty());
    CHECK(set.find("Operation Kestral") == &op);
}

TEST_CASE("unnamed reports join the operation their agency and figures match", "[resolve]") {
    OperationSet set = resolve_file("unnamed.jsonl");
    REQUIRE(set.operations.size() == 1);
    const Operation& op = set.operations[0];
    CHECK(op.name == "Harbour");
    CHECK(op.mentions == Strings{"u1", "u2", "u3"});
    CHECK(op.lead_agency == "NCA");  // "National Crime Agency" is an alias of it
    CHECK(op.figure("arrests")->value == 412);
    CHECK(op.figure("arrests")->qualifier == Qualifier::exact);
    CHECK(op.figure("children_safeguarded")->value == 95);
    CHECK(op.links.size() == 2);
    for (const auto& link : op.links) CHECK(link.score >= resolve::ResolveOptions{}.similarity_threshold);
}

TEST_CASE("operations with similar figures stay apart", "[resolve]") {
    OperationSet set = resolve_file("apart.jsonl");
    SECTION("a county's own operation is not the national one it is compared with") {
        const Operation* national = set.find("Harbour");
        REQUIRE(national);
        CHECK(national->mentions == Strings{"c1", "c2#unnamed"});
        CHECK(national->figure("arrests")->value == 412);
        const Operation* county = with_mention(set, "c2#unnamed-2");
        REQUIRE(county);
        CHECK(county->name.empty());
        CHECK(county->lead_agency == "Kent Police");
        CHECK(county->figure("arrests")->value == 12);
    }
    SECTION("two forces' operations with one equal figure the same week") {
        const Operation* essex = with_mention(set, "s1");
        const Operation* suffolk = with_mention(set, "s2");
        REQUIRE(essex);
        REQUIRE(suffolk);
        CHECK(essex != suffolk);
    }
    SECTION("names one letter apart run by different agencies") {
        REQUIRE(set.find("Nexus"));
        REQUIRE(set.find("Lexus"));
        CHECK(set.find("Nexus") != set.find("Lexus"));
    }
    CHECK(set.operations.size() == 6);
}

TEST_CASE("a genuine conflict lists every value and chooses one by policy", "[resolve]") {
    struct Expectation {
        Policy policy;
        double arrests;
    };
    // 76 in the first report and in an undated one, 99 in a later one.
    for (auto [policy, arrests] : {Expectation{Policy::latest, 99}, Expectation{Policy::max, 99},
                                   Expectation{Policy::min, 76}, Expectation{Policy::most_reported, 76}}) {
        INFO("policy " << resolve::to_string(policy));
        OperationSet set = resolve_file("conflict.jsonl", policy);
        REQUIRE(set.operations.size() == 1);
        const Operation& op = set.operations[0];
        REQUIRE(op.conflicts.size() == 1);
        const resolve::Conflict& conflict = op.conflicts[0];
        CHECK(conflict.metric == "arrests");
        CHECK(conflict.scope == "total");
        CHECK(conflict.policy == policy);
        CHECK(conflict.chosen_value == arrests);
        REQUIRE(conflict.values.size() == 3);
        for (const auto& value : conflict.values) CHECK_FALSE(value.evidence.empty());
        const resolve::Figure* figure = op.figure("arrests");
        REQUIRE(figure);
        CHECK(figure->conflicted);
        CHECK(figure->value == arrests);
        CHECK(figure->sources.size() == 3);

        auto json = op.to_json();
        REQUIRE(json.at("conflicts").size() == 1);
        const auto& values = json.at("conflicts").at(0).at("values");
        REQUIRE(values.size() == 2);
        CHECK(values.at(0).at("value") == 76);
        CHECK(values.at(0).at("documents") == nlohmann::json({"f3", "f1"}));
        CHECK(values.at(1).at("documents") == nlohmann::json({"f2"}));
        CHECK(json.at("conflicts").at(0).at("chosen").at("value") == arrests);
        CHECK(json.at("conflicts").at(0).at("policy") == std::string(resolve::to_string(policy)));

        // Statements that agree once their qualifiers are read are not conflicts.
        CHECK(op.figure("children_safeguarded")->value == 80);  // "some 80" and 80
        CHECK(op.figure("children_safeguarded")->qualifier == Qualifier::exact);
        CHECK(op.figure("police_forces")->value == 42);  // "more than 40" and 42
        CHECK_FALSE(op.figure("police_forces")->conflicted);
        CHECK(op.figure("duration")->value == 2);  // 48 hours and 2 days
        CHECK(op.figure("duration")->unit == Unit::days);
    }
}

TEST_CASE("later running totals supersede earlier ones under latest", "[resolve]") {
    OperationSet latest = resolve_file("update.jsonl", Policy::latest);
    REQUIRE(latest.operations.size() == 1);
    const Operation& op = latest.operations[0];
    CHECK(op.mentions == Strings{"p1", "p2", "p3", "p4"});  // p4 restates the update unnamed
    CHECK(op.figure("arrests")->value == 230);
    REQUIRE(op.conflicts.size() == 1);
    CHECK(op.conflicts[0].values.size() == 4);
    CHECK(op.first_reported == "2014-06-01");
    CHECK(op.last_reported == "2014-09-20");
    CHECK(resolve_file("update.jsonl", Policy::min).operations[0].figure("arrests")->value == 150);
    // Two reports each; the later figure wins the tie.
    CHECK(resolve_file("update.jsonl", Policy::most_reported).operations[0].figure("arrests")->value == 230);
}

TEST_CASE("a recurring operation that keeps its name is one operation per run", "[resolve]") {
    OperationSet set = resolve_file("recurring.jsonl");
    REQUIRE(set.operations.size() == 2);
    CHECK(names_of(set) == Strings{"Sentinel", "Sentinel"});
    CHECK(set.operations[0].mentions == Strings{"r1", "r2"});
    CHECK(set.operations[0].first_reported == "2019-06-10");
    CHECK(set.operations[1].mentions == Strings{"r3"});
    CHECK(set.operations[1].figure("arrests")->value == 61);
    CHECK(set.find("Sentinel") == &set.operations[0]);

    SECTION("a wider recurrence gap joins the runs") {
        auto options = resolve::ResolveOptions::standard();
        options.recurrence_gap_days = 400;
        CHECK(resolve::resolve(FactTable::read_jsonl(data / "recurring.jsonl"), options).operations.size() == 1);
    }
}

TEST_CASE("one report of two operations, sentences and breakdowns", "[resolve]") {
    OperationSet set = resolve_file("several.jsonl");
    REQUIRE(set.operations.size() == 2);
    const Operation* merlin = set.find("Merlin");
    const Operation* harrier = set.find("Harrier");
    REQUIRE(merlin);
    REQUIRE(harrier);
    CHECK(merlin->mentions == Strings{"d1#unnamed", "d2"});
    CHECK(harrier->mentions == Strings{"d1#Harrier", "d3"});
    CHECK(harrier->lead_agency == "States of Jersey Police");
    CHECK(merlin->lead_agency == "NCA");

    SECTION("breakdowns stay with their operation and a sum above the total is flagged") {
        REQUIRE(merlin->breakdown.size() == 2);
        CHECK(merlin->figure("arrests", "Kent")->value == 120);
        CHECK(merlin->figure("arrests", "Essex")->value == 190);
        REQUIRE(merlin->flags.size() == 1);
        CHECK(merlin->flags[0] == "breakdown of arrests sums to 310, more than the total of 300");
        CHECK(merlin->to_json().at("breakdown").at("Kent").at("arrests") == 120);
    }
    SECTION("sentences: exact ones, months in years, restatements counted once") {
        // d1 states 2, 4, 4, 30 months; d3, months later, restates 4 and 4 and adds 6.
        CHECK(harrier->sentences_years == std::vector<double>{2, 4, 4, 2.5, 6});
        // The range "from 2 to 4 years" summarises the same offenders: kept, not counted.
        CHECK(harrier->sentences_not_counted.size() == 2);
        CHECK(harrier->figures.size() == 1);
    }
}

TEST_CASE("a figure credited to the wrong operation of a report moves to the one it fits", "[resolve]") {
    OperationSet set = resolve_file("misattributed.jsonl");
    REQUIRE(set.operations.size() == 2);
    const Operation* merlin = set.find("Merlin");
    const Operation* harrier = set.find("Harrier");
    REQUIRE(merlin);
    REQUIRE(harrier);
    CHECK(harrier->mentions == Strings{"i1#Harrier"});
    CHECK(merlin->mentions == Strings{"i1#unnamed", "i2"});
    CHECK(harrier->figure("arrests")->value == 9);
    CHECK(harrier->conflicts.empty());
    CHECK(harrier->figure("registered_offenders") == nullptr);
    CHECK(merlin->figure("arrests")->sources.size() == 2);
    CHECK(merlin->figure("registered_offenders")->sources.size() == 2);
    CHECK(merlin->aliases.empty());  // the moved facts bring no name along
    CHECK(merlin->flags.size() == 2);
    CHECK(harrier->lead_agency == "States of Jersey Police");
}

TEST_CASE("resolution does not depend on the order of the facts", "[resolve]") {
    for (const char* name : {"misspelt.jsonl", "unnamed.jsonl", "apart.jsonl", "conflict.jsonl", "update.jsonl",
                             "recurring.jsonl", "several.jsonl", "misattributed.jsonl"}) {
        INFO(name);
        FactTable facts = FactTable::read_jsonl(data / name);
        auto rows = facts.rows();
        FactTable reversed;
        for (auto it = rows.rbegin(); it != rows.rend(); ++it) reversed.append(*it);
        auto options = resolve::ResolveOptions::standard();
        CHECK(resolve::resolve(reversed, options).to_json() == resolve::resolve(facts, options).to_json());
    }
}

TEST_CASE("an empty table resolves to no operations", "[resolve]") {
    OperationSet set = resolve::resolve(FactTable{});
    CHECK(set.operations.empty());
    CHECK(set.to_json().at("operations").empty());
    CHECK(set.find("Anything") == nullptr);
}
