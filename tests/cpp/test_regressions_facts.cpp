// Fact files that once loaded wrongly or gave unusable errors, found by the bad-input
// battery (tests/python/test_bad_inputs.py) and the fuzz_jsonl / fuzz_csv harnesses.

#include <catch2/catch.hpp>
#include <sstream>
#include <string>

#include "optally/facts/errors.hpp"
#include "optally/facts/fact_table.hpp"

using namespace optally;

namespace {

bool valid_utf8(std::string_view s) {
    for (std::size_t i = 0; i < s.size();) {
        auto c = static_cast<unsigned char>(s[i]);
        std::size_t n = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 0;
        if (n == 0 || i + n > s.size()) return false;
        for (std::size_t k = 1; k < n; ++k)
            if ((static_cast<unsigned char>(s[i + k]) & 0xC0) != 0x80) return false;
        i += n;
    }
    return true;
}

InputError jsonl_error(const std::string& text) {
    std::istringstream in(text);
    try {
        FactTable::read_jsonl(in, "facts.jsonl");
    } catch (const InputError& e) {
        return e;
    }
    FAIL("no InputError for: " << text);
    throw;
}

InputError csv_error(const std::string& text) {
    std::istringstream in(text);
    try {
        FactTable::read_csv(in, "facts.csv");
    } catch (const InputError& e) {
        return e;
    }
    FAIL("no InputError for: " << text);
    throw;
}

}  // namespace

// Binary bytes in a .jsonl file: nlohmann quotes the bytes it read in its message, and a
// message that is not UTF-8 cannot become a Python str, so the CLI printed a traceback.
TEST_CASE("errors about binary input are valid UTF-8 and short", "[regression][facts]") {
    std::string binary = "\x89PNG\r\n\x1a\n\xff\xfe\x00\x01\xb2garbage";
    InputError e = jsonl_error(binary + "\n");
    CHECK(e.file() == "facts.jsonl");
    CHECK(e.line() == 1);
    CHECK(valid_utf8(e.what()));
    CHECK_THAT(std::string(e.what()), Catch::Matchers::Contains("not valid JSON"));

    std::string long_garbage(1 << 20, '\xff');
    InputError big = jsonl_error(long_garbage + "\n");
    CHECK(valid_utf8(big.what()));
    CHECK(std::string(big.what()).size() < 400);

    InputError unit = jsonl_error("{\"doc\":\"d\",\"metric\":\"sentence\",\"value\":2,\"unit\":\"" + std::string(5000, 'y') + "\"}\n");
    CHECK(unit.field() == "unit");
    CHECK(std::string(unit.what()).size() < 400);
}

TEST_CASE("CSV fields that are not UTF-8 are an error naming line and column", "[regression][facts]") {
    InputError e = csv_error("doc,metric,value\nok,arrests,3\ncaf\xe9,arrests,12\n");
    CHECK(e.line() == 3);
    CHECK(e.field() == "doc");
    CHECK(valid_utf8(e.what()));
    CHECK_THAT(std::string(e.what()), Catch::Matchers::Contains("UTF-8"));
}

// std::stod read "0x1A" as 26 and " 12" as 12: a curated figure must be written as one.
TEST_CASE("CSV numbers are plain decimals", "[regression][facts]") {
    for (const char* bad : {"0x1A", " 12", "12 ", "infinity", "nan", "1e400", "12abc", "+-3"}) {
        INFO(bad);
        InputError e = csv_error(std::string("doc,metric,value\nd,arrests,") + bad + "\n");
        CHECK(e.line() == 2);
        CHECK(e.field() == "value");
    }
    std::istringstream good("doc,metric,value\nd,arrests,12\nd,charged,1.5e1\n");
    FactTable table = FactTable::read_csv(good, "facts.csv");
    REQUIRE(table.size() == 2);
    CHECK(table.row(1).value == 15);
}

// "is the file truncated?" was said of any bad last line, even a complete one.
TEST_CASE("only a last line without its line end is called truncated", "[regression][facts]") {
    std::string good = "{\"doc\":\"d\",\"metric\":\"arrests\",\"value\":1}\n";
    InputError cut = jsonl_error(good + "{\"doc\":\"d\",\"metric\":\"arr");
    CHECK(cut.line() == 2);
    CHECK_THAT(std::string(cut.what()), Catch::Matchers::Contains("truncated"));
    InputError whole = jsonl_error(good + "{\"doc\":\"d\",\"metric\":\"arrests\",\"value\":NaN}\n");
    CHECK(whole.line() == 2);
    CHECK_THAT(std::string(whole.what()), !Catch::Matchers::Contains("truncated"));
    CHECK_THAT(std::string(whole.what()), !Catch::Matchers::Contains("json.exception"));
}

TEST_CASE("values the contract forbids are errors at their line and field", "[regression][facts]") {
    std::string head = "{\"doc\":\"d\",\"metric\":\"arrests\",\"value\":1}\n";
    for (const char* value : {"1e400", "-5", "NaN", "\"12\"", "[1]", "{}", "true"}) {
        INFO(value);
        InputError e = jsonl_error(head + "{\"doc\":\"d\",\"metric\":\"arrests\",\"value\":" + value + "}\n");
        CHECK(e.line() == 2);
    }
}

TEST_CASE("deep nesting is rejected or ignored, never a stack overflow", "[regression][facts]") {
    const int depth = 200000;
    std::string deep = std::string(depth, '[') + std::string(depth, ']');
    InputError e = jsonl_error(deep + "\n");
    CHECK(e.line() == 1);
    std::istringstream extra("{\"doc\":\"d\",\"metric\":\"arrests\",\"value\":4,\"x\":" + deep + "}\n");
    CHECK(FactTable::read_jsonl(extra, "extra.jsonl").size() == 1);
}

// An unterminated quote was reported at a line past the end of the file.
TEST_CASE("CSV errors name the line a record starts on", "[regression][facts]") {
    InputError cut = csv_error("doc,metric,value,evidence\nd,arrests,3,\"an unterminated\nfield");
    CHECK(cut.line() == 2);
    InputError row = csv_error("doc,metric,value,evidence\nd,arrests,3,\"two\nlines\"\nd,arrests,-1,\"x\"\n");
    CHECK(row.line() == 4);
    InputError multi = csv_error("doc,metric,value,evidence\nd,arrests,-1,\"two\nlines\"\n");
    CHECK(multi.line() == 2);
}
