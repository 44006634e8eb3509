#include "optally/stats/ratio.hpp"

#include <array>
#include <cmath>
#include <limits>
#include <stdexcept>

namespace optally::stats {

namespace {
constexpr std::array<std::string_view, 5> bound_kind_names{"exact", "lower", "upper", "approximate", "unknown"};

void check_figure(const Figure& figure, const char* role) {
    if (!std::isfinite(figure.value) || figure.value < 0.0)
        throw std::invalid_argument(std::string("the ") + role + " must be a finite, non-negative figure, got " +
                                    std::to_string(figure.value));
}
}  // namespace

std::string_view to_string(BoundKind kind) noexcept { return bound_kind_names[static_cast<std::size_t>(kind)]; }

std::optional<BoundKind> parse_bound_kind(std::string_view text) noexcept {
    for (std::size_t i = 0; i < bound_kind_names.size(); ++i)
        if (bound_kind_names[i] == text) return static_cast<BoundKind>(i);
    return std::nullopt;
}

RatioEstimate ratio(Figure numerator, Figure denominator) {
    check_figure(numerator, "numerator");
    check_figure(denominator, "denominator");
    constexpr double inf = std::numeric_limits<double>::infinity();
    RatioEstimate out;
    out.numerator = numerator;
    out.denominator = denominator;
    if (denominator.value == 0.0) {
        out.value = std::numeric_limits<double>::quiet_NaN();
        out.reason = "the denominator is 0, so the ratio is undefined";
        return out;
    }
    out.defined = true;
    out.value = numerator.value / denominator.value;

    const Bounds num = bounds_of(numerator.value, numerator.qualifier);
    const Bounds den = bounds_of(denominator.value, denominator.qualifier);
    Bounds& r = out.interval;
    r.approximate = num.approximate || den.approximate;

    // Lower end: the smallest numerator over the largest denominator. A zero numerator
    // gives 0 whatever the denominator; an unbounded denominator only approaches 0.
    if (num.lower == 0.0) {
        r.lower = 0.0;
        r.lower_inclusive = num.lower_inclusive;
    } else if (den.upper == inf) {
        r.lower = 0.0;
        r.lower_inclusive = false;
    } else {
        r.lower = num.lower / den.upper;
        r.lower_inclusive = num.lower_inclusive && den.upper_inclusive;
    }
    // Upper end: the largest numerator over the smallest denominator; a denominator that
    // may be 0 leaves it unbounded.
    if (num.upper == 0.0) {
        r.upper = 0.0;
        r.upper_inclusive = num.upper_inclusive;
    } else if (num.upper == inf || den.lower == 0.0) {
        r.upper = inf;
        r.upper_inclusive = false;
    } else {
        r.upper = num.upper / den.lower;
        r.upper_inclusive = num.upper_inclusive && den.lower_inclusive;
    }

    // A point interval covers exact/exact and "about" figures, and also 0 over anything.
    if (r.lower == r.upper)
        out.bound = r.approximate ? BoundKind::approximate : BoundKind::exact;
    else if (out.value == r.lower)
        out.bound = BoundKind::lower;
    else if (out.value == r.upper)
        out.bound = BoundKind::upper;
    else
        out.bound = BoundKind::unknown;
    return out;
}

}  // namespace optally::stats
