#include "optally/stats/describe.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <stdexcept>
#include <string>
#include <vector>

#include "optally/stats/exact_sum.hpp"

namespace optally::stats {

namespace {

std::vector<double> sorted_copy(std::span<const double> values) {
    std::vector<double> sorted(values.begin(), values.end());
    for (double v : sorted)
        if (!std::isfinite(v)) throw std::invalid_argument("statistics need finite values, got " + std::to_string(v));
    std::sort(sorted.begin(), sorted.end());
    return sorted;
}

double sorted_quantile(const std::vector<double>& sorted, double q) {
    if (!(q >= 0.0 && q <= 1.0)) throw std::invalid_argument("a quantile must lie in [0, 1], got " + std::to_string(q));
    if (sorted.empty()) return std::numeric_limits<double>::quiet_NaN();
    const double position = static_cast<double>(sorted.size() - 1) * q;
    const double below = std::floor(position);
    const auto i = static_cast<std::size_t>(below);
    const std::size_t j = std::min(i + 1, sorted.size() - 1);
    return detail::numpy_lerp(sorted[i], sorted[j], position - below);
}

double sorted_median(const std::vector<double>& sorted) {
    const std::size_t n = sorted.size();
    if (n == 0) return std::numeric_limits<double>::quiet_NaN();
    if (n % 2 == 1) return sorted[n / 2];
    return std::midpoint(sorted[n / 2 - 1], sorted[n / 2]);
}

}  // namespace

Description describe(std::span<const double> values) {
    const std::vector<double> sorted = sorted_copy(values);
    Description out;
    out.count = sorted.size();
    ExactSum sum;
    for (double v : sorted) sum.add(v);
    out.sum = sum.value();
    if (sorted.empty()) return out;
    const double n = static_cast<double>(sorted.size());
    out.mean = out.sum / n;
    out.median = sorted_median(sorted);
    out.min = sorted.front();
    out.max = sorted.back();
    if (sorted.size() >= 2) {
        // Deviations from the rounded mean: its rounding error enters only at second order,
        // so a large mean with a small spread keeps its digits (the naive sum of squares
        // minus n mean^2 would not).
        ExactSum squares;
        out.stddev = std::numeric_limits<double>::infinity();  // unless the squares stay finite
        try {
            bool finite = true;
            for (double v : sorted) {
                const double d = v - out.mean;
                finite = finite && std::isfinite(d * d);
                if (finite) squares.add(d * d);
            }
            if (finite) out.stddev = std::sqrt(squares.value() / (n - 1.0));
        } catch (const std::overflow_error&) {
            // the squares' sum left the double range: the spread is reported as infinite
        }
    }
    return out;
}

double quantile(std::span<const double> values, double q) { return sorted_quantile(sorted_copy(values), q); }

double median(std::span<const double> values) { return sorted_median(sorted_copy(values)); }

}  // namespace optally::stats
