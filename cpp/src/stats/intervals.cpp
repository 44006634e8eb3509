#include "optally/stats/intervals.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>
#include <string>

#include "optally/stats/distributions.hpp"

namespace optally::stats {

namespace {

void check_level(double level) {
    if (!(level > 0.0 && level < 1.0))
        throw std::invalid_argument("the confidence level must lie strictly between 0 and 1, got " +
                                    std::to_string(level));
}

void check_counts(std::uint64_t successes, std::uint64_t trials, double level) {
    if (trials == 0) throw std::invalid_argument("a proportion needs at least one trial, got 0 trials");
    if (successes > trials)
        throw std::invalid_argument("successes (" + std::to_string(successes) + ") exceed trials (" +
                                    std::to_string(trials) + ")");
    check_level(level);
}

// statsmodels halves alpha = 1 - level for a two-sided interval.
double half_alpha(double level) { return (1.0 - level) / 2.0; }

}  // namespace

std::string_view to_string(IntervalMethod method) noexcept {
    switch (method) {
        case IntervalMethod::wilson: return "wilson";
        case IntervalMethod::clopper_pearson: return "clopper-pearson";
        case IntervalMethod::jeffreys: return "jeffreys";
    }
    return "wilson";
}

std::optional<IntervalMethod> parse_interval_method(std::string_view text) noexcept {
    if (text == "wilson") return IntervalMethod::wilson;
    if (text == "clopper-pearson" || text == "clopper_pearson" || text == "beta") return IntervalMethod::clopper_pearson;
    if (text == "jeffreys") return IntervalMethod::jeffreys;
    return std::nullopt;
}

Interval wilson_interval(std::uint64_t successes, std::uint64_t trials, double level) {
    check_counts(successes, trials, level);
    const double n = static_cast<double>(trials);
    const double q = static_cast<double>(successes) / n;
    // Written as statsmodels writes it, so that the two agree to the last few bits.
    const double crit = -normal_quantile(half_alpha(level));
    const double crit2 = crit * crit;
    const double denom = 1.0 + crit2 / n;
    const double center = (q + crit2 / (2.0 * n)) / denom;
    const double dist = crit * std::sqrt(q * (1.0 - q) / n + crit2 / (4.0 * n * n)) / denom;
    return {std::clamp(center - dist, 0.0, 1.0), std::clamp(center + dist, 0.0, 1.0), level};
}

Interval clopper_pearson_interval(std::uint64_t successes, std::uint64_t trials, double level) {
    check_counts(successes, trials, level);
    const double alpha = half_alpha(level);
    const double k = static_cast<double>(successes), n = static_cast<double>(trials);
    const double lower = successes == 0 ? 0.0 : beta_quantile(alpha, k, n - k + 1.0);
    const double upper = successes == trials ? 1.0 : beta_quantile_complement(alpha, k + 1.0, n - k);
    return {lower, upper, level};
}

Interval jeffreys_interval(std::uint64_t successes, std::uint64_t trials, double level) {
    check_counts(successes, trials, level);
    const double alpha = half_alpha(level);
    const double a = static_cast<double>(successes) + 0.5;
    const double b = static_cast<double>(trials - successes) + 0.5;
    return {beta_quantile(alpha, a, b), beta_quantile_complement(alpha, a, b), level};
}

Interval proportion_interval(std::uint64_t successes, std::uint64_t trials, double level, IntervalMethod method) {
    switch (method) {
        case IntervalMethod::wilson: return wilson_interval(successes, trials, level);
        case IntervalMethod::clopper_pearson: return clopper_pearson_interval(successes, trials, level);
        case IntervalMethod::jeffreys: return jeffreys_interval(successes, trials, level);
    }
    throw std::invalid_argument("unknown interval method");
}

ProportionEstimate proportion(std::uint64_t successes, std::uint64_t trials, double level, IntervalMethod method) {
    Interval interval = proportion_interval(successes, trials, level, method);
    return {successes, trials, static_cast<double>(successes) / static_cast<double>(trials), interval, method};
}

RateRatioEstimate rate_ratio(std::uint64_t count1, double exposure1, std::uint64_t count2, double exposure2,
                             double level) {
    check_level(level);
    for (double exposure : {exposure1, exposure2})
        if (!(exposure > 0.0) || !std::isfinite(exposure))
            throw std::invalid_argument("an exposure must be finite and positive, got " + std::to_string(exposure));
    if (count1 == 0 && count2 == 0)
        throw std::invalid_argument("a rate ratio needs at least one event; both counts are 0");
    constexpr double inf = std::numeric_limits<double>::infinity();
    const double scale = exposure2 / exposure1;
    // p / (1 - p) is the odds that an event falls in the first sample; p = 1 (count2 == 0)
    // is an unbounded ratio, spelled out rather than left to a division by zero.
    const auto to_ratio = [scale](double p) { return p >= 1.0 ? inf : p / (1.0 - p) * scale; };
    const Interval p = clopper_pearson_interval(count1, count1 + count2, level);
    RateRatioEstimate out;
    out.count1 = count1;
    out.exposure1 = exposure1;
    out.count2 = count2;
    out.exposure2 = exposure2;
    out.value = count2 == 0 ? inf : static_cast<double>(count1) / static_cast<double>(count2) * scale;
    out.interval = {to_ratio(p.lower), to_ratio(p.upper), level};
    return out;
}

}  // namespace optally::stats
