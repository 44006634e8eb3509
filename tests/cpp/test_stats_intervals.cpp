// Proportion intervals and the rate ratio against statsmodels; the seed operations' figures
// against ../shared/corpus/expected/statistics.json.
#include <catch2/catch.hpp>
#include <cmath>
#include <limits>
#include <stdexcept>
#include <vector>

#include "optally/stats/intervals.hpp"

using namespace optally::stats;
using Catch::Matchers::WithinAbs;
using Catch::Matchers::WithinRel;

namespace {

struct IntervalCase {
    std::uint64_t k, n;
    double level, lower, upper;
};

// An end of 0 or 1 must come out exactly; anything else to 1e-12 relative (ends near 1 by
// the spacing of the doubles there).
void check_end(double got, double want) {
    if (want == 0.0 || want == 1.0)
        CHECK(got == want);
    else if (want > 0.5)
        CHECK_THAT(got, WithinAbs(want, 1e-12 * (1.0 - want) + 4.5e-16));
    else
        CHECK_THAT(got, WithinRel(want, 1e-12));
}

void check_cases(const std::vector<IntervalCase>& cases, IntervalMethod method) {
    for (const auto& c : cases) {
        INFO(to_string(method) << " k = " << c.k << ", n = " << c.n << ", level = " << c.level);
        const Interval got = proportion_interval(c.k, c.n, c.level, method);
        CHECK(got.level == c.level);
        check_end(got.lower, c.lower);
        check_end(got.upper, c.upper);
    }
}

}  // namespace

TEST_CASE("the seed operations' proportions carry the expected Wilson intervals", "[stats][intervals]") {
    // ../shared/corpus/expected/statistics.json, "proportions" (6 decimals)
    SECTION("Notarise: registered offenders among arrests") {
        const ProportionEstimate share = proportion(39, 660);
        CHECK_THAT(share.value, WithinAbs(0.059091, 5e-7));
        CHECK_THAT(share.interval.lower, WithinAbs(0.043525, 5e-7));
        CHECK_THAT(share.interval.upper, WithinAbs(0.079760, 5e-7));
        CHECK(share.method == IntervalMethod::wilson);
        CHECK(share.successes == 39);
        CHECK(share.trials == 660);
    }
    SECTION("Notarise: children at serious risk among those safeguarded") {
        const ProportionEstimate share = proportion(127, 431, 0.95, IntervalMethod::wilson);
        CHECK_THAT(share.value, WithinAbs(0.294664, 5e-7));
        CHECK_THAT(share.interval.lower, WithinAbs(0.253590, 5e-7));
        CHECK_THAT(share.interval.upper, WithinAbs(0.339365, 5e-7));
    }
    SECTION("Tharsley: arrests made in the West Midlands") {
        // 35 of 76: the expected file states the share without an interval.
        CHECK_THAT(proportion(35, 76).value, WithinAbs(0.460526, 5e-7));
    }
}

TEST_CASE("Wilson intervals match statsmodels", "[stats][intervals]") {
    // statsmodels 0.15.0: proportion_confint(k, n, alpha=1 - level, method='wilson')
    check_cases({{39, 660, 0.95, 0.04352476012116898, 0.07975988523087701},
                 {127, 431, 0.95, 0.2535898422099065, 0.33936525347018226},
                 {0, 10, 0.95, 0.0, 0.2775327998628892},
                 {10, 10, 0.95, 0.7224672001371107, 0.9999999999999999},
                 {0, 1, 0.95, 0.0, 0.7934506856227626},
                 {1, 1, 0.95, 0.20654931437723745, 1.0},
                 {1, 2, 0.9, 0.1208663194222736, 0.8791336805777263},
                 {3, 17, 0.99, 0.045829706544681464, 0.48875679130677463},
                 {123456, 1000000, 0.95, 0.12281269653142285, 0.12410219641400438},
                 {5, 1000000, 0.95, 2.1357029684685586e-06, 1.1705702681035746e-05},
                 {50, 100, 0.5, 0.46635196422237973, 0.5336480357776203},
                 {999, 1000, 0.999, 0.9873882793907756, 0.9999215580137806}},
                IntervalMethod::wilson);
}

