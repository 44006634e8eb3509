// The mergeable Summary and RatioSummary: bit-for-bit agreement between one pass and any
// merge of parts, the plain describe() as the slow reference, and a strict binary format.
#include <algorithm>
#include <catch2/catch.hpp>
#include <cmath>
#include <cstdint>
#include <limits>
#include <nlohmann/json.hpp>
#include <random>
#include <stdexcept>
#include <vector>

#include "optally/stats/summary.hpp"

using namespace optally;
using namespace optally::stats;

namespace {

// Figures shaped like the corpus: small counts that repeat, a few large ones, half-years.
std::vector<double> corpus_like_values(std::mt19937_64& rng, std::size_t n) {
    std::vector<double> out;
    std::discrete_distribution<int> shape{6, 3, 1};
    std::uniform_int_distribution<int> small(0, 40), large(100, 5000), halves(1, 30);
    for (std::size_t i = 0; i < n; ++i) {
        switch (shape(rng)) {
            case 0: out.push_back(small(rng)); break;
            case 1: out.push_back(halves(rng) * 0.5); break;
            default: out.push_back(large(rng) + 0.1 * small(rng)); break;
        }
    }
    return out;
}

// Every statistic, compared with == (doubles to the bit; NaN only where both are NaN).
void require_same_statistics(const Summary& a, const Summary& b) {
    REQUIRE(a.count() == b.count());
    REQUIRE(a.sum() == b.sum());
    REQUIRE(a.mean() == b.mean());
    REQUIRE(a.min() == b.min());
    REQUIRE(a.max() == b.max());
    REQUIRE(a.median() == b.median());
    if (a.count() >= 2) REQUIRE(a.stddev() == b.stddev());
    for (double q : {0.0, 0.05, 0.1, 0.25, 0.33, 0.5, 0.75, 0.9, 0.99, 1.0}) REQUIRE(a.quantile(q) == b.quantile(q));
    REQUIRE(a == b);
    REQUIRE(a.serialize() == b.serialize());
}

std::vector<std::uint8_t> le64(std::uint64_t v) {
    std::vector<std::uint8_t> out;
    for (int i = 0; i < 8; ++i) out.push_back(static_cast<std::uint8_t>(v >> (8 * i)));
    return out;
}

// The Lexus sentences (3.5, 5, 3, 3 years) as format version 1 lays them out, written by
// hand from the layout in summary.hpp rather than by the serializer under test.
std::vector<std::uint8_t> lexus_fixture_v1() {
    std::vector<std::uint8_t> bytes{'O', 'T', 'S', 'M', 1, 1, 5 /* Unit::years */, 0};
    const auto append = [&bytes](const std::vector<std::uint8_t>& more) {
        bytes.insert(bytes.end(), more.begin(), more.end());
    };
    append(le64(4));                     // count
    append(le64(3));                     // distinct entries
    append(le64(0x4008000000000000ULL));  // 3.0
    append(le64(2));
    append(le64(0x400C000000000000ULL));  // 3.5
    append(le64(1));
    append(le64(0x4014000000000000ULL));  // 5.0
    append(le64(1));
    return bytes;
}

}  // namespace

TEST_CASE("a Summary answers like describe(), to the bit", "[stats][summary][reference]") {
    std::mt19937_64 rng(11);
    for (std::size_t n : {1u, 2u, 3u, 10u, 257u, 5000u}) {
        const std::vector<double> values = corpus_like_values(rng, n);
        const Summary summary(values);
        const Description direct = describe(values);
        const Description from_summary = summary.describe();
        INFO("n = " << n);
        CHECK(from_summary.count == direct.count);
        CHECK(from_summary.sum == direct.sum);
        CHECK(from_summary.mean == direct.mean);
        CHECK(from_summary.median == direct.median);
        CHECK(from_summary.min == direct.min);
        CHECK(from_summary.max == direct.max);
        if (n >= 2) CHECK(from_summary.stddev == direct.stddev);
        for (double q : {0.0, 0.1, 0.5, 0.77, 1.0}) CHECK(summary.quantile(q) == quantile(values, q));
    }
}

TEST_CASE("Summary statistics match numpy", "[stats][summary]") {
    // numpy 2.4.6 on d = [12, 7, 7, 3, 141, 76, 80, 7, 12, 0, 2.5, 660, 39, 127, 431, 3]:
    // mean 100.46875, std(ddof=1) 184.3951796866357, median 12.0, quantile 0.99 625.6499999999999
    const std::vector<double> figures{12, 7, 7, 3, 141, 76, 80, 7, 12, 0, 2.5, 660, 39, 127, 431, 3};
    const Summary s(figures);
    CHECK(s.count() == 16);
    CHECK(s.distinct() == 12);
    CHECK(s.mean() == 100.46875);
    CHECK_THAT(s.stddev(), Catch::Matchers::WithinRel(184.3951796866357, 1e-15));
    CHECK(s.median() == 12.0);
    CHECK(s.quantile(0.99) == 625.6499999999999);
    CHECK(s.min() == 0.0);
    CHECK(s.max() == 660.0);
}

