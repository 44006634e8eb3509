#include <catch2/catch.hpp>
#include <cmath>
#include <functional>
#include <limits>
#include <sstream>

#include "optally/facts/errors.hpp"
#include "optally/facts/fact_table.hpp"

using namespace optally;

namespace {
Fact make_fact(std::string metric, double value, Qualifier q = Qualifier::exact) {
    Fact f;
    f.doc = "doc-a";
    f.metric = std::move(metric);
    f.value = value;
    f.qualifier = q;
    f.operation = "Kestrel";
    f.evidence = "Officers arrested 12 people.";
    f.start = 10;
    f.end = 38;
    return f;
}

// Catch the InputError and return it so the test can look at each part.
InputError input_error_of(const std::function<void()>& action) {
    try {
        action();
    } catch (const InputError& e) {
        return e;
    }
    FAIL("no InputError was thrown");
    return InputError("", 0, "", "");
}
}  // namespace

TEST_CASE("qualifiers turn a value into bounds", "[facts]") {
    constexpr double inf = std::numeric_limits<double>::infinity();
    CHECK(bounds_of(5, Qualifier::exact) == Bounds{5, 5, true, true, false});
    CHECK(bounds_of(141, Qualifier::more_than) == Bounds{141, inf, false, false, false});
    CHECK(bounds_of(10, Qualifier::at_least) == Bounds{10, inf, true, false, false});
    CHECK(bounds_of(12, Qualifier::up_to) == Bounds{0, 12, true, true, false});
    CHECK(bounds_of(100, Qualifier::fewer_than) == Bounds{0, 100, true, false, false});
    Bounds about = bounds_of(80, Qualifier::about);
    CHECK(about.is_point());
    CHECK(about.approximate);

    SECTION("more than 40 and exactly 42 agree on 42") {
        auto both = bounds_of(40, Qualifier::more_than).intersect(bounds_of(42, Qualifier::exact));
        REQUIRE(both);
        CHECK(both->is_point());
        CHECK(both->lower == 42);
    }
    SECTION("more than 40 and exactly 40 contradict") {
        CHECK_FALSE(bounds_of(40, Qualifier::more_than).intersect(bounds_of(40, Qualifier::exact)));
    }
    SECTION("76 and 99 contradict") {
        CHECK_FALSE(bounds_of(76, Qualifier::exact).intersect(bounds_of(99, Qualifier::exact)));
    }
    SECTION("fewer than 100 excludes 100 but up to 100 includes it") {
        CHECK_FALSE(bounds_of(100, Qualifier::fewer_than).contains(100));
        CHECK(bounds_of(100, Qualifier::up_to).contains(100));
    }
}

TEST_CASE("names of qualifiers and units round-trip", "[facts]") {
    for (int i = 0; i < qualifier_count; ++i) {
        auto q = static_cast<Qualifier>(i);
        CHECK(parse_qualifier(to_string(q)) == q);
    }
    CHECK(parse_unit("year") == Unit::years);
    CHECK(parse_unit("months") == Unit::months);
    CHECK(parse_unit("") == Unit::none);
    CHECK_FALSE(parse_unit("fortnights"));
    CHECK(days_per(Unit::months) * 12 == Approx(365.25));
}

TEST_CASE("the vocabulary comes from the data file", "[facts]") {
    const Vocabulary& v = Vocabulary::standard();
    CHECK(v.size() == 15);
    CHECK(v.contains("children_safeguarded"));
    CHECK_FALSE(v.contains("victims"));
    CHECK(v.nests("registered_offenders", "arrests"));
    CHECK(v.nests("children_at_risk", "children_safeguarded"));
    CHECK_FALSE(v.nests("children_safeguarded", "arrests"));
    CHECK(v.find("sentence")->units == std::vector<Unit>{Unit::months, Unit::years});
    CHECK(v.find("arrests")->is_count());
}

TEST_CASE("a fact table stores columns and returns rows unchanged", "[facts]") {
    FactTable table;
    Fact a = make_fact("arrests", 12);
    Fact b = make_fact("search_warrants", 141, Qualifier::more_than);
    b.scope = "Jersey";
    b.date = "2012-06-14";
    Fact c = make_fact("sentence", 3.5);
    c.unit = Unit::years;
    c.date = "2012-06-14";
    for (const auto& f : {a, b, c}) table.append(f);
    REQUIRE(table.size() == 3);
    a.date = "2012-06-14";  // the date belongs to the document, so every row of doc-a has it
    CHECK(table.row(0) == a);
    CHECK(table.row(1) == b);
    CHECK(table.row(2) == c);
    CHECK(table.values()(1) == 141);
    CHECK(table.strings().size() <= 8);  // "", doc, operation, evidence, scopes, date: interned once
    CHECK(table.metric(1) == "search_warrants");
    CHECK(table.qualifier(1) == Qualifier::more_than);
}