TEST_CASE("Clopper-Pearson intervals match statsmodels", "[stats][intervals]") {
    // statsmodels 0.15.0: proportion_confint(k, n, alpha=1 - level, method='beta'); the
    // cases with 0 < k < n also agree with scipy 1.17.1
    // binomtest(k, n).proportion_ci(confidence_level=level, method='exact') to 1e-12.
    check_cases({{39, 660, 0.95, 0.042353163975896536, 0.0798969969740914},
                 {127, 431, 0.95, 0.2520016108964488, 0.34017083456513236},
                 {0, 10, 0.95, 0.0, 0.3084971078187607},
                 {10, 10, 0.95, 0.6915028921812392, 1.0},
                 {0, 1, 0.95, 0.0, 0.975},
                 {1, 1, 0.95, 0.025000000000000022, 1.0},
                 {1, 2, 0.9, 0.025320565519103604, 0.9746794344808964},
                 {3, 17, 0.99, 0.020924344300441013, 0.510403750494893},
                 {123456, 1000000, 0.95, 0.12281184162962973, 0.12410234027680268},
                 {5, 1000000, 0.95, 1.6234883192411707e-06, 1.1668293175208817e-05},
                 {50, 100, 0.5, 0.46143119062854077, 0.5385688093714592},
                 {999, 1000, 0.999, 0.9900461856590492, 0.9999994998750834}},
                IntervalMethod::clopper_pearson);
    SECTION("k = 0 and k = n pin the open end") {
        CHECK(clopper_pearson_interval(0, 7).lower == 0.0);
        CHECK(clopper_pearson_interval(7, 7).upper == 1.0);
    }
}

TEST_CASE("Jeffreys intervals match statsmodels", "[stats][intervals]") {
    // statsmodels 0.15.0: proportion_confint(k, n, alpha=1 - level, method='jeffreys'). Note
    // k = 0 gives a positive lower end: statsmodels does not pin it to 0.
    check_cases({{39, 660, 0.95, 0.04299975465415939, 0.0790358218007662},
                 {127, 431, 0.95, 0.2531047500642121, 0.3389696389403914},
                 {0, 10, 0.95, 4.789043315758196e-05, 0.21719626750921053},
                 {10, 10, 0.95, 0.7828037324907895, 0.9999521095668424},
                 {0, 1, 0.95, 0.0003855809807559016, 0.8532536836904248},
                 {1, 1, 0.95, 0.14674631630957521, 0.9996144190192441},
                 {1, 2, 0.9, 0.09730818173994008, 0.90269181826006},
                 {3, 17, 0.99, 0.030981024593702684, 0.47676454044720845},
                 {123456, 1000000, 0.95, 0.12281234050644808, 0.12410183915651879},
                 {5, 1000000, 0.95, 1.9078765988486266e-06, 1.0959989229536586e-05},
                 {50, 100, 0.5, 0.46639778223994444, 0.5336022177600556},
                 {999, 1000, 0.999, 0.9911719808059788, 0.9999923586348258}},
                IntervalMethod::jeffreys);
}

TEST_CASE("proportions reject impossible counts and levels", "[stats][intervals]") {
    for (IntervalMethod method : {IntervalMethod::wilson, IntervalMethod::clopper_pearson, IntervalMethod::jeffreys}) {
        INFO(to_string(method));
        CHECK_THROWS_AS(proportion(5, 4, 0.95, method), std::invalid_argument);
        CHECK_THROWS_AS(proportion(0, 0, 0.95, method), std::invalid_argument);
        CHECK_THROWS_AS(proportion(1, 4, 0.0, method), std::invalid_argument);
        CHECK_THROWS_AS(proportion(1, 4, 1.0, method), std::invalid_argument);
        CHECK_THROWS_AS(proportion(1, 4, std::nan(""), method), std::invalid_argument);
    }
    CHECK_THROWS_WITH(proportion(5, 4), Catch::Matchers::Contains("successes (5) exceed trials (4)"));
}

