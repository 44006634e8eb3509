// The fast JSON Lines reader (cpp/src/facts/jsonl_fast.cpp) against nlohmann::json: whenever
// the fast reader accepts a line, the Fact must be the one the contract's rules give for
// nlohmann's parse of it. (It serves the scale work of issue 6, hence the file's name.)

#include <catch2/catch.hpp>
#include <cmath>
#include <nlohmann/json.hpp>
#include <optional>
#include <random>
#include <sstream>

#include "../../cpp/src/facts/jsonl_fast.hpp"
#include "optally/facts/errors.hpp"
#include "optally/facts/fact_table.hpp"

using namespace optally;
using json = nlohmann::json;

namespace {

// The contract's rules (fact_io.cpp's fact_from_json), written out plainly: nullopt wherever
// that path raises an error.
std::optional<Fact> reference_fact(const std::string& line) {
    json object;
    try {
        object = json::parse(line);
    } catch (const json::exception&) {
        return std::nullopt;
    }
    if (!object.is_object()) return std::nullopt;
    auto text = [&](const char* field, std::string fallback) -> std::optional<std::string> {
        auto found = object.find(field);
        if (found == object.end() || found->is_null()) return fallback;
        if (!found->is_string()) return std::nullopt;
        return found->get<std::string>();
    };
    auto offset = [&](const char* field) -> std::optional<std::uint32_t> {
        auto found = object.find(field);
        if (found == object.end() || found->is_null()) return 0U;
        if (!found->is_number()) return std::nullopt;
        const double v = found->get<double>();
        if (!found->is_number_integer() && std::floor(v) != v) return std::nullopt;
        if (v < 0 || v > 4294967295.0) return std::nullopt;
        return static_cast<std::uint32_t>(v);
    };
    for (const char* required : {"doc", "metric", "value"})
        if (!object.contains(required) || object.at(required).is_null()) return std::nullopt;
    if (!object.at("value").is_number()) return std::nullopt;
    Fact f;
    auto doc = text("doc", ""), metric = text("metric", ""), unit = text("unit", ""), qualifier = text("qualifier", "exact"),
         operation = text("operation", ""), evidence = text("evidence", ""), agency = text("agency", ""),
         date = text("date", "");
    auto start = offset("start"), end = offset("end");
    if (!doc || !metric || !unit || !qualifier || !operation || !evidence || !agency || !date || !start || !end)
        return std::nullopt;
    auto scope = object.find("scope");
    if (scope != object.end() && scope->is_array()) {
        if (scope->empty() || !scope->front().is_string()) return std::nullopt;
        f.scope = scope->front().get<std::string>();
    } else {
        auto s = text("scope", "total");
        if (!s) return std::nullopt;
        f.scope = *s;
    }
    auto u = parse_unit(*unit);
    auto q = parse_qualifier(*qualifier);
    if (!u || !q) return std::nullopt;
    f.doc = *doc;
    f.metric = *metric;
    f.value = object.at("value").get<double>();
    f.unit = *u;
    f.qualifier = *q;
    f.operation = *operation;
    f.start = *start;
    f.end = *end;
    f.evidence = *evidence;
    f.agency = *agency;
    f.date = *date;
    return f;
}

bool same(const Fact& a, const Fact& b) {
    // Bit-level on the value, so that -0.0 and 0.0 are told apart.
    return a.doc == b.doc && a.metric == b.metric && std::signbit(a.value) == std::signbit(b.value) &&
           (a.value == b.value || (std::isnan(a.value) && std::isnan(b.value))) && a.unit == b.unit &&
           a.qualifier == b.qualifier && a.scope == b.scope && a.operation == b.operation && a.start == b.start &&
           a.end == b.end && a.evidence == b.evidence && a.agency == b.agency && a.date == b.date;
}

void check_line(const std::string& line) {
    Fact fast;
    const bool accepted = detail::parse_flat_fact(line, fast);
    const auto reference = reference_fact(line);
    INFO("line: " << line);
    if (accepted) {
        REQUIRE(reference);
        CHECK(same(fast, *reference));
    }
}

const char* const typical =
    R"({"doc":"d1","metric":"sentence","value":3.5,"unit":"years","qualifier":"about","scope":"West Midlands",)"
    R"("operation":"Tharsley","start":10,"end":60,"evidence":"He was jailed for 3\u00bd years \"today\".",)"
    R"("agency":null,"date":"2021-04-01","extra":true})";

}  // namespace

