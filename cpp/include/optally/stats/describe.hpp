#pragma once
// Descriptive statistics of a batch of figures, computed directly from a sorted copy. The
// mergeable Summary (summary.hpp) answers the same questions bit-for-bit identically; this
// is the plain path and the reference the tests hold it to.

#include <cstdint>
#include <limits>
#include <span>

namespace optally::stats {

struct Description {
    std::uint64_t count = 0;
    double sum = 0.0;  // correctly rounded, so independent of order
    double mean = std::numeric_limits<double>::quiet_NaN();
    double median = std::numeric_limits<double>::quiet_NaN();
    // Sample standard deviation (ddof = 1, numpy's x.std(ddof=1)); NaN for fewer than 2 values.
    // Named stddev because a member called std would shadow the namespace in readers' eyes.
    double stddev = std::numeric_limits<double>::quiet_NaN();
    double min = std::numeric_limits<double>::quiet_NaN();
    double max = std::numeric_limits<double>::quiet_NaN();

    bool operator==(const Description&) const = default;  // NaN fields never compare equal
};

// Throws std::invalid_argument when a value is not finite. An empty input gives count 0,
// sum 0 and NaN elsewhere.
Description describe(std::span<const double> values);

// numpy.quantile's default (method="linear", Hyndman & Fan type 7), including numpy's
// two-sided interpolation formula so that results agree to the bit. NaN for no values;
// throws std::invalid_argument when q is outside [0, 1] or a value is not finite.
double quantile(std::span<const double> values, double q);

// numpy.median: the middle value, or the midpoint of the two middle values.
double median(std::span<const double> values);

namespace detail {
// numpy's _lerp: a + (b - a) t, taken from b's side when t >= 1/2 so that t = 1 gives b exactly.
inline double numpy_lerp(double a, double b, double t) noexcept {
    const double diff = b - a;
    return t >= 0.5 ? b - diff * (1.0 - t) : a + diff * t;
}
}  // namespace detail

}  // namespace optally::stats