TEST_CASE("interval method names", "[stats][intervals]") {
    for (IntervalMethod method : {IntervalMethod::wilson, IntervalMethod::clopper_pearson, IntervalMethod::jeffreys})
        CHECK(parse_interval_method(to_string(method)) == method);
    CHECK(to_string(IntervalMethod::clopper_pearson) == "clopper-pearson");
    CHECK(parse_interval_method("clopper_pearson") == IntervalMethod::clopper_pearson);
    CHECK(parse_interval_method("beta") == IntervalMethod::clopper_pearson);
    CHECK_FALSE(parse_interval_method("Wilson").has_value());
    CHECK_FALSE(parse_interval_method("").has_value());
}

TEST_CASE("rate ratios by the exact conditional method", "[stats][intervals]") {
    struct RateCase {
        std::uint64_t c1;
        double e1;
        std::uint64_t c2;
        double e2, level, lower, upper;
    };
    // statsmodels 0.15.0 has no 'exact-cond' confidence interval in confint_poisson_2indep,
    // so the reference is the construction itself done by statsmodels:
    //   lo, hi = proportion_confint(c1, c1 + c2, alpha=1 - level, method='beta')
    //   ratio(p) = p / (1 - p) * e2 / e1   (inf at p = 1)
    const std::vector<RateCase> cases{
        {80, 1.0, 76, 1.0, 0.95, 0.7593117118704706, 1.4603206506227442},
        {431, 1.0, 660, 1.0, 0.95, 0.5770390051142358, 0.7384296539944091},
        {0, 1.0, 5, 1.0, 0.95, 0.0, 1.091279105182546},
        {12, 3.5, 30, 10.0, 0.9, 0.6013891042777721, 2.081132649310309},
        {141, 2.0, 76, 1.0, 0.99, 0.6400525891737352, 1.361343836600631},
        {1, 1.0, 1, 1.0, 0.95, 0.012739367083666627, 78.49683531626285},
    };
    for (const auto& c : cases) {
        INFO(c.c1 << "/" << c.e1 << " vs " << c.c2 << "/" << c.e2);
        const RateRatioEstimate r = rate_ratio(c.c1, c.e1, c.c2, c.e2, c.level);
        CHECK_THAT(r.value, WithinRel((c.c1 / c.e1) / (c.c2 / c.e2), 1e-15));
        if (c.lower == 0.0)
            CHECK(r.interval.lower == 0.0);
        else
            CHECK_THAT(r.interval.lower, WithinRel(c.lower, 1e-11));
        CHECK_THAT(r.interval.upper, WithinRel(c.upper, 1e-11));
        CHECK(r.interval.level == c.level);
        CHECK(r.count1 == c.c1);
        CHECK(r.exposure2 == c.e2);
    }
    SECTION("no events in the second sample: the upper end is unbounded, not NaN") {
        // same construction: proportion_confint(7, 7, method='beta') -> (0.5904190702...; 1.0)
        const RateRatioEstimate r = rate_ratio(7, 1.0, 0, 1.0);
        CHECK(r.value == std::numeric_limits<double>::infinity());
        CHECK(r.interval.upper == std::numeric_limits<double>::infinity());
        CHECK_THAT(r.interval.lower, WithinRel(1.4413085188352397, 1e-11));
    }
    SECTION("bad input") {
        CHECK_THROWS_AS(rate_ratio(0, 1.0, 0, 1.0), std::invalid_argument);
        CHECK_THROWS_AS(rate_ratio(3, 0.0, 4, 1.0), std::invalid_argument);
        CHECK_THROWS_AS(rate_ratio(3, 1.0, 4, -1.0), std::invalid_argument);
        CHECK_THROWS_AS(rate_ratio(3, 1.0, 4, std::numeric_limits<double>::infinity()), std::invalid_argument);
        CHECK_THROWS_AS(rate_ratio(3, 1.0, 4, 1.0, 1.5), std::invalid_argument);
    }
}
