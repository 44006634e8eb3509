#include "optally/stats/exact_sum.hpp"

#include <cmath>
#include <stdexcept>
#include <utility>

namespace optally::stats {

void ExactSum::add(double x) {
    if (!std::isfinite(x)) throw std::invalid_argument("ExactSum: cannot add a non-finite term");
    std::size_t kept = 0;
    for (double y : partials_) {
        if (std::fabs(x) < std::fabs(y)) std::swap(x, y);
        const double hi = x + y;
        const double lo = y - (hi - x);
        if (lo != 0.0) partials_[kept++] = lo;
        x = hi;
    }
    if (!std::isfinite(x)) throw std::overflow_error("ExactSum: the sum overflows the double range");
    partials_.resize(kept);
    partials_.push_back(x);
}

void ExactSum::add_product(double x, double y) {
    const double product = x * y;
    add(product);
    // Exact unless the product is subnormal, where the error is below any double anyway.
    const double error = std::fma(x, y, -product);
    if (error != 0.0) add(error);
}

void ExactSum::add(const ExactSum& other) {
    // Copy first: other may be *this.
    const std::vector<double> terms = other.partials_;
    for (double term : terms) add(term);
}

double ExactSum::value() const noexcept {
    // Python's fsum rounding: add partials from the largest down until the sum becomes
    // inexact, then correct a half-way case by looking at the sign of what is left.
    std::size_t n = partials_.size();
    if (n == 0) return 0.0;
    double hi = partials_[--n];
    double lo = 0.0;
    while (n > 0) {
        const double x = hi;
        const double y = partials_[--n];
        hi = x + y;
        const double y_rounded = hi - x;
        lo = y - y_rounded;
        if (lo != 0.0) break;
    }
    if (n > 0 && ((lo < 0.0 && partials_[n - 1] < 0.0) || (lo > 0.0 && partials_[n - 1] > 0.0))) {
        const double y = lo * 2.0;
        const double x = hi + y;
        if (y == x - hi) hi = x;
    }
    return hi;
}

}  // namespace optally::stats
