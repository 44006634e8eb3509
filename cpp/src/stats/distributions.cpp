#include "optally/stats/distributions.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>
#include <numbers>
#include <stdexcept>
#include <string>

namespace optally::stats {

namespace {

constexpr double eps = std::numeric_limits<double>::epsilon();
constexpr double inf = std::numeric_limits<double>::infinity();
const double half_log_2pi = 0.5 * std::log(2.0 * std::numbers::pi);

void check_shape(double a, double b, const char* what) {
    if (!(a > 0.0) || !(b > 0.0) || !std::isfinite(a) || !std::isfinite(b))
        throw std::invalid_argument(std::string(what) + ": the shape parameters must be finite and positive, got a=" +
                                    std::to_string(a) + ", b=" + std::to_string(b));
}

void check_probability(double p, const char* what) {
    if (!(p >= 0.0 && p <= 1.0))
        throw std::invalid_argument(std::string(what) + ": the probability must lie in [0, 1], got " + std::to_string(p));
}

// Stirling's remainder: lgamma(x) = (x - 1/2) log x - x + log(2 pi)/2 + stirling_remainder(x).
// Kept apart because lgamma(1e4) is 8e4 and carries 1e-11 of absolute rounding, which
// log B(a, b) = lgamma(a) + lgamma(b) - lgamma(a + b) would pass straight to the tails.
double stirling_remainder(double x) {
    if (x < 10.0) return std::lgamma(x) - ((x - 0.5) * std::log(x) - x + half_log_2pi);
    // The asymptotic series B_2k / (2k (2k - 1) x^(2k - 1)); at x = 10 the next term is 1e-18.
    const double r = 1.0 / (x * x);
    return (1.0 / 12.0 - r * (1.0 / 360.0 - r * (1.0 / 1260.0 - r * (1.0 / 1680.0 - r * (1.0 / 1188.0 -
            r * (691.0 / 360360.0 - r * (1.0 / 156.0))))))) / x;
}

// log(x^a (1-x)^b / B(a, b)), the factor in front of the continued fraction. Written, as in
// Boost's ibeta_power_terms, around the mean a / (a + b):
//   a log(x (a+b) / a) + b log((1-x) (a+b) / b) + log sqrt(ab / (2 pi (a+b))) + Stirling remainders
// with both logs driven by one number, D = x (a+b) - a, taken from a single fma. For
// Beta(6, 999995) the naive a log x + b log(1-x) - log B(a, b) cancels terms of 1e6 and
// rounding the mean and its complement separately costs b * 1e-16 = 1e-10; here both logs
// see the same D and the error stays near 1e-15.
double log_power_terms(double a, double b, double x) {
    const double sum = a + b;
    const double d = std::fma(x, sum, -a);
    // Far from the mean log1p would see an argument near -1; there the result is so small
    // (or underflows) that the plain logs' absolute error of a * 1e-16 is harmless.
    const double term_a = std::fabs(d) < 0.5 * a ? a * std::log1p(d / a) : a * (std::log(x) + std::log(sum / a));
    const double term_b =
        std::fabs(d) < 0.5 * b ? b * std::log1p(-d / b) : b * (std::log1p(-x) + std::log(sum / b));
    return term_a + term_b + 0.5 * std::log(a * b / sum) - half_log_2pi + stirling_remainder(sum) -
           stirling_remainder(a) - stirling_remainder(b);
}

// The continued fraction of I_x(a, b) (Numerical Recipes' betacf, evaluated by the modified
// Lentz method). It converges fast for x < (a + 1) / (a + b + 2); callers swap the tails
// beyond that. Near the mode of a very concentrated beta it takes O(sqrt(a + b)) terms.
double beta_continued_fraction(double a, double b, double x) {
    constexpr double tiny = 1e-300;
    constexpr int max_terms = 100000;
    const double qab = a + b, qap = a + 1.0, qam = a - 1.0;
    double c = 1.0;
    // 1 - (a + b) x / (a + 1) nearly cancels at the threshold; one fma keeps its digits
    // (rounding the product first would cost 1e-11 relative when a + b is 1e6).
    double d = std::fma(-qab, x, qap) / qap;
    if (std::fabs(d) < tiny) d = tiny;
    d = 1.0 / d;
    double h = d;
    for (int m = 1; m <= max_terms; ++m) {
        const double dm = m, m2 = 2.0 * m;
        double aa = dm * (b - dm) * x / ((qam + m2) * (a + m2));
        d = std::fma(aa, d, 1.0);
        if (std::fabs(d) < tiny) d = tiny;
        c = 1.0 + aa / c;
        if (std::fabs(c) < tiny) c = tiny;
        d = 1.0 / d;
        h *= d * c;
        aa = -(a + dm) * (qab + dm) * x / ((a + m2) * (qap + m2));
        d = std::fma(aa, d, 1.0);
        if (std::fabs(d) < tiny) d = tiny;
        c = 1.0 + aa / c;
        if (std::fabs(c) < tiny) c = tiny;
        d = 1.0 / d;
        const double step = d * c;
        h *= step;
        if (std::fabs(step - 1.0) <= eps) break;
    }
    return h;
}

// Both tails of Beta(a, b) at x, in logs, so that neither the quantile solver nor the
// complement loses a tiny tail to 1 - (1 - tiny). Only the tail on the fast side of the
// continued fraction is computed directly; the other is log1p of its negation.
struct LogTails {
    double lower;  // log I_x(a, b)
    double upper;  // log (1 - I_x(a, b))
};

LogTails log_tails(double a, double b, double x) {
    if (x <= 0.0) return {-inf, 0.0};
    if (x >= 1.0) return {0.0, -inf};
    if (x < (a + 1.0) / (a + b + 2.0)) {
        const double lower = log_power_terms(a, b, x) + std::log(beta_continued_fraction(a, b, x) / a);
        return {lower, std::log1p(-std::exp(lower))};
    }
    // The upper tail is I_y(b, a) at y = 1 - x, which is rounded when x < 1/2. Near the mean of
    // a beta with a + b = 1e6 that rounding alone moves the tail by 1e-11, so evaluate at the
    // rounded y, consistently, and step to the exact 1 - x = y + e with the density at y.
    const double y = 1.0 - x;
    const double e = (1.0 - y) - x;  // exact: both subtractions are of nearby numbers
    double series = beta_continued_fraction(b, a, y) / b;
    if (e != 0.0) series += e / (y * (x + e));
    const double upper = log_power_terms(b, a, y) + std::log(series);
    return {std::log1p(-std::exp(upper)), upper};
}

// Numerical Recipes' starting point for the inverse (Abramowitz & Stegun 26.5.22 when both
// shapes are at least 1, the two power-law tails otherwise), for I_x(a, b) = p where
// q = 1 - p is passed separately so that a tiny upper tail keeps its digits. It only has to
// land inside the basin of the safeguarded Newton iteration below.
double initial_guess(double p, double q, double a, double b) {
    double x;
    if (a >= 1.0 && b >= 1.0) {
        const double t = std::sqrt(-2.0 * std::log(std::min(p, q)));
        double z = (2.30753 + t * 0.27061) / (1.0 + t * (0.99229 + t * 0.04481)) - t;
        if (p < 0.5) z = -z;
        const double al = (z * z - 3.0) / 6.0;
        const double h = 2.0 / (1.0 / (2.0 * a - 1.0) + 1.0 / (2.0 * b - 1.0));
        const double w = (z * std::sqrt(al + h) / h) -
                         (1.0 / (2.0 * b - 1.0) - 1.0 / (2.0 * a - 1.0)) * (al + 5.0 / 6.0 - 2.0 / (3.0 * h));
        x = a / (a + b * std::exp(2.0 * w));
    } else {
        const double lna = std::log(a / (a + b)), lnb = std::log(b / (a + b));
        const double t = std::exp(a * lna) / a, u = std::exp(b * lnb) / b;
        const double w = t + u;
        x = p < t / w ? std::pow(a * w * p, 1.0 / a) : 1.0 - std::pow(b * w * q, 1.0 / b);
    }
    if (!(x > 0.0 && x < 1.0)) x = 0.25;
    return x;
}

enum class Tail { lower, upper };

double log_tail(Tail tail, double a, double b, double x) {
    const LogTails both = log_tails(a, b, x);
    return tail == Tail::lower ? both.lower : both.upper;
}

// Solves tail(x) = target for a root known to lie in (0, 1/2], where x itself carries full
// relative precision (the caller mirrors roots above 1/2). Newton's method on log tail
// against log x: in the far tails log I is nearly linear in log x, so a handful of steps
// reach full precision even when x is 1e-200. Each step keeps a bracket and falls back to
// bisection in log x when Newton leaves it.
double solve_small_root(double target, Tail tail, double a, double b) {
    const double log_target = std::log(target);
    const bool increasing = tail == Tail::lower;
    const auto passed = [&](double g) { return increasing ? g >= 0.0 : g <= 0.0; };
    const double smallest = std::numeric_limits<double>::denorm_min();
    if (passed(log_tail(tail, a, b, smallest) - log_target)) return 0.0;  // the root underflows
    double x_lo = smallest, x_hi = 0.5;
    const double p = increasing ? target : 1.0 - target, q = increasing ? 1.0 - target : target;
    double x = std::min(initial_guess(p, q, a, b), 0.5);
    for (int iteration = 0; iteration < 300; ++iteration) {
        const double log_t = log_tail(tail, a, b, x);
        const double g = log_t - log_target;
        if (g == 0.0) return x;
        (passed(g) ? x_hi : x_lo) = x;
        // d log tail / d log x = +-x pdf(x) / tail(x)
        const double slope = std::exp(log_power_terms(a, b, x) - std::log1p(-x) - log_t) * (increasing ? 1.0 : -1.0);
        double next = x * std::exp(-g / slope);
        if (!std::isfinite(slope) || slope == 0.0 || !(next > x_lo && next < x_hi))
            next = std::exp(0.5 * (std::log(x_lo) + std::log(x_hi)));
        if (std::fabs(next - x) <= 2.0 * eps * next || x_hi - x_lo <= 2.0 * eps * x_hi) return next;
        x = next;
    }
    return x;
}

// The x in [0, 1] where `tail` of Beta(a, b) equals target (0 < target <= 1/2). A root above
// 1/2 is found as 1 - y for the mirrored problem in y = 1 - x, so that whichever of x and
// 1 - x is small is the one solved for, with its relative precision.
double solve_quantile(double target, Tail tail, double a, double b) {
    const double at_half = log_tail(tail, a, b, 0.5) - std::log(target);
    const bool root_below_half = tail == Tail::lower ? at_half >= 0.0 : at_half <= 0.0;
    if (root_below_half) return solve_small_root(target, tail, a, b);
    const Tail mirrored = tail == Tail::lower ? Tail::upper : Tail::lower;
    return 1.0 - solve_small_root(target, mirrored, b, a);
}

}  // namespace

double normal_cdf(double x) { return 0.5 * std::erfc(-x / std::numbers::sqrt2); }

double normal_quantile(double p) {
    check_probability(p, "normal_quantile");
    if (p == 0.0) return -inf;
    if (p == 1.0) return inf;
    // Symmetry keeps the work in the lower half, where 1 - p is exact and erfc has no
    // cancellation.
    if (p > 0.5) return -normal_quantile(1.0 - p);

    // Peter Acklam's rational approximation (relative error 1.15e-9).
    static constexpr std::array<double, 6> a{-3.969683028665376e+01, 2.209460984245205e+02, -2.759285104469687e+02,
                                             1.383577518672690e+02,  -3.066479806614716e+01, 2.506628277459239e+00};
    static constexpr std::array<double, 5> b{-5.447609879822406e+01, 1.615858368580409e+02, -1.556989798598866e+02,
                                             6.680131188771972e+01, -1.328068155288572e+01};
    static constexpr std::array<double, 6> c{-7.784894002430293e-03, -3.223964580411365e-01, -2.400758277161838e+00,
                                             -2.549732539343734e+00, 4.374664141464968e+00,  2.938163982698783e+00};
    static constexpr std::array<double, 4> d{7.784695709041462e-03, 3.224671290700398e-01, 2.445134137142996e+00,
                                             3.754408661907416e+00};
    double x;
    if (p < 0.02425) {
        const double q = std::sqrt(-2.0 * std::log(p));
        x = (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) /
            ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1.0);
    } else {
        const double q = p - 0.5, r = q * q;
        x = (((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q /
            (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1.0);
    }
    // Halley steps on the exact CDF take the 1e-9 start to the last bit (cubic convergence).
    const double sqrt_2pi = std::sqrt(2.0 * std::numbers::pi);
    for (int step = 0; step < 3; ++step) {
        // Near the median Phi(x) - p cancels; erf(x / sqrt 2) / 2 - (p - 1/2) does not, and
        // p - 1/2 is exact for p in [1/4, 1/2].
        const double e = p >= 0.25 ? 0.5 * std::erf(x / std::numbers::sqrt2) - (p - 0.5) : normal_cdf(x) - p;
        const double u = e * sqrt_2pi * std::exp(0.5 * x * x);
        if (!std::isfinite(u)) break;
        const double dx = u / (1.0 + 0.5 * x * u);
        x -= dx;
        if (std::fabs(dx) <= eps * std::fabs(x)) break;
    }
    return x;
}

double incomplete_beta(double a, double b, double x) {
    check_shape(a, b, "incomplete_beta");
    check_probability(x, "incomplete_beta");
    return std::exp(log_tails(a, b, x).lower);
}

double incomplete_beta_complement(double a, double b, double x) {
    check_shape(a, b, "incomplete_beta_complement");
    check_probability(x, "incomplete_beta_complement");
    return std::exp(log_tails(a, b, x).upper);
}

double beta_quantile(double p, double a, double b) {
    check_shape(a, b, "beta_quantile");
    check_probability(p, "beta_quantile");
    if (p == 0.0) return 0.0;
    if (p == 1.0) return 1.0;
    // Aim at the smaller tail: above the median 1 - p is exact and the upper tail is precise.
    return p <= 0.5 ? solve_quantile(p, Tail::lower, a, b) : solve_quantile(1.0 - p, Tail::upper, a, b);
}

double beta_quantile_complement(double q, double a, double b) {
    check_shape(a, b, "beta_quantile_complement");
    check_probability(q, "beta_quantile_complement");
    if (q == 0.0) return 1.0;
    if (q == 1.0) return 0.0;
    return q <= 0.5 ? solve_quantile(q, Tail::upper, a, b) : solve_quantile(1.0 - q, Tail::lower, a, b);
}

}  // namespace optally::stats
