// The gold facts of the five seed documents resolve to shared/corpus/expected/operations.json.

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <tuple>

#include "optally/resolve/resolve.hpp"

using namespace optally;
using nlohmann::json;

namespace {
const std::filesystem::path shared_dir = OPTALLY_SHARED_DIR;

json read_json(const std::filesystem::path& file) {
    std::ifstream in(file);
    REQUIRE(in);
    return json::parse(in);
}

// Gold facts carry neither agency nor the spelling the sentence used (gold normalises the
// name). This table supplies both, read by hand from the seed texts: which agency each figure
// is credited to, and which figures sit in the one sentence that spells the name "Tharlsey".
struct Reading {
    std::string agency;
    std::string spelling;  // "" keeps the gold operation
};
Reading read_by_hand(const std::string& doc, const std::string& metric, const std::string& scope, bool named) {
    const std::string d = doc.substr(0, 3);
    if (d == "000") {
        if (scope == "Jersey") return {"States of Jersey Police", ""};
        // "... joined forces with 42 police forces ... in Operation Tharlsey for two days of action"
        if (metric == "police_forces" || metric == "duration") return {"CEOP", "Tharlsey"};
        return {"CEOP", ""};
    }
    if (d == "001") return {named ? "Jersey Police" : "National Crime Agency", ""};
    if (d == "002") return {"NCA", ""};
    if (d == "003") return {scope == "total" ? "NCA" : "", ""};
    if (d == "004") {
        if (scope == "West Midlands") return {"West Midlands Police", ""};
        if (scope == "Sussex") return {"Sussex Police", ""};
        return {"Ceop", ""};
    }
    return {};
}

struct Gold {
    FactTable facts;
    std::set<std::tuple<std::string, std::string, std::string>> optional;  // doc, metric, scope
};

Gold gold_facts(bool with_optional) {
    Gold gold;
    for (const auto& entry : std::filesystem::directory_iterator(shared_dir / "corpus" / "gold")) {
        json file = read_json(entry.path());
        std::string doc = file.at("doc");
        std::uint32_t position = 0;
        for (const json& g : file.at("facts")) {
            Fact fact;
            // Gold lists facts in the order the text states them; offsets keep that order.
            fact.start = position, fact.end = ++position;
            fact.doc = doc;
            fact.metric = g.at("metric");
            fact.value = g.at("value");
            fact.unit = parse_unit(g.at("unit").is_null() ? "" : g.at("unit").get<std::string>()).value();
            fact.qualifier = parse_qualifier(g.at("qualifier").get<std::string>()).value();
            // Where gold accepts several scopes the first is the one the contract prefers.
            fact.scope = g.at("scope").is_array() ? g.at("scope").at(0) : g.at("scope");
            fact.operation = g.at("operation").is_null() ? "" : g.at("operation").get<std::string>();
            Reading reading = read_by_hand(doc, fact.metric, fact.scope, !fact.operation.empty());
            fact.agency = reading.agency;
            if (!reading.spelling.empty()) fact.operation = reading.spelling;
            fact.evidence = "gold fact of " + doc;
            if (g.value("optional", false)) {
                gold.optional.emplace(doc, fact.metric, fact.scope);
                if (!with_optional) continue;
            }
            gold.facts.append(fact);
        }
    }
    return gold;
}

void check_against_expected(const Gold& gold, bool extras_allowed) {
    resolve::ResolveOptions options = resolve::ResolveOptions::standard();
    resolve::OperationSet set = resolve::resolve(gold.facts, options);
    json expected = read_json(shared_dir / "corpus" / "expected" / "operations.json").at("operations");
    json actual = set.to_json().at("operations");
    INFO(actual.dump(1));
    REQUIRE(set.operations.size() == expected.size());
    for (const json& want : expected) {
        const std::string name = want.at("name");
        INFO("operation " << name);
        const resolve::Operation* op = set.find(name);
        REQUIRE(op != nullptr);
        json got = op->to_json();
        CHECK(got.at("name") == want.at("name"));
        CHECK(got.at("aliases") == want.at("aliases"));
        CHECK(got.at("lead_agency") == want.at("lead_agency"));
        CHECK(got.at("mentions") == want.at("mentions"));
        CHECK(got.at("figures").size() == want.at("figures").size());
        for (const auto& [metric, figure] : want.at("figures").items()) {
            INFO("figure " << metric);
            REQUIRE(got.at("figures").contains(metric));
            const json& g = got.at("figures").at(metric);
            CHECK(g.at("value") == figure.at("value"));
            CHECK(g.at("qualifier") == figure.at("qualifier"));
            CHECK(g.value("unit", json()) == figure.value("unit", json()));
        }
        json want_breakdown = want.value("breakdown", json::object());
        for (const auto& [scope, metrics] : want_breakdown.items())
            for (const auto& [metric, value] : metrics.items()) {
                INFO("breakdown " << scope << " " << metric);
                REQUIRE(got.at("breakdown").contains(scope));
                CHECK(got.at("breakdown").at(scope).value(metric, json()) == value);
            }
        // A breakdown the expected file lacks may only come from facts gold marks optional
        // (a report's aside about one arrest by another force).
        for (const resolve::Figure& part : op->breakdown) {
            if (want_breakdown.contains(part.scope) && want_breakdown.at(part.scope).contains(part.metric)) continue;
            INFO("extra breakdown " << part.scope << " " << part.metric);
            CHECK(extras_allowed);
            for (const resolve::Source& s : part.sources) CHECK(gold.optional.count({s.doc, part.metric, part.scope}));
        }
        CHECK(got.at("sentences_years") == want.value("sentences_years", json::array()));
        CHECK(got.at("conflicts").empty());
    }
}
}  // namespace