TEST_CASE("merging any split in any order equals one pass, bit for bit", "[stats][summary]") {
    std::mt19937_64 rng(2024);
    for (int trial = 0; trial < 40; ++trial) {
        const std::vector<double> values = corpus_like_values(rng, 1 + rng() % 600);
        const Summary one_pass(values);

        // Random cut points, then the parts merged in a random order through a random tree.
        std::vector<double> shuffled = values;
        std::shuffle(shuffled.begin(), shuffled.end(), rng);
        const std::size_t parts = 1 + rng() % 12;
        std::vector<Summary> pieces;
        std::size_t begin = 0;
        for (std::size_t p = 0; p < parts; ++p) {
            const std::size_t end = p + 1 == parts ? shuffled.size() : begin + rng() % (shuffled.size() - begin + 1);
            Summary piece;
            if (rng() % 2)
                piece.add(std::span<const double>(shuffled).subspan(begin, end - begin));
            else
                for (std::size_t i = begin; i < end; ++i) piece.add(shuffled[i]);
            pieces.push_back(std::move(piece));
            begin = end;
        }
        while (pieces.size() > 1) {
            std::shuffle(pieces.begin(), pieces.end(), rng);
            Summary last = std::move(pieces.back());
            pieces.pop_back();
            pieces.back().merge(last);
        }
        INFO("trial " << trial << ", " << values.size() << " values in " << parts << " parts");
        require_same_statistics(one_pass, pieces.front());
    }
    SECTION("merging with an empty summary changes nothing") {
        std::vector<double> values{3, 4, 4, 10};
        Summary s(values);
        const Summary before = s;
        s.merge(Summary());
        require_same_statistics(before, s);
    }
    SECTION("merging a summary into itself doubles every value") {
        std::vector<double> values{3, 4, 10};
        Summary s(values);
        s.merge(s);
        std::vector<double> doubled{3, 4, 10, 3, 4, 10};
        require_same_statistics(Summary(doubled), s);
    }
    SECTION("zero and negative zero are one value") {
        Summary a, b;
        a.add(0.0);
        a.add(-0.0);
        b.add(-0.0);
        b.add(0.0);
        REQUIRE(a.serialize() == b.serialize());
        REQUIRE_FALSE(std::signbit(a.min()));
    }
}

TEST_CASE("Summary rejects what it cannot hold", "[stats][summary]") {
    Summary s;
    CHECK_THROWS_AS(s.add(std::nan("")), std::invalid_argument);
    CHECK_THROWS_AS(s.add(std::numeric_limits<double>::infinity()), std::invalid_argument);
    CHECK_THROWS_AS(s.add(1e300), std::invalid_argument);
    const std::vector<double> one_bad{1.0, 2.0, std::nan("")};
    CHECK_THROWS_AS(s.add(one_bad), std::invalid_argument);
    CHECK(s.empty());  // the good values before the bad one were not added
    CHECK_THROWS_AS(s.quantile(2.0), std::invalid_argument);
    CHECK(std::isnan(s.mean()));
    CHECK(std::isnan(s.median()));
    CHECK(s.sum() == 0.0);
    SECTION("merging summaries of different units throws") {
        Summary years(Unit::years), days(Unit::days);
        years.add(3.5);
        days.add(42.0);
        CHECK_THROWS_AS(years.merge(days), std::invalid_argument);
        CHECK(years.count() == 1);
    }
}

