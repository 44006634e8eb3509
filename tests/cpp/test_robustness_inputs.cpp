// Inputs that once broke a run or its output: bytes that are not UTF-8 reaching evidence
// (and from there JSON and Python), and one file whose facts the table refuses ending a
// whole multi-file run without naming the file.

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>
#include <unistd.h>
#include <vector>

#include "optally/extract/extractor.hpp"
#include "optally/facts/data_dir.hpp"

using namespace optally;
using namespace optally::extract;
namespace fs = std::filesystem;

namespace {

// A slow, obvious check of well-formed UTF-8 (Unicode Table 3-7), independent of the
// extractor's own.
bool is_utf8(std::string_view s) {
    std::size_t i = 0;
    auto at = [&](std::size_t k) { return k < s.size() ? static_cast<unsigned char>(s[k]) : 0u; };
    while (i < s.size()) {
        unsigned b = at(i);
        std::size_t n = b < 0x80 ? 1 : (b >= 0xC2 && b <= 0xDF) ? 2 : (b >= 0xE0 && b <= 0xEF) ? 3 : (b >= 0xF0 && b <= 0xF4) ? 4 : 0;
        if (n == 0 || i + n > s.size()) return false;
        for (std::size_t k = 1; k < n; ++k)
            if ((at(i + k) & 0xC0) != 0x80) return false;
        unsigned b1 = at(i + 1);
        if ((b == 0xE0 && b1 < 0xA0) || (b == 0xED && b1 > 0x9F) || (b == 0xF0 && b1 < 0x90) || (b == 0xF4 && b1 > 0x8F))
            return false;
        i += n;
    }
    return true;
}

const std::string replacement = "\xEF\xBF\xBD";

std::vector<Fact> facts_of(std::string_view text, bool keep_names = false, std::string_view doc = "test") {
    return extract_text(text, doc, Lexicon::standard(), ExtractOptions{keep_names});
}

struct TempDir {
    fs::path path;
    TempDir() {
        path = fs::temp_directory_path() / ("optally-robustness-" + std::to_string(::getpid()));
        fs::remove_all(path);
        fs::create_directories(path);
    }
    ~TempDir() {
        std::error_code ec;
        fs::remove_all(path, ec);
    }
    fs::path write(const std::string& name, const std::string& bytes) const {
        std::ofstream(path / name, std::ios::binary) << bytes;
        return path / name;
    }
};

}  // namespace

TEST_CASE("evidence is valid UTF-8 whatever bytes the text holds", "[extract][robustness][utf8]") {
    // Latin-1 "é", a bare continuation byte, a cut-short sequence, an encoded surrogate, a
    // cut-short four-byte sequence and bytes that never occur in UTF-8.
    for (std::string bad : {"\xE9", "\x80", "\xE2\x82", "\xED\xA0\x80", "\xF0\x9F\x98", "\xFF\xFE", "\xC0\xAF"}) {
        // Inside a word: the tokenizer reads a broken lead byte with the bytes after it.
        std::string text = "Police in Caf" + bad + "eteria arrested 14 people.";
        INFO(text);
        for (bool keep : {false, true}) {
            auto facts = facts_of(text, keep);
            REQUIRE(facts.size() == 1);
            CHECK(facts[0].value == 14);
            CHECK(is_utf8(facts[0].evidence));
            CHECK(facts[0].evidence.find(replacement) != std::string::npos);
            // Offsets still count the bytes as given.
            CHECK(text.substr(facts[0].start, facts[0].end - facts[0].start) == text);
        }
    }
}

// The tokenizer took a broken lead byte and the two or three bytes after it as one
// character, so a Latin-1 letter ending a word swallowed the space and the next word's first
// letter ("arrested" read "rrested"), and the fact was lost. It now checks continuation bytes.
TEST_CASE("a Latin-1 letter at the end of a word leaves the next word whole", "[extract][robustness][utf8]") {
    auto facts = facts_of("Police in Caf\xE9 arrested 14 people.");
    REQUIRE(facts.size() == 1);
    CHECK(facts[0].value == 14);
}

TEST_CASE("each ill-formed piece becomes one U+FFFD, as Python's errors='replace' does", "[extract][robustness][utf8]") {
    auto evidence = [](const std::string& bad) {
        auto facts = facts_of("Officers seized 40 devices " + bad + " today.");
        REQUIRE(facts.size() == 1);
        return facts[0].evidence;
    };
    auto r = [](int n) {
        std::string out;
        for (int i = 0; i < n; ++i) out += replacement;
        return out;
    };
    // The expectations are b"...".decode("utf-8", "replace") in Python.
    CHECK(evidence("\xE2\x82") == "Officers seized 40 devices " + r(1) + " today.");
    CHECK(evidence("\xFF\xFE\x80") == "Officers seized 40 devices " + r(3) + " today.");
    CHECK(evidence("\xED\xA0\x80") == "Officers seized 40 devices " + r(3) + " today.");
    CHECK(evidence("\xF0\x9F\x98") == "Officers seized 40 devices " + r(1) + " today.");
    CHECK(evidence("\xE2\x82\xAC") == "Officers seized 40 devices \xE2\x82\xAC today.");  // valid: kept
}

