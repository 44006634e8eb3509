// extract_files on many threads gives the very bytes of a serial run, and shares the
// lexicon, the vocabulary and the progress callback without a data race. Run it under
// ThreadSanitizer (`make test-tsan`, -DOPTALLY_TSAN=ON) for the second half of that claim.

#include <unistd.h>

#include <atomic>
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <random>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "optally/extract/extractor.hpp"
#include "optally/facts/fact_table.hpp"

using namespace optally;
namespace fs = std::filesystem;

namespace {

// Invented press releases in the styles the extractor meets: a UK force, a US attorney's
// office, a court report and an HTML page; figures, names and places vary with the seed.
std::string generated_article(std::mt19937& random, int index) {
    auto pick = [&](std::initializer_list<const char*> options) {
        std::uniform_int_distribution<std::size_t> at(0, options.size() - 1);
        return std::string(*(options.begin() + at(random)));
    };
    auto number = [&](int lo, int hi) { return std::to_string(std::uniform_int_distribution<int>(lo, hi)(random)); };
    std::string operation = pick({"Brackenfold", "Silver Lantern", "Marlcombe", "Copper Heron", "Thistlewood"});
    std::string force = pick({"Wessex Constabulary", "Northmoor Police", "Kent Police", "Essex Police"});
    std::string officer = pick({"Rosalind Featherstonehaugh", "Olwen Tregarthen", "Desmond Achterberg"});
    std::string qualifier = pick({"", "more than ", "about ", "at least ", "up to "});
    std::ostringstream out;
    switch (index % 4) {
        case 0:
            out << "Published " << number(1, 28) << " " << pick({"March", "June", "October"}) << " 20" << number(10, 23)
                << "\nOperation " << operation << ": " << number(5, 90) << " arrested\n\n"
                << "Officers from " << force << " executed " << qualifier << number(5, 150)
                << " search warrants over " << pick({"two", "five", "ten"}) << " days, arresting " << number(5, 90)
                << " people and safeguarding " << number(1, 40) << " children.\n\nDetective Inspector " << officer
                << " said: \"" << number(20, 900) << " devices were seized.\"\n";
            break;
        case 1:
            out << "FOR IMMEDIATE RELEASE\n\nOperation " << operation << " Nets " << number(10, 200)
                << " Arrests\n\nU.S. Attorney " << officer << " announced that a " << pick({"two", "three"})
                << "-week operation involving " << number(3, 60) << " law enforcement agencies led to the arrest of "
                << number(10, 200) << " individuals and the rescue of " << qualifier << number(1, 50) << " children.\n";
            break;
        case 2:
            out << "Leon Hartigan-Voss, " << number(20, 70) << ", of " << pick({"Leeds", "Bristol", "Fresno"})
                << ", was jailed for " << pick({"three", "six", "4\u00bd", "two and a half"})
                << " years after police found " << number(100, 90000) << " indecent images. Hartigan-Voss admitted "
                << number(2, 12) << " offences.\n";
            break;
        default:
            out << "<!doctype html><html><head><title>Raids</title><script>var x = \"99 arrested\";</script></head>"
                << "<body><h1>Police make " << number(5, 90) << " arrests</h1><p>Officers from " << force
                << " arrested " << number(5, 90) << " men &amp; seized " << qualifier << number(20, 400)
                << " devices during Operation " << operation << ".</p><p>Sgt. " << officer << " said "
                << number(10, 100) << " officers took part.</p></body></html>";
            break;
    }
    return out.str();
}

struct ArticleFolder {
    fs::path dir;
    std::vector<fs::path> files;

    explicit ArticleFolder(int count) {
        dir = fs::temp_directory_path() / ("optally_threads_" + std::to_string(getpid()));
        fs::remove_all(dir);
        fs::create_directories(dir);
        std::mt19937 random(20240607);
        for (int i = 0; i < count; ++i) {
            fs::path file = dir / ("article_" + std::to_string(1000 + i) + (i % 4 == 3 ? ".html" : ".txt"));
            std::ofstream(file, std::ios::binary) << generated_article(random, i);
            files.push_back(file);
        }
        // One file that cannot be read: it must be skipped in the same place every time.
        files.insert(files.begin() + count / 2, dir / "missing.txt");
    }
    ~ArticleFolder() { fs::remove_all(dir); }
};

std::string jsonl(const FactTable& table) {
    std::ostringstream out;
    table.write_jsonl(out);
    return out.str();
}

}  // namespace

TEST_CASE("four threads give the bytes of a serial run", "[threads][extract]") {
    ArticleFolder folder(120);
    for (bool keep_names : {false, true}) {
        extract::ExtractOptions options;
        options.keep_names = keep_names;
        const auto& lexicon = extract::Lexicon::standard();
        extract::ExtractResult serial = extract::extract_files(folder.files, 1, lexicon, options);
        REQUIRE(serial.table.size() > 300);
        REQUIRE(serial.skipped.size() == 1);
        const std::string expected = jsonl(serial.table);
        for (unsigned threads : {2u, 4u, 7u}) {
            INFO("threads " << threads << ", keep_names " << keep_names);
            extract::ExtractResult parallel = extract::extract_files(folder.files, threads, lexicon, options);
            CHECK(jsonl(parallel.table) == expected);
            REQUIRE(parallel.skipped.size() == 1);
            CHECK(parallel.skipped[0].path == serial.skipped[0].path);
            CHECK(parallel.skipped[0].reason == serial.skipped[0].reason);
        }
    }
}

TEST_CASE("the progress callback is called once per file, one call at a time", "[threads][extract]") {
    ArticleFolder folder(40);
    std::vector<std::size_t> seen;  // deliberately unguarded: the extractor must serialise calls
    std::atomic<int> inside{0};
    bool overlapped = false, wrong_total = false;  // Catch2 assertions are not for worker threads
    extract::ExtractResult result = extract::extract_files(
        folder.files, 4, extract::Lexicon::standard(), {}, [&](std::size_t done, std::size_t total) {
            if (inside.fetch_add(1) != 0) overlapped = true;
            seen.push_back(done);
            if (total != folder.files.size()) wrong_total = true;
            inside.fetch_sub(1);
        });
    CHECK_FALSE(overlapped);
    CHECK_FALSE(wrong_total);
    REQUIRE(seen.size() == folder.files.size());
    for (std::size_t i = 0; i < seen.size(); ++i) CHECK(seen[i] == i + 1);
    CHECK(result.table.size() > 0);
}

TEST_CASE("extract_text and FactTable may be used from many threads at once", "[threads][extract]") {
    std::mt19937 random(7);
    std::vector<std::string> texts;
    for (int i = 0; i < 16; ++i) texts.push_back(generated_article(random, i));
    std::vector<std::string> serial;
    for (const auto& text : texts) {
        FactTable table;
        for (const Fact& f : extract::extract_text(text, "t")) table.append(f);
        serial.push_back(jsonl(table));
    }
    std::vector<std::string> parallel(texts.size());
    {
        std::vector<std::jthread> pool;
        for (std::size_t w = 0; w < 4; ++w)
            pool.emplace_back([&, w] {
                for (std::size_t i = w; i < texts.size(); i += 4) {
                    FactTable table;
                    for (const Fact& f : extract::extract_text(texts[i], "t")) table.append(f);
                    parallel[i] = jsonl(table);
                }
            });
    }
    CHECK(parallel == serial);
}