TEST_CASE("Summary serialisation", "[stats][summary][serialize]") {
    std::mt19937_64 rng(5);
    const std::vector<double> values = corpus_like_values(rng, 300);
    const Summary original(values, Unit::days);

    SECTION("bytes round-trip") {
        const std::vector<std::uint8_t> bytes = original.serialize();
        CHECK(bytes.size() == 24 + 16 * original.distinct());
        const Summary copy = Summary::deserialize(bytes);
        require_same_statistics(original, copy);
        CHECK(copy.unit() == Unit::days);
        CHECK(serialized_kind(bytes) == SummaryKind::summary);
    }
    SECTION("JSON round-trip, also through text") {
        const nlohmann::json json = original.to_json();
        CHECK(json.at("kind") == "summary");
        CHECK(json.at("unit") == "days");
        require_same_statistics(original, Summary::from_json(json));
        require_same_statistics(original, Summary::from_json(nlohmann::json::parse(json.dump())));
    }
    SECTION("an empty summary round-trips") {
        const Summary empty(Unit::years);
        CHECK(Summary::deserialize(empty.serialize()) == empty);
        CHECK(Summary::from_json(empty.to_json()) == empty);
    }
    SECTION("the version 1 fixture still reads") {
        const Summary lexus = Summary::deserialize(lexus_fixture_v1());
        CHECK(lexus.unit() == Unit::years);
        CHECK(lexus.count() == 4);
        CHECK(lexus.mean() == 3.625);
        CHECK(lexus.median() == 3.25);
        CHECK(lexus.min() == 3.0);
        CHECK(lexus.max() == 5.0);
        const std::vector<double> sentences{3.5, 5, 3, 3};
        CHECK(lexus.serialize() == lexus_fixture_v1());
        CHECK(Summary(sentences, Unit::years).serialize() == lexus_fixture_v1());
    }
    SECTION("every truncation throws") {
        const std::vector<std::uint8_t> bytes = lexus_fixture_v1();
        for (std::size_t n = 0; n < bytes.size(); ++n) {
            INFO("first " << n << " bytes");
            CHECK_THROWS_AS(Summary::deserialize(std::span(bytes).first(n)), std::invalid_argument);
        }
    }
    SECTION("corrupt headers and entries throw") {
        const auto corrupted = [](std::size_t at, std::uint8_t value) {
            std::vector<std::uint8_t> bytes = lexus_fixture_v1();
            bytes[at] = value;
            return bytes;
        };
        CHECK_THROWS_WITH(Summary::deserialize(corrupted(0, 'X')), Catch::Matchers::Contains("magic"));
        CHECK_THROWS_WITH(Summary::deserialize(corrupted(4, 2)), Catch::Matchers::Contains("version 2"));
        CHECK_THROWS_WITH(Summary::deserialize(corrupted(5, 2)), Catch::Matchers::Contains("ratio_summary"));
        CHECK_THROWS_AS(Summary::deserialize(corrupted(5, 9)), std::invalid_argument);
        CHECK_THROWS_AS(Summary::deserialize(corrupted(6, 77)), std::invalid_argument);  // no such unit
        CHECK_THROWS_AS(Summary::deserialize(corrupted(7, 1)), std::invalid_argument);   // reserved byte
        CHECK_THROWS_AS(Summary::deserialize(corrupted(8, 5)), std::invalid_argument);   // count 5, entries add to 4
        CHECK_THROWS_AS(Summary::deserialize(corrupted(16, 200)), std::invalid_argument);  // 200 entries announced
        CHECK_THROWS_AS(Summary::deserialize(corrupted(32, 0)), std::invalid_argument);  // multiplicity 0
        std::vector<std::uint8_t> negative_zero = lexus_fixture_v1();
        for (std::size_t i = 24; i < 31; ++i) negative_zero[i] = 0;
        negative_zero[31] = 0x80;  // -0.0, which add() would have stored as +0.0
        CHECK_THROWS_WITH(Summary::deserialize(negative_zero), Catch::Matchers::Contains("canonical"));
        // 3.0, 3.5, 3.5: out of order
        std::vector<std::uint8_t> unordered = lexus_fixture_v1();
        std::copy(unordered.begin() + 40, unordered.begin() + 48, unordered.begin() + 56);
        CHECK_THROWS_WITH(Summary::deserialize(unordered), Catch::Matchers::Contains("increasing"));
        std::vector<std::uint8_t> nan_value = lexus_fixture_v1();
        for (std::size_t i = 24; i < 32; ++i) nan_value[i] = 0xFF;
        CHECK_THROWS_WITH(Summary::deserialize(nan_value), Catch::Matchers::Contains("not finite"));
        std::vector<std::uint8_t> trailing = lexus_fixture_v1();
        trailing.push_back(0);
        CHECK_THROWS_WITH(Summary::deserialize(trailing), Catch::Matchers::Contains("trailing"));
    }
    SECTION("corrupt JSON throws invalid_argument") {
        nlohmann::json json = Summary(std::vector<double>{1, 2, 2}).to_json();
        auto broken = json;
        broken["version"] = 2;
        CHECK_THROWS_AS(Summary::from_json(broken), std::invalid_argument);
        broken = json;
        broken["count"] = 4;
        CHECK_THROWS_AS(Summary::from_json(broken), std::invalid_argument);
        broken = json;
        broken["values"] = nlohmann::json::array({{2.0, 2}, {1.0, 1}});
        CHECK_THROWS_AS(Summary::from_json(broken), std::invalid_argument);
        broken = json;
        broken.erase("values");
        CHECK_THROWS_AS(Summary::from_json(broken), std::invalid_argument);
        broken = json;
        broken["unit"] = "fortnights";
        CHECK_THROWS_AS(Summary::from_json(broken), std::invalid_argument);
        CHECK_THROWS_AS(Summary::from_json(nlohmann::json::array()), std::invalid_argument);
        CHECK_THROWS_AS(Summary::from_json(RatioSummary().to_json()), std::invalid_argument);
    }
}

