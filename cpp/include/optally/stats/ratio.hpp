#pragma once
// The ratio of two figures as a report states them, qualifiers and all. "More than 141
// search warrants" against "76 arrests" is not 1.86 warrants per arrest but at least that;
// analysts need the number they can quote and what kind of bound it is.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "optally/facts/fact.hpp"

namespace optally::stats {

struct Figure {
    double value = 0.0;
    Qualifier qualifier = Qualifier::exact;

    bool operator==(const Figure&) const = default;
};

// What the stated ratio num / den is, given the qualifiers:
//   exact        both figures exact
//   approximate  at least one is "about", neither is a one-sided bound (a point interval)
//   lower        the stated ratio is the least the figures allow (it may be larger)
//   upper        the stated ratio is the most the figures allow (it may be smaller)
//   unknown      the stated ratio is neither end ("more than 141" / "more than 76")
enum class BoundKind : std::uint8_t { exact, lower, upper, approximate, unknown };

std::string_view to_string(BoundKind kind) noexcept;
std::optional<BoundKind> parse_bound_kind(std::string_view text) noexcept;

struct RatioEstimate {
    Figure numerator;
    Figure denominator;
    // False when the stated denominator is 0: then value is NaN (never infinite), interval
    // is the default [0, inf), bound is unknown, and reason says why.
    bool defined = false;
    std::string reason;
    double value = 0.0;
    // Every ratio the two statements allow, from bounds_of: lower = num.lower / den.upper,
    // upper = num.upper / den.lower, with the inclusive flags of the ends that produce them
    // and approximate set when either figure is "about". A denominator that may be 0 ("up to
    // 12") makes the upper end +inf.
    Bounds interval;
    BoundKind bound = BoundKind::unknown;
};

// Throws std::invalid_argument when a figure is negative or not finite.
RatioEstimate ratio(Figure numerator, Figure denominator);

}  // namespace optally::stats
