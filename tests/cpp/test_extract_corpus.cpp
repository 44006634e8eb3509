// The extractor over whole corpora, scored with the matching rule of
// ../shared/eval/score_facts.py re-implemented here: the seed articles with their gold,
// and this project's own test articles (tests/data/extract) with theirs. Also the
// multi-file driver and the lexicon's data files.

#include <catch2/catch.hpp>
#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>
#include <tuple>

#include "optally/extract/extractor.hpp"
#include "optally/facts/data_dir.hpp"
#include "optally/facts/errors.hpp"

using namespace optally;
using namespace optally::extract;
namespace fs = std::filesystem;

namespace {

// (metric, value on a common scale, scope without noise words), as the scorer keys facts.
using Key = std::tuple<std::string, double, std::string>;

double canon_value(const std::string& metric, double value, const std::string& unit) {
    static const std::map<std::string, double> days = {{"hours", 1.0 / 24}, {"days", 1}, {"weeks", 7},
                                                       {"months", 30.4375}, {"years", 365.25}};
    double v = value;
    if (metric == "duration") v = value * days.at(unit);
    if (metric == "sentence") v = value * days.at(unit.empty() ? "years" : unit) / 365.25;
    return std::round(v * 1000) / 1000;
}

std::string canon_scope(const std::string& scope) {
    static const std::set<std::string> noise = {"police", "constabulary", "force", "forces", "the", "of", "area", "service"};
    std::string out, word;
    auto flush = [&] {
        if (!word.empty() && !noise.count(word)) out += (out.empty() ? "" : " ") + word;
        word.clear();
    };
    for (char c : scope.empty() ? std::string("total") : scope) {
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c + 32);
        if (c >= 'a' && c <= 'z') word += c;
        else flush();
    }
    flush();
    return out.empty() ? "total" : out;
}

struct Score {
    int tp = 0, fp = 0, fn = 0, qualifier_ok = 0;
    std::vector<std::string> errors;
    double f1() const {
        double p = tp + fp ? double(tp) / (tp + fp) : 1, r = tp + fn ? double(tp) / (tp + fn) : 1;
        return p + r ? 2 * p * r / (p + r) : 0;
    }
};

struct GoldFact {
    std::string metric;
    double value;
    std::string unit, qualifier;
    std::vector<std::string> scopes;
    bool optional;
    bool matches(const Key& k) const {
        for (const auto& s : scopes)
            if (Key{metric, canon_value(metric, value, unit), canon_scope(s)} == k) return true;
        return false;
    }
};

void score_document(const std::vector<Fact>& predicted, std::vector<GoldFact> gold, const std::string& doc, Score& score) {
    std::vector<GoldFact> required, optional;
    for (auto& g : gold) (g.optional ? optional : required).push_back(g);
    std::set<Key> seen;
    for (const Fact& f : predicted) {
        Key k{f.metric, canon_value(f.metric, f.value, std::string(to_string(f.unit))), canon_scope(f.scope)};
        if (f.metric != "sentence" && !seen.insert(k).second) continue;
        auto hit = std::find_if(required.begin(), required.end(), [&](const GoldFact& g) { return g.matches(k); });
        if (hit != required.end()) {
            ++score.tp;
            score.qualifier_ok += std::string(to_string(f.qualifier)) == hit->qualifier;
            required.erase(hit);
            continue;
        }
        auto opt = std::find_if(optional.begin(), optional.end(), [&](const GoldFact& g) { return g.matches(k); });
        if (opt != optional.end()) {
            optional.erase(opt);
            continue;
        }
        ++score.fp;
        score.errors.push_back(doc + ": extra " + f.metric + " " + std::to_string(f.value) + " " + f.scope);
    }
    for (const auto& g : required) {
        ++score.fn;
        score.errors.push_back(doc + ": missed " + g.metric + " " + std::to_string(g.value));
    }
}

std::vector<GoldFact> read_gold(const fs::path& file) {
    std::ifstream in(file);
    auto doc = nlohmann::json::parse(in);
    std::vector<GoldFact> gold;
    for (const auto& f : doc.at("facts")) {
        GoldFact g;
        g.metric = f.at("metric").get<std::string>();
        g.value = f.at("value").get<double>();
        g.unit = f.value("unit", nlohmann::json()).is_string() ? f.at("unit").get<std::string>() : "";
        g.qualifier = f.value("qualifier", std::string("exact"));
        const auto& scope = f.value("scope", nlohmann::json("total"));
        if (scope.is_array())
            for (const auto& s : scope) g.scopes.push_back(s.get<std::string>());
        else
            g.scopes.push_back(scope.is_string() ? scope.get<std::string>() : "total");
        g.optional = f.value("optional", false);
        gold.push_back(g);
    }
    return gold;
}