TEST_CASE("bad facts are refused with the field named", "[facts]") {
    FactTable table;
    CHECK(input_error_of([&] { table.append(make_fact("victims", 3)); }).field() == "metric");
    CHECK(input_error_of([&] { table.append(make_fact("arrests", -5)); }).field() == "value");
    CHECK(input_error_of([&] { table.append(make_fact("arrests", std::nan(""))); }).field() == "value");
    CHECK(input_error_of([&] { table.append(make_fact("sentence", 3)); }).field() == "unit");
    Fact hours = make_fact("sentence", 3);
    hours.unit = Unit::hours;
    CHECK(input_error_of([&] { table.append(hours); }).field() == "unit");
    CHECK(table.empty());
    std::string listed = input_error_of([&] { table.append(make_fact("victims", 3)); }).what();
    CHECK_THAT(listed, Catch::Matchers::Contains("children_safeguarded"));
}

TEST_CASE("JSON Lines round-trip and errors name file, line and field", "[facts][io]") {
    FactTable table;
    Fact b = make_fact("search_warrants", 141, Qualifier::more_than);
    b.evidence = "Quotes \" and, commas\nand a break";
    table.append(make_fact("arrests", 12));
    table.append(b);
    std::stringstream text;
    table.write_jsonl(text);
    FactTable back = FactTable::read_jsonl(text, "t.jsonl");
    REQUIRE(back.size() == 2);
    CHECK(back.row(1) == b);

    SECTION("CSV round-trip keeps quotes, commas and line breaks") {
        std::stringstream csv;
        table.write_csv(csv);
        FactTable again = FactTable::read_csv(csv, "t.csv");
        REQUIRE(again.size() == 2);
        CHECK(again.row(1) == b);
    }
    SECTION("unknown metric on line 2") {
        std::stringstream in("{\"doc\":\"d\",\"metric\":\"arrests\",\"value\":3}\n"
                             "{\"doc\":\"d\",\"metric\":\"victims\",\"value\":3}\n");
        auto e = input_error_of([&] { FactTable::read_jsonl(in, "f.jsonl"); });
        CHECK(e.file() == "f.jsonl");
        CHECK(e.line() == 2);
        CHECK(e.field() == "metric");
    }
    SECTION("wrong type") {
        std::stringstream in("{\"doc\":\"d\",\"metric\":\"arrests\",\"value\":\"three\"}\n");
        auto e = input_error_of([&] { FactTable::read_jsonl(in, "f.jsonl"); });
        CHECK(e.field() == "value");
        CHECK_THAT(std::string(e.what()), Catch::Matchers::Contains("f.jsonl:1"));
    }
    SECTION("missing field") {
        std::stringstream in("{\"doc\":\"d\",\"value\":3}\n");
        CHECK(input_error_of([&] { FactTable::read_jsonl(in, "f.jsonl"); }).field() == "metric");
    }
    SECTION("overflowing number") {
        std::stringstream in("{\"doc\":\"d\",\"metric\":\"arrests\",\"value\":1e400}\n");
        // nlohmann/json refuses the number while parsing, before any field is looked at.
        auto e = input_error_of([&] { FactTable::read_jsonl(in, "f.jsonl"); });
        CHECK(e.line() == 1);
        CHECK_THAT(std::string(e.what()), Catch::Matchers::Contains("1e400"));
    }
    SECTION("truncated last line") {
        std::stringstream in("{\"doc\":\"d\",\"metric\":\"arrests\",\"value\":3}\n{\"doc\":\"d\",\"met");
        auto e = input_error_of([&] { FactTable::read_jsonl(in, "f.jsonl"); });
        CHECK(e.line() == 2);
        CHECK_THAT(std::string(e.what()), Catch::Matchers::Contains("truncated"));
    }
    SECTION("BOM and CRLF are accepted") {
        std::stringstream in("\xEF\xBB\xBF{\"doc\":\"d\",\"metric\":\"arrests\",\"value\":3}\r\n\r\n");
        CHECK(FactTable::read_jsonl(in, "f.jsonl").size() == 1);
    }
    SECTION("a CSV row with too few fields") {
        std::stringstream in("doc,metric,value\nd,arrests,3\nd,arrests\n");
        auto e = input_error_of([&] { FactTable::read_csv(in, "f.csv"); });
        CHECK(e.line() == 3);
    }
    SECTION("a CSV value that is not a number") {
        std::stringstream in("doc,metric,value\nd,arrests,3x\n");
        auto e = input_error_of([&] { FactTable::read_csv(in, "f.csv"); });
        CHECK(e.line() == 2);
        CHECK(e.field() == "value");
    }
    SECTION("a missing file") {
        auto e = input_error_of([&] { FactTable::read_jsonl(std::filesystem::path("/nonexistent/facts.jsonl")); });
        CHECK_THAT(std::string(e.what()), Catch::Matchers::Contains("no such file"));
    }
}