TEST_CASE("the fast reader reads the common lines", "[jsonl]") {
    Fact f;
    REQUIRE(detail::parse_flat_fact(R"({"doc":"a","metric":"arrests","value":76,"operation":null})", f));
    CHECK(f.doc == "a");
    CHECK(f.value == 76);
    CHECK(f.scope == "total");
    CHECK(f.qualifier == Qualifier::exact);
    REQUIRE(detail::parse_flat_fact(
        R"( { "doc" : "b", "metric":"duration" ,"value":-0,"unit":"day","start":1,"end":2,"evidence":"caf\u00e9 \ud83d\ude00 é","x":true } )",
        f));
    CHECK(f.unit == Unit::days);
    CHECK_FALSE(std::signbit(f.value));  // the integer -0 is 0, as nlohmann stores it
    CHECK(f.evidence == "caf\xC3\xA9 \xF0\x9F\x98\x80 \xC3\xA9");
    check_line(R"({"doc":"b","metric":"duration","value":-0.0,"unit":"day"})");
}

TEST_CASE("the fast reader declines what it does not read exactly", "[jsonl]") {
    Fact f;
    for (const char* line : {
             R"({"doc":"a","metric":"arrests","value":1,"extra":[1,2]})",     // nested
             R"({"doc":"a","metric":"arrests","value":1,"doc":"b"})",         // repeated key
             R"({"doc":"a","metric":"arrests","value":1,"scope":["Kent"]})",  // list of scopes
             R"({"doc":"a","metric":"arrests","value":1,"start":12.0})",      // a float offset
             R"({"doc":"a","metric":"arrests","value":1e999})",               // out of range
             R"({"doc":"a","metric":"arrests","value":01})",                  // bad number
             R"({"doc":"a","metric":"arrests","value":"12"})",                // wrong type
             R"({"doc":"a","metric":"arrests"})",                             // missing value
             R"({"doc":"a","metric":"arrests","value":1,"unit":"fortnights"})",
             R"({"doc":"a","metric":"arrests","value":1,"evidence":"\ud800"})",  // lone surrogate
             "{\"doc\":\"a\",\"metric\":\"arrests\",\"value\":1,\"evidence\":\"\xC0\xAF\"}",  // overlong UTF-8
             "{\"doc\":\"a\",\"metric\":\"arrests\",\"value\":1,\"evidence\":\"tab\there\"}",  // raw control
             R"({"doc":"a","metric":"arrests","value":1} x)", R"({"doc":"a","metric":"arrests","value":1,})",
             R"([1,2])", R"({})", ""}) {
        INFO(line);
        CHECK_FALSE(detail::parse_flat_fact(line, f));
    }
}

TEST_CASE("the fast reader agrees with nlohmann on mutated lines", "[jsonl]") {
    // Every single-byte change of a typical line (deletions, and insertions of the characters
    // that matter to JSON): a wrong acceptance anywhere shows up as a mismatch.
    const std::string base = typical;
    check_line(base);
    const std::string alphabet = "\"\\{}[],:0123456789.eE+-nulltrfa \t\x01\xC3\xA9\xFF";
    for (std::size_t i = 0; i <= base.size(); ++i) {
        if (i < base.size()) check_line(base.substr(0, i) + base.substr(i + 1));
        for (char c : alphabet) check_line(base.substr(0, i) + c + base.substr(i));
    }
    std::mt19937 rng(5);
    for (int round = 0; round < 3000; ++round) {
        std::string line = base;
        for (int k = 0; k < 3; ++k) {
            std::uniform_int_distribution<std::size_t> at(0, line.size() - 1);
            line[at(rng)] = alphabet[at(rng) % alphabet.size()];
        }
        check_line(line);
    }
}

TEST_CASE("read_jsonl with the fast reader gives the table nlohmann's path gives", "[jsonl]") {
    // Lines the fast reader takes and lines it leaves to nlohmann, mixed in one file.
    std::string text = std::string(typical) + "\n" +
                       R"({"doc":"d2","metric":"arrests","value":12.0,"scope":["Kent","total"],"start":3.0,"end":5})" + "\n\n" +
                       R"({"doc":"d2","metric":"charged","value":2,"qualifier":"at_least"})" + "\r\n";
    std::istringstream in(text);
    const FactTable table = FactTable::read_jsonl(in, "<mixed>");
    REQUIRE(table.size() == 3);
    CHECK(table.scope(1) == "Kent");
    CHECK(table.starts()[1] == 3);
    CHECK(same(table.row(0), *reference_fact(typical)));
    CHECK(table.qualifier(2) == Qualifier::at_least);
    CHECK(table.date_of_doc("d1") == "2021-04-01");
}

TEST_CASE("count_lines_ahead sizes a seekable stream and restores its position", "[jsonl]") {
    std::istringstream in("a\nb\nc");
    std::string first;
    std::getline(in, first);
    CHECK(detail::count_lines_ahead(in) == 2);  // "b\n" and the unterminated "c"
    std::string next;
    std::getline(in, next);
    CHECK(next == "b");
}