Score score_corpus(const fs::path& texts, const fs::path& gold_dir) {
    Score score;
    for (const auto& entry : fs::directory_iterator(gold_dir)) {
        if (entry.path().extension() != ".json") continue;
        std::string doc = entry.path().stem().string();
        fs::path text;
        for (const char* ext : {".txt", ".html", ".htm"})
            if (fs::exists(texts / (doc + ext))) text = texts / (doc + ext);
        REQUIRE_FALSE(text.empty());
        std::ifstream in(text, std::ios::binary);
        std::stringstream bytes;
        bytes << in.rdbuf();
        score_document(extract_text(bytes.str(), doc), read_gold(entry.path()), doc, score);
    }
    return score;
}

const fs::path shared_dir = OPTALLY_SHARED_DIR;
const fs::path own_dir = fs::path(OPTALLY_TEST_DATA_DIR) / "extract";

// A batch of the project's own articles (with gold in its gold/ folder) scores at least
// `floor`, with at least `facts` facts found and qualifiers right on 95% of them.
void check_batch(const fs::path& dir, double floor, int facts) {
    Score score = score_corpus(dir, dir / "gold");
    for (const auto& e : score.errors) UNSCOPED_INFO(e);
    INFO(dir << ": tp " << score.tp << " fp " << score.fp << " fn " << score.fn);
    CHECK(score.tp > facts);
    CHECK(score.f1() >= floor);
    CHECK(score.qualifier_ok >= 0.95 * score.tp);
}

}  // namespace

TEST_CASE("the seed corpus scores F1 of at least 0.95", "[extract][corpus]") {
    REQUIRE(fs::exists(shared_dir / "corpus" / "gold"));  // ../shared sits beside the repository
    Score score = score_corpus(shared_dir / "corpus" / "seeds", shared_dir / "corpus" / "gold");
    for (const auto& e : score.errors) UNSCOPED_INFO(e);
    INFO("tp " << score.tp << " fp " << score.fp << " fn " << score.fn);
    CHECK(score.f1() >= 0.95);
    CHECK(score.qualifier_ok >= 0.95 * score.tp);
}

TEST_CASE("the project's own articles score F1 of at least 0.9", "[extract][corpus]") {
    for (const fs::path& dir : {own_dir, own_dir / "blind"}) check_batch(dir, 0.9, 10);
}

// The third to seventh batches scored F1 0.710, 0.827, 0.791, 0.735 and 0.871 on their first
// pass (each written, with gold, before the extractor was run on it); the general fixes they
// prompted brought them to 0.97, 0.99, 0.96, 0.95 and 0.93. This floor keeps those fixes.
TEST_CASE("the third to seventh batches of the project's articles score F1 of at least 0.9", "[extract][corpus]") {
    for (const char* batch : {"blind3", "blind4", "blind5", "blind6", "blind7"}) check_batch(own_dir / batch, 0.9, 50);
}

// The eighth to fourteenth batches, each written after the fixes the ones before prompted,
// scored 0.893, 0.857, 0.835, 0.870, 0.857, 0.813 and 0.948 on their first pass: the estimate
// for articles the extractor has never seen. The general fixes the first six prompted brought
// them to 0.99, 0.98, 0.96, 0.95, 0.91 and 0.97; the fourteenth is as it was first scored.
TEST_CASE("the eighth to fourteenth batches of the project's articles score F1 of at least 0.9", "[extract][corpus]") {
    for (const char* batch : {"blind8", "blind9", "blind10", "blind11", "blind12", "blind13", "blind14"})
        check_batch(own_dir / batch, 0.9, 50);
}

// The fifteenth to eighteenth batches (an Ontario task force, a CBI wire, Dutch unit lines,
// a Spanish HTML table, Markdown, province sections in capitals, spaced thousands; the
// eighteenth in the seeds' mainstream styles) scored 0.742, 0.900, 0.725 and 0.853 on their
// first pass; the general fixes they prompted brought them to 0.952, 0.995, 0.928 and 0.954.
TEST_CASE("the fifteenth to eighteenth batches of the project's articles score F1 of at least 0.9", "[extract][corpus]") {
    for (const char* batch : {"blind15", "blind16", "blind17", "blind18"}) check_batch(own_dir / batch, 0.9, 50);
}

