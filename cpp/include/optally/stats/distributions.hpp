#pragma once
// The two distributions the interval methods need, written out so that the core has no
// numerical dependency: the standard normal (Wilson's critical value) and the beta
// (Clopper-Pearson, Jeffreys, the exact conditional rate ratio). Arguments follow scipy's
// order: scipy.special.betainc(a, b, x), scipy.stats.beta.ppf(p, a, b).

namespace optally::stats {

// Phi(x), accurate in both tails (computed from erfc).
double normal_cdf(double x);

// Phi^-1(p): -inf at 0, +inf at 1. Throws std::invalid_argument for p outside [0, 1] or NaN.
// Acklam's rational approximation polished by Halley steps on erf/erfc: a few ulps for
// normal p; for subnormal p (below 2.2e-308) erfc itself runs out of digits (about 1e-9).
double normal_quantile(double p);

// The regularized incomplete beta I_x(a, b), the Beta(a, b) CDF at x. Throws
// std::invalid_argument unless a > 0, b > 0 and x in [0, 1].
double incomplete_beta(double a, double b, double x);

// 1 - I_x(a, b), computed without cancellation when it is small.
double incomplete_beta_complement(double a, double b, double x);

// The x with I_x(a, b) = p (scipy.stats.beta.ppf). Throws std::invalid_argument unless
// a > 0, b > 0 and p in [0, 1]. Relative accuracy (of x, or of 1 - x above the median) about
// 1e-13, degrading to 1e-12 as a + b approaches 1e7, where the continued fraction near the
// mean loses digits. A root below the smallest double is returned as 0.
double beta_quantile(double p, double a, double b);

// The x with 1 - I_x(a, b) = q (scipy.stats.beta.isf): precise when q is tiny, where
// beta_quantile(1 - q) would have lost q's digits to the subtraction.
double beta_quantile_complement(double q, double a, double b);

}  // namespace optally::stats