TEST_CASE("operation names and document ids are valid UTF-8 too", "[extract][robustness][utf8]") {
    auto facts = facts_of("Operation Caf\xE9 led to 12 arrests.", false, "caf\xE9");
    REQUIRE_FALSE(facts.empty());
    for (const Fact& f : facts) {
        CHECK(is_utf8(f.doc));
        CHECK(is_utf8(f.operation));
        CHECK(is_utf8(f.evidence));
        CHECK(is_utf8(f.scope));
    }
    TempDir dir;
    fs::path named = dir.write("caf\xE9.txt", "Police arrested 14 people.\n");
    auto result = extract_files(std::vector<fs::path>{named}, 1);
    REQUIRE(result.skipped.empty());
    REQUIRE(result.table.size() == 1);
    CHECK(result.table.doc(0) == "caf" + replacement);
}

TEST_CASE("a file whose facts the table refuses is skipped by name, and the run goes on", "[extract][robustness][files]") {
    // A data folder whose lexicon knows a metric the standard vocabulary of FactTable does not.
    TempDir dir;
    fs::path data = dir.path / "data";
    fs::create_directories(data);
    for (const char* name : {"lexicon.json", "gazetteer.json", "names.json", "metrics.json"})
        fs::copy_file(data_dir() / name, data / name);
    nlohmann::json metrics;
    std::ifstream(data / "metrics.json") >> metrics;
    metrics["metrics"].push_back({{"name", "kittens_rescued"}, {"description", "kittens rescued"}});
    std::ofstream(data / "metrics.json", std::ios::trunc) << metrics.dump();
    fs::path extra = dir.write("kittens.json", R"({"metrics": {"kittens_rescued": {"nouns": ["kittens"], "verbs": ["rescued"]}}})");
    Lexicon lexicon = Lexicon::load(data, std::vector<fs::path>{extra});

    fs::path good1 = dir.write("a_good.txt", "Police arrested 14 people.\n");
    fs::path bad = dir.write("b_kittens.txt", "Officers rescued 4 kittens and arrested 3 people.\n");
    fs::path good2 = dir.write("c_good.txt", "Officers executed 9 search warrants.\n");
    for (unsigned threads : {1u, 3u}) {
        INFO(threads << " threads");
        ExtractResult result;
        REQUIRE_NOTHROW(result = extract_files(std::vector<fs::path>{good1, bad, good2}, threads, lexicon));
        REQUIRE(result.skipped.size() == 1);
        CHECK(result.skipped[0].path == bad);
        CHECK(result.skipped[0].reason.find("kittens_rescued") != std::string::npos);
        // Nothing of the refused file is kept, not even its facts the table would take.
        REQUIRE(result.table.size() == 2);
        CHECK(result.table.doc(0) == "a_good");
        CHECK(result.table.doc(1) == "c_good");
    }
}

TEST_CASE("binary and UTF-16 files are skipped with their reason, and the run goes on", "[extract][robustness][files]") {
    TempDir dir;
    fs::path good = dir.write("a_good.txt", "Police arrested 14 people.\n");
    fs::path binary = dir.write("b_binary.txt", std::string("Police arrested 9 people.\0\x01\x02", 28));
    fs::path utf16 = dir.write("c_utf16.txt", std::string("\xFF\xFEP\0o\0l\0", 8));
    // A NUL after the first 8 KB is not looked for: the file is read as text.
    fs::path late_nul = dir.write("d_late.txt", std::string(9000, ' ') + "Police arrested 5 men." + std::string(1, '\0'));
    ExtractResult result = extract_files(std::vector<fs::path>{good, binary, utf16, late_nul}, 2);
    REQUIRE(result.skipped.size() == 2);
    CHECK(result.skipped[0].path == binary);
    CHECK(result.skipped[0].reason == "binary file, not text");
    CHECK(result.skipped[1].path == utf16);
    CHECK(result.skipped[1].reason.find("UTF-16") != std::string::npos);
    REQUIRE(result.table.size() == 2);
    CHECK(result.table.doc(0) == "a_good");
    CHECK(result.table.doc(1) == "d_late");
}