TEST_CASE("many files on many threads give the serial result", "[extract][files]") {
    std::vector<fs::path> files;
    for (const auto& entry : fs::directory_iterator(own_dir))
        if (entry.is_regular_file()) files.push_back(entry.path());
    std::sort(files.begin(), files.end());
    files.push_back(own_dir / "no-such-article.txt");
    std::size_t calls = 0, last_done = 0;
    auto serial = extract_files(files, 1);
    auto parallel = extract_files(files, 4, Lexicon::standard(), {}, [&](std::size_t done, std::size_t total) {
        ++calls;
        last_done = std::max(last_done, done);
        CHECK(total == files.size());
    });
    CHECK(calls == files.size());
    CHECK(last_done == files.size());
    REQUIRE(serial.table.size() > 20);
    CHECK(serial.table.rows() == parallel.table.rows());
    REQUIRE(serial.skipped.size() == 1);
    CHECK(serial.skipped[0].path.filename() == "no-such-article.txt");
    CHECK_FALSE(serial.skipped[0].reason.empty());
    // Documents come in the order of the input, named by file stem.
    CHECK(serial.table.doc(0) == files.front().stem().string());
}

TEST_CASE("the lexicon reads, extends and rejects data files", "[extract][lexicon]") {
    const Lexicon& standard = Lexicon::standard();
    CHECK(standard.place("Lincolnshire")->kind == PlaceKind::force);
    CHECK(standard.place("the UK")->kind == PlaceKind::country);
    CHECK(standard.place("States of Jersey")->name == "Jersey");
    CHECK(standard.agency("Child Exploitation and Online Protection Centre") == "CEOP");
    CHECK(standard.agency("Homeland Security Investigations") == "HSI");
    CHECK(standard.number_word("sixty") == 60);
    int forces = 0;
    for (const char* force : {"Avon and Somerset", "Bedfordshire", "Cambridgeshire", "Cheshire", "City of London", "Cleveland",
                              "Cumbria", "Derbyshire", "Devon and Cornwall", "Dorset", "Durham", "Dyfed-Powys", "Essex",
                              "Gloucestershire", "Greater Manchester", "Gwent", "Hampshire", "Hertfordshire", "Humberside",
                              "Kent", "Lancashire", "Leicestershire", "Lincolnshire", "Merseyside", "Metropolitan Police",
                              "Norfolk", "Northamptonshire", "Northumbria", "North Wales", "North Yorkshire",
                              "Nottinghamshire", "South Wales", "South Yorkshire", "Staffordshire", "Suffolk", "Surrey",
                              "Sussex", "Thames Valley", "Warwickshire", "West Mercia", "West Midlands", "West Yorkshire",
                              "Wiltshire"})
        forces += standard.place(force).has_value();
    CHECK(forces == 43);

    fs::path dir = fs::temp_directory_path() / "optally-lexicon-test";
    fs::create_directories(dir);
    {
        std::ofstream(dir / "extra.json") << R"({"scope": {"prepositions": ["up in"]}, "forces": [{"name": "Atlantis"}],
            "metrics": {"arrests": {"verbs": ["scooped up"]}}})";
        std::ofstream(dir / "bad.json") << R"({"qualifiers": {"roughly_maybe": ["kinda"]}})";
        std::ofstream(dir / "broken.json") << "{not json";
    }
    std::vector<fs::path> extra{dir / "extra.json"};
    Lexicon extended = Lexicon::load(optally::data_dir(), extra);
    CHECK(extended.place("Atlantis").has_value());
    CHECK_FALSE(standard.place("Atlantis").has_value());
    auto facts = extract_text("A nationwide operation led to 200 arrests. Officers scooped up 12 suspects up in Atlantis.",
                              "x", extended);
    REQUIRE(facts.size() == 2);
    CHECK(facts[1].metric == "arrests");
    CHECK(facts[1].scope == "Atlantis");

    Lexicon merged = Lexicon::standard();
    merged.merge(Lexicon::load(optally::data_dir(), extra));
    CHECK(merged.place("Atlantis").has_value());

    try {
        std::vector<fs::path> bad{dir / "bad.json"};
        Lexicon::load(optally::data_dir(), bad);
        FAIL("no error");
    } catch (const InputError& e) {
        CHECK(e.file() == (dir / "bad.json").string());
        CHECK(std::string(e.what()).find("roughly_maybe") != std::string::npos);
    }
    std::vector<fs::path> broken{dir / "broken.json"};
    CHECK_THROWS_AS(Lexicon::load(optally::data_dir(), broken), InputError);
    std::vector<fs::path> missing{dir / "missing.json"};
    CHECK_THROWS_AS(Lexicon::load(optally::data_dir(), missing), InputError);
    fs::remove_all(dir);
}
