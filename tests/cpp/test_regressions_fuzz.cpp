// Inputs that once crashed or broke the extractor or the fact readers, found by the
// libFuzzer harnesses in tests/fuzz (or the bad-input battery), kept so they stay fixed.
// Each embeds the input exactly; over-reads are caught in every build, sanitizers or not,
// by placing the input against an unreadable page.

#include <sys/mman.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <cmath>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "optally/extract/extractor.hpp"
#include "optally/extract/numbers.hpp"
#include "optally/extract/text.hpp"
#include "optally/extract/tokenizer.hpp"
#include "optally/facts/errors.hpp"
#include "optally/facts/fact_table.hpp"

using namespace optally;

namespace {

// Bytes that end exactly where an inaccessible page begins: reading one byte past the end
// is a segmentation fault, not a silent read of whatever follows in the heap.
class GuardedBytes {
public:
    explicit GuardedBytes(std::string_view bytes) {
        page_ = static_cast<std::size_t>(sysconf(_SC_PAGESIZE));
        pages_ = (bytes.size() + page_ - 1) / page_ + 1;
        void* map = mmap(nullptr, pages_ * page_, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
        REQUIRE(map != MAP_FAILED);
        base_ = static_cast<char*>(map);
        REQUIRE(mprotect(base_ + (pages_ - 1) * page_, page_, PROT_NONE) == 0);
        data_ = base_ + (pages_ - 1) * page_ - bytes.size();
        std::memcpy(data_, bytes.data(), bytes.size());
        size_ = bytes.size();
    }
    ~GuardedBytes() { munmap(base_, pages_ * page_); }
    GuardedBytes(const GuardedBytes&) = delete;
    GuardedBytes& operator=(const GuardedBytes&) = delete;

    std::string_view view() const { return {data_, size_}; }

private:
    std::size_t page_ = 0, pages_ = 0, size_ = 0;
    char* base_ = nullptr;
    char* data_ = nullptr;
};

std::string repeat(std::string_view piece, int times) {
    std::string out;
    for (int i = 0; i < times; ++i) out += piece;
    return out;
}

void check_facts_are_valid(const std::vector<Fact>& facts, std::size_t input_size) {
    FactTable table;
    for (const Fact& f : facts) {
        INFO(f.metric << " " << f.value);
        CHECK(std::isfinite(f.value));
        CHECK(f.value >= 0);
        CHECK(f.start <= f.end);
        CHECK(f.end <= input_size);
        CHECK_NOTHROW(table.append(f));
    }
}

}  // namespace

// fuzz_numbers, crash-e8ea837a: a byte >= 0x80 that cannot start a UTF-8 sequence (here a
// continuation byte) as the last byte of the input. classify() took it for a one-byte
// sequence and then read the byte after it (tokenizer.cpp, "auto c1 = s[p + 1]").
TEST_CASE("a stray UTF-8 continuation byte at the end of the input is not read past", "[regression][extract]") {
    for (std::string_view bytes : {std::string_view("\xd4\xd1\x3a\x92", 4), std::string_view("\x80", 1),
                                   std::string_view("Police arrested 12 men \xbf", 24)}) {
        GuardedBytes guarded(bytes);
        extract::TokenizedText t = extract::tokenize(guarded.view());
        CHECK(t.tokens.size() >= 1);
        (void)extract::parse_number(guarded.view());
        (void)extract::extract_text(guarded.view(), "guarded");
    }
}

// fuzz_numbers: number words multiply without bound ("one hundred hundred hundred ..."), so
// about 155 of them give infinity; FactTable::append rejects the fact and extract_files let
// that InputError ("<fact>: value is not a finite number", no file named) end the whole run.
TEST_CASE("number words never add up to infinity", "[regression][extract]") {
    const std::string figure = "one" + repeat(" hundred", 200);
    auto value = extract::parse_number(figure);
    CHECK((!value || std::isfinite(*value)));
    const std::string text = "Police arrested " + figure + " men.";
    check_facts_are_valid(extract::extract_text(text, "hundreds"), text.size());
}

TEST_CASE("one article with an absurd figure does not end a run of many", "[regression][extract]") {
    auto dir = std::filesystem::temp_directory_path() / ("optally_regression_" + std::to_string(getpid()));
    std::filesystem::create_directories(dir);
    std::ofstream(dir / "good.txt") << "Detectives arrested 27 people and executed 31 search warrants.\n";
    std::ofstream(dir / "absurd.txt") << "Police arrested one" << repeat(" hundred", 200) << " men.\n";
    std::vector<std::filesystem::path> files = {dir / "good.txt", dir / "absurd.txt"};
    extract::ExtractResult result;
    bool threw = false;
    try {
        result = extract::extract_files(files, 1);
    } catch (const InputError&) {
        threw = true;
    }
    std::filesystem::remove_all(dir);
    REQUIRE_FALSE(threw);
    CHECK(result.table.size() >= 2);
}

// fuzz_extract: a figure of ten or more digits where a date may stand ("Published 16 June
// 77777777777") overflowed the int that digits_at() accumulates in (dates.cpp), undefined
// behaviour that UBSan reports (under `make test-sanitize` it aborts the test binary).
TEST_CASE("a long figure where a date may stand is not read as one", "[regression][extract]") {
    for (const char* text : {"Published 16 June 77777777777\nPolice arrested 12 men.\n",
                             "Published 16/06/77777777777\nPolice arrested 12 men.\n",
                             "December 16, 77777777777\nPolice arrested 12 men.\n"}) {
        INFO(text);
        auto facts = extract::extract_text(text, "dates");
        REQUIRE(facts.size() == 1);
        CHECK(facts[0].date.empty());
    }
}

// fuzz_extract, crash-060f3454 (minimised, then rewritten as prose): keeping names changed
// which facts were kept, not only their evidence. Surnames seen in full were learned only
// when names were masked, and drop_restatements() tells offenders apart by those names; with
// keep_names the repeated surname was not recognised, the sentence read as unnamed, and
// Craig Mossop's own sentence was dropped as a restatement of it. `--keep-names` must not
// change the figures.
TEST_CASE("keeping names changes the evidence only", "[regression][extract]") {
    const std::string text =
        "Andrew Hebblethwaite, of Leeds, was sentenced on Friday. Hebblethwaite received 3 years in prison. "
        "Craig Mossop was also jailed for 3 years.";
    extract::ExtractOptions keep;
    keep.keep_names = true;
    std::vector<Fact> masked = extract::extract_text(text, "court");
    std::vector<Fact> kept = extract::extract_text(text, "court", extract::Lexicon::standard(), keep);
    REQUIRE(masked.size() == 2);
    REQUIRE(kept.size() == masked.size());
    for (std::size_t i = 0; i < kept.size(); ++i) {
        masked[i].evidence.clear();
        kept[i].evidence.clear();
        CHECK(masked[i] == kept[i]);
    }
}
