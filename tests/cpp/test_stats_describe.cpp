// Descriptive statistics against numpy.
#include <catch2/catch.hpp>
#include <cmath>
#include <limits>
#include <stdexcept>
#include <vector>

#include "optally/stats/describe.hpp"

using namespace optally::stats;
using Catch::Matchers::WithinRel;

TEST_CASE("Lexus sentences describe as the expected file says", "[stats][describe]") {
    // ../shared/corpus/expected/statistics.json "sentences": count 4, mean 3.625, median 3.25,
    // min 3, max 5; numpy 2.4.6: np.array([3.5, 5, 3, 3]).std(ddof=1) = 0.9464847243000456
    const std::vector<double> years{3.5, 5, 3, 3};
    const Description d = describe(years);
    CHECK(d.count == 4);
    CHECK(d.sum == 14.5);
    CHECK(d.mean == 3.625);
    CHECK(d.median == 3.25);
    CHECK(d.min == 3.0);
    CHECK(d.max == 5.0);
    CHECK_THAT(d.stddev, WithinRel(0.9464847243000456, 1e-15));
}

TEST_CASE("quantiles follow numpy's default linear method", "[stats][describe]") {
    const std::vector<double> figures{12, 7, 7, 3, 141, 76, 80, 7, 12, 0, 2.5, 660, 39, 127, 431, 3};
    SECTION("mean, spread and median") {
        // numpy 2.4.6: d.mean() = 100.46875, d.std(ddof=1) = 184.3951796866357,
        // np.median(d) = 12.0, d.sum() = 1607.5
        const Description d = describe(figures);
        CHECK(d.mean == 100.46875);
        CHECK(d.sum == 1607.5);
        CHECK(d.median == 12.0);
        CHECK_THAT(d.stddev, WithinRel(184.3951796866357, 1e-15));
    }
    SECTION("quantiles") {
        // numpy 2.4.6: np.quantile(d, [0, 0.1, 0.25, 0.33, 0.5, 0.9, 0.95, 0.99, 1])
        const std::vector<std::pair<double, double>> expected{{0.0, 0.0},    {0.1, 2.75},   {0.25, 6.0},
                                                              {0.33, 7.0},   {0.5, 12.0},   {0.9, 286.0},
                                                              {0.95, 488.25}, {0.99, 625.6499999999999},
                                                              {1.0, 660.0}};
        for (auto [q, want] : expected) {
            INFO("q = " << q);
            CHECK(quantile(figures, q) == want);  // same formula as numpy, so the same bits
        }
    }
    SECTION("odd count") {
        // numpy 2.4.6: np.median([5., 1., 4.]) = 4.0; np.quantile([5., 1., 4.], [0.3, 0.75]) = [2.8, 4.5]
        const std::vector<double> odd{5.0, 1.0, 4.0};
        CHECK(median(odd) == 4.0);
        CHECK(quantile(odd, 0.3) == 2.8);
        CHECK(quantile(odd, 0.75) == 4.5);
    }
}

TEST_CASE("spread survives a large mean", "[stats][describe]") {
    // numpy 2.4.6: big = 1e9 + np.array([0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7]);
    // big.mean() = 1000000000.4, big.std(ddof=1) = 0.21602469546525258
    std::vector<double> big;
    for (double offset : {0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7}) big.push_back(1e9 + offset);
    const Description d = describe(big);
    CHECK(d.mean == 1000000000.4);
    CHECK_THAT(d.stddev, WithinRel(0.21602469546525258, 1e-9));
    // The textbook shortcut sqrt((sum x^2 - n mean^2) / (n - 1)) is what this guards against:
    // with x^2 near 1e18 its cancellation leaves no correct digit.
    double squares = 0.0;
    for (double x : big) squares += x * x;
    const double shortcut = std::sqrt(std::fabs(squares - 7.0 * d.mean * d.mean) / 6.0);
    CHECK_FALSE(std::fabs(shortcut - 0.21602469546525258) < 1e-3);
}

TEST_CASE("describe at the edges", "[stats][describe]") {
    SECTION("no values") {
        const Description d = describe({});
        CHECK(d.count == 0);
        CHECK(d.sum == 0.0);
        CHECK(std::isnan(d.mean));
        CHECK(std::isnan(d.median));
        CHECK(std::isnan(d.stddev));
        CHECK(std::isnan(d.min));
        CHECK(std::isnan(quantile({}, 0.5)));
    }
    SECTION("one value has no sample spread") {
        const std::vector<double> one{42.0};
        const Description d = describe(one);
        CHECK(d.mean == 42.0);
        CHECK(d.median == 42.0);
        CHECK(std::isnan(d.stddev));
        CHECK(quantile(one, 0.7) == 42.0);
    }
    SECTION("bad input") {
        const std::vector<double> with_nan{1.0, std::nan("")};
        CHECK_THROWS_AS(describe(with_nan), std::invalid_argument);
        const std::vector<double> ok{1.0, 2.0};
        CHECK_THROWS_AS(quantile(ok, 1.5), std::invalid_argument);
        CHECK_THROWS_AS(quantile(ok, -0.1), std::invalid_argument);
        CHECK_THROWS_AS(quantile(ok, std::nan("")), std::invalid_argument);
    }
}