TEST_CASE("RatioSummary pools ratios across operations", "[stats][summary][ratio]") {
    // Tharsley 80 children / 76 arrests and Notarise 431 / 660 (the expected file's figures).
    // Pooled (80 + 431) / (76 + 660) = 511 / 736 = 0.6942934782608695...;
    // mean of ratios (80/76 + 431/660) / 2 = 0.8528309409888357... (Python, fractions).
    RatioSummary r;
    r.add(80, 76);
    r.add(431, 660);
    CHECK(r.count() == 2);
    CHECK(r.numerator_sum() == 511.0);
    CHECK(r.denominator_sum() == 736.0);
    CHECK(r.pooled_ratio() == 511.0 / 736.0);
    CHECK_THAT(r.mean_ratio(), Catch::Matchers::WithinRel(0.8528309409888357, 1e-15));
    CHECK(r.ratios().median() == r.mean_ratio());
    CHECK(r.pairs().size() == 2);

    SECTION("bad pairs") {
        CHECK_THROWS_AS(r.add(1, 0), std::invalid_argument);
        CHECK_THROWS_AS(r.add(1, -2), std::invalid_argument);
        CHECK_THROWS_AS(r.add(std::nan(""), 2), std::invalid_argument);
        CHECK_THROWS_AS(r.add(1e200, 1e-200), std::invalid_argument);
        CHECK(r.count() == 2);
    }
    SECTION("empty") {
        CHECK(std::isnan(RatioSummary().pooled_ratio()));
        CHECK(std::isnan(RatioSummary().mean_ratio()));
    }
}

TEST_CASE("RatioSummary merges and serialises like Summary", "[stats][summary][ratio][serialize]") {
    std::mt19937_64 rng(99);
    std::uniform_int_distribution<int> count(0, 300), positive(1, 300);
    std::vector<std::pair<double, double>> pairs;
    for (int i = 0; i < 500; ++i) pairs.emplace_back(count(rng), positive(rng));
    RatioSummary one_pass;
    for (auto [n, d] : pairs) one_pass.add(n, d);

    std::shuffle(pairs.begin(), pairs.end(), rng);
    std::vector<RatioSummary> parts(7);
    for (auto [n, d] : pairs) parts[rng() % parts.size()].add(n, d);
    std::shuffle(parts.begin(), parts.end(), rng);
    RatioSummary merged;
    for (const auto& part : parts) merged.merge(part);

    REQUIRE(merged == one_pass);
    REQUIRE(merged.pooled_ratio() == one_pass.pooled_ratio());
    REQUIRE(merged.mean_ratio() == one_pass.mean_ratio());
    REQUIRE(merged.serialize() == one_pass.serialize());

    const std::vector<std::uint8_t> bytes = one_pass.serialize();
    CHECK(serialized_kind(bytes) == SummaryKind::ratio_summary);
    CHECK(RatioSummary::deserialize(bytes) == one_pass);
    CHECK(RatioSummary::from_json(nlohmann::json::parse(one_pass.to_json().dump())) == one_pass);

    SECTION("a summary's bytes are not a ratio summary's, nor the reverse") {
        CHECK_THROWS_WITH(Summary::deserialize(bytes), Catch::Matchers::Contains("ratio_summary"));
        CHECK_THROWS_AS(RatioSummary::deserialize(lexus_fixture_v1()), std::invalid_argument);
    }
    SECTION("every truncation throws") {
        RatioSummary small;
        small.add(141, 76);
        small.add(80, 76);
        const std::vector<std::uint8_t> short_bytes = small.serialize();
        for (std::size_t n = 0; n < short_bytes.size(); ++n)
            CHECK_THROWS_AS(RatioSummary::deserialize(std::span(short_bytes).first(n)), std::invalid_argument);
    }
    SECTION("a zero denominator in the bytes is refused") {
        RatioSummary small;
        small.add(3, 4);
        std::vector<std::uint8_t> bytes_small = small.serialize();
        for (std::size_t i = 32; i < 40; ++i) bytes_small[i] = 0;  // the denominator
        CHECK_THROWS_AS(RatioSummary::deserialize(bytes_small), std::invalid_argument);
    }
}