TEST_CASE("gold facts of the seeds resolve to the expected operations", "[resolve][gold]") {
    SECTION("required facts only: an exact match") { check_against_expected(gold_facts(false), false); }
    SECTION("with the optional facts an extractor may also produce") { check_against_expected(gold_facts(true), true); }
}

TEST_CASE("gold facts resolve the same whatever their order", "[resolve][gold]") {
    Gold gold = gold_facts(true);
    auto rows = gold.facts.rows();
    FactTable reversed;
    for (auto it = rows.rbegin(); it != rows.rend(); ++it) reversed.append(*it);
    auto options = resolve::ResolveOptions::standard();
    CHECK(resolve::resolve(reversed, options).to_json() == resolve::resolve(gold.facts, options).to_json());
}

TEST_CASE("name mentions counted in the text choose the canonical spelling", "[resolve][gold]") {
    // If a report's facts all carried the slip, the text's own counts still decide.
    FactTable facts;
    for (const auto& [doc, spelling, metric, value] :
         {std::tuple("a", "Tharlsey", "arrests", 76.0), std::tuple("a", "Tharlsey", "police_forces", 42.0),
          std::tuple("b", "", "arrests", 76.0)}) {
        Fact f;
        f.doc = doc, f.metric = metric, f.value = value, f.operation = spelling, f.agency = "CEOP";
        facts.append(f);
    }
    std::vector<resolve::NameMention> names{{"a", "Operation Tharlsey", 1}, {"a", "Operation Tharsley", 2}};
    resolve::OperationSet without = resolve::resolve(facts);
    REQUIRE(without.operations.size() == 1);
    CHECK(without.operations[0].name == "Tharlsey");
    resolve::OperationSet with = resolve::resolve(facts, names);
    REQUIRE(with.operations.size() == 1);
    CHECK(with.operations[0].name == "Tharsley");
    CHECK(with.operations[0].aliases == std::vector<std::string>{"Tharlsey"});
    CHECK(with.operations[0].mentions == std::vector<std::string>{"a", "b"});
}

TEST_CASE("seed reports resolve alike when the extractor finds fewer names or agencies", "[resolve][gold]") {
    // Report 004 never writes the operation's name, and in report 000 the first sentence's
    // figures come before the name; an extractor may leave all of those unnamed. It may also
    // find no agency at all.
    for (bool keep_agency : {true, false}) {
        FactTable facts;
        for (Fact f : gold_facts(true).facts.rows()) {
            bool before_name = f.doc.starts_with("000") && f.operation == "Tharsley" && f.scope == "total";
            if (f.doc.starts_with("004") || before_name) f.operation.clear();
            if (!keep_agency) f.agency.clear();
            facts.append(f);
        }
        INFO("agencies kept: " << keep_agency);
        resolve::OperationSet set = resolve::resolve(facts, resolve::ResolveOptions::standard());
        INFO(set.to_json().dump(1));
        REQUIRE(set.operations.size() == 3);
        const resolve::Operation* tharsley = set.find("Tharsley");
        REQUIRE(tharsley);
        CHECK(tharsley->mentions == std::vector<std::string>{"000_e6cb0e20496b3dfc", "004_2df2bebcc56f638d"});
        REQUIRE(tharsley->figure("police_forces"));
        CHECK(tharsley->figure("police_forces")->value == 42);
        const resolve::Operation* notarise = set.find("Notarise");
        REQUIRE(notarise);
        CHECK(notarise->mentions ==
              std::vector<std::string>{"001_2e60a849c7ce69bc#unnamed", "002_c86c2c98dea43fb0", "003_8bef1c9d51e8d246"});
        const resolve::Operation* lexus = set.find("Lexus");
        REQUIRE(lexus);
        CHECK(lexus->mentions == std::vector<std::string>{"001_2e60a849c7ce69bc#Lexus"});
        CHECK(lexus->sentences_years == std::vector<double>{3.5, 5, 3, 3});
    }
}
