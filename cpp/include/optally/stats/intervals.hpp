#pragma once
// Confidence intervals for the shares and rates that press releases imply: "39 of the 660
// people arrested were already registered sex offenders" is a proportion; "children
// safeguarded per arrest" compares two counts that do not nest, so it is a rate ratio.
// Each method reproduces statsmodels 0.14/0.15 to about 1e-12 (see tests/cpp/test_stats_intervals.cpp).

#include <cstdint>
#include <optional>
#include <string_view>

namespace optally::stats {

struct Interval {
    double lower = 0.0;
    double upper = 0.0;
    double level = 0.95;  // the confidence level, 1 - alpha

    bool operator==(const Interval&) const = default;
};

enum class IntervalMethod : std::uint8_t { wilson, clopper_pearson, jeffreys };

// "wilson", "clopper-pearson", "jeffreys".
std::string_view to_string(IntervalMethod method) noexcept;
// Also accepts "clopper_pearson" and statsmodels' name "beta"; nullopt for anything else.
std::optional<IntervalMethod> parse_interval_method(std::string_view text) noexcept;

// All interval functions throw std::invalid_argument when trials == 0, successes > trials,
// or level is not strictly between 0 and 1.

// Wilson score interval, statsmodels proportion_confint(method="wilson"): clipped to [0, 1]
// as statsmodels does, which only ever removes rounding noise at k = 0 or k = n.
Interval wilson_interval(std::uint64_t successes, std::uint64_t trials, double level = 0.95);

// Clopper-Pearson ("exact") interval from beta quantiles, statsmodels method="beta":
// lower is 0 when successes == 0 and upper is 1 when successes == trials.
Interval clopper_pearson_interval(std::uint64_t successes, std::uint64_t trials, double level = 0.95);

// Jeffreys interval: the equal-tailed interval of the Beta(k + 1/2, n - k + 1/2) posterior,
// exactly as statsmodels proportion_confint(method="jeffreys") computes it. statsmodels does
// NOT apply Brown, Cai & DasGupta's adjustment (lower = 0 at k = 0, upper = 1 at k = n), so
// neither do we: at k = 0 the lower end is small but positive.
Interval jeffreys_interval(std::uint64_t successes, std::uint64_t trials, double level = 0.95);

Interval proportion_interval(std::uint64_t successes, std::uint64_t trials, double level, IntervalMethod method);

struct ProportionEstimate {
    std::uint64_t successes = 0;
    std::uint64_t trials = 0;
    double value = 0.0;  // successes / trials
    Interval interval;
    IntervalMethod method = IntervalMethod::wilson;
};

ProportionEstimate proportion(std::uint64_t successes, std::uint64_t trials, double level = 0.95,
                              IntervalMethod method = IntervalMethod::wilson);

struct RateRatioEstimate {
    std::uint64_t count1 = 0;
    double exposure1 = 1.0;
    std::uint64_t count2 = 0;
    double exposure2 = 1.0;
    double value = 0.0;  // (count1 / exposure1) / (count2 / exposure2); +inf when count2 == 0
    Interval interval;   // upper is +inf when count2 == 0
};

// Ratio of two Poisson rates by the exact conditional method (R's poisson.test; the
// 'exact-cond' construction of statsmodels' rates module): given the total, count1 is
// Binomial(count1 + count2, p) with p / (1 - p) = ratio * exposure1 / exposure2, so the
// Clopper-Pearson interval on p maps to an interval on the ratio. Throws
// std::invalid_argument when both counts are 0 (no information), when an exposure is not
// finite and positive, or for a bad level.
RateRatioEstimate rate_ratio(std::uint64_t count1, double exposure1, std::uint64_t count2, double exposure2,
                             double level = 0.95);

}  // namespace optally::stats
