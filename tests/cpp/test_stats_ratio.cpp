// Ratios of stated figures and the kind of bound their qualifiers make them. Expected values
// are ../shared/corpus/expected/statistics.json ("ratios", 6 decimals) and plain division
// (Python: 141 / 76 == 1.855263157894737).
#include <catch2/catch.hpp>
#include <cmath>
#include <limits>
#include <stdexcept>

#include "optally/stats/ratio.hpp"

using namespace optally;
using namespace optally::stats;
using Catch::Matchers::WithinAbs;

namespace {
constexpr double inf = std::numeric_limits<double>::infinity();
}

TEST_CASE("the seed operations' ratios and their bounds", "[stats][ratio]") {
    SECTION("Tharsley: more than 141 search warrants over 76 arrests is a lower bound") {
        const RatioEstimate r = ratio({141, Qualifier::more_than}, {76, Qualifier::exact});
        REQUIRE(r.defined);
        CHECK_THAT(r.value, WithinAbs(1.855263, 5e-7));
        CHECK(r.value == 141.0 / 76.0);
        CHECK(r.bound == BoundKind::lower);
        CHECK(to_string(r.bound) == "lower");
        CHECK(r.interval.lower == r.value);
        CHECK_FALSE(r.interval.lower_inclusive);  // "more than": 141/76 itself is excluded
        CHECK(r.interval.upper == inf);
        CHECK_FALSE(r.interval.approximate);
    }
    SECTION("Tharsley: 80 children safeguarded over 76 arrests is exact") {
        const RatioEstimate r = ratio({80, Qualifier::exact}, {76, Qualifier::exact});
        CHECK_THAT(r.value, WithinAbs(1.052632, 5e-7));
        CHECK(r.bound == BoundKind::exact);
        CHECK(r.interval.is_point());
        CHECK(r.reason.empty());
    }
    SECTION("Notarise: 431 children safeguarded over 660 arrests is exact") {
        const RatioEstimate r = ratio({431}, {660});
        CHECK_THAT(r.value, WithinAbs(0.653030, 5e-7));
        CHECK(r.bound == BoundKind::exact);
    }
}

TEST_CASE("qualifiers decide the kind of bound", "[stats][ratio]") {
    SECTION("a denominator stated as a minimum makes the ratio a maximum") {
        const RatioEstimate r = ratio({141}, {76, Qualifier::at_least});
        CHECK(r.bound == BoundKind::upper);
        CHECK(r.interval.upper == r.value);
        CHECK(r.interval.upper_inclusive);
        CHECK(r.interval.lower == 0.0);
        CHECK_FALSE(r.interval.lower_inclusive);
    }
    SECTION("up to N over an exact figure is an upper bound") {
        const RatioEstimate r = ratio({12, Qualifier::up_to}, {4});
        CHECK(r.bound == BoundKind::upper);
        CHECK(r.value == 3.0);
        CHECK(r.interval.lower == 0.0);
        CHECK(r.interval.lower_inclusive);
    }
    SECTION("at least over up to is a lower bound") {
        const RatioEstimate r = ratio({10, Qualifier::at_least}, {5, Qualifier::up_to});
        CHECK(r.bound == BoundKind::lower);
        CHECK(r.value == 2.0);
        CHECK(r.interval.lower_inclusive);
        CHECK(r.interval.upper == inf);  // the denominator may be 0
    }
    SECTION("about makes a point approximate") {
        const RatioEstimate r = ratio({80, Qualifier::about}, {76});
        CHECK(r.bound == BoundKind::approximate);
        CHECK(r.interval.approximate);
        CHECK(r.interval.lower == r.interval.upper);
    }
    SECTION("about with a one-sided bound keeps the side and flags the softness") {
        const RatioEstimate r = ratio({80, Qualifier::about}, {76, Qualifier::more_than});
        CHECK(r.bound == BoundKind::upper);
        CHECK(r.interval.approximate);
    }
    SECTION("two minimums say nothing about where the ratio lies") {
        const RatioEstimate r = ratio({141, Qualifier::more_than}, {76, Qualifier::more_than});
        CHECK(r.bound == BoundKind::unknown);
        CHECK(r.interval.lower == 0.0);
        CHECK(r.interval.upper == inf);
    }
    SECTION("fewer than over fewer than is unknown too") {
        CHECK(ratio({10, Qualifier::fewer_than}, {5, Qualifier::fewer_than}).bound == BoundKind::unknown);
    }
    SECTION("nothing over anything is exactly nothing") {
        const RatioEstimate r = ratio({0}, {76, Qualifier::more_than});
        CHECK(r.value == 0.0);
        CHECK(r.bound == BoundKind::exact);
    }
}

TEST_CASE("a zero denominator is undefined, not infinite", "[stats][ratio]") {
    const RatioEstimate r = ratio({5}, {0});
    CHECK_FALSE(r.defined);
    CHECK(std::isnan(r.value));
    CHECK_FALSE(r.reason.empty());
    CHECK(r.bound == BoundKind::unknown);
    CHECK_FALSE(ratio({0}, {0, Qualifier::about}).defined);
}

TEST_CASE("ratios refuse impossible figures", "[stats][ratio]") {
    CHECK_THROWS_AS(ratio({-1}, {5}), std::invalid_argument);
    CHECK_THROWS_AS(ratio({1}, {-5}), std::invalid_argument);
    CHECK_THROWS_AS(ratio({inf}, {5}), std::invalid_argument);
    CHECK_THROWS_AS(ratio({std::nan("")}, {5}), std::invalid_argument);
}

TEST_CASE("bound kind names round-trip", "[stats][ratio]") {
    for (BoundKind kind : {BoundKind::exact, BoundKind::lower, BoundKind::upper, BoundKind::approximate,
                           BoundKind::unknown})
        CHECK(parse_bound_kind(to_string(kind)) == kind);
    CHECK_FALSE(parse_bound_kind("Lower").has_value());
}
