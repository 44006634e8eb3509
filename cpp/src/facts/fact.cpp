#include "optally/facts/fact.hpp"

#include <algorithm>
#include <array>
#include <cmath>

namespace optally {

namespace {
constexpr std::array<std::string_view, qualifier_count> qualifier_names{
    "exact", "more_than", "at_least", "about", "up_to", "fewer_than"};
constexpr std::array<std::string_view, unit_count> unit_names{"", "hours", "days", "weeks", "months", "years"};
}  // namespace

std::string_view to_string(Qualifier q) noexcept { return qualifier_names[static_cast<std::size_t>(q)]; }
std::string_view to_string(Unit u) noexcept { return unit_names[static_cast<std::size_t>(u)]; }

std::optional<Qualifier> parse_qualifier(std::string_view text) noexcept {
    for (std::size_t i = 0; i < qualifier_names.size(); ++i)
        if (qualifier_names[i] == text) return static_cast<Qualifier>(i);
    return std::nullopt;
}

std::optional<Unit> parse_unit(std::string_view text) noexcept {
    if (text.empty()) return Unit::none;
    for (std::size_t i = 1; i < unit_names.size(); ++i) {
        std::string_view plural = unit_names[i];
        if (text == plural || text == plural.substr(0, plural.size() - 1)) return static_cast<Unit>(i);
    }
    return std::nullopt;
}

double days_per(Unit u) noexcept {
    switch (u) {
        case Unit::hours: return 1.0 / 24.0;
        case Unit::days: return 1.0;
        case Unit::weeks: return 7.0;
        case Unit::months: return 365.25 / 12.0;
        case Unit::years: return 365.25;
        case Unit::none: break;
    }
    return 1.0;
}

bool Bounds::contains(double x) const noexcept {
    bool above = lower_inclusive ? x >= lower : x > lower;
    bool below = upper_inclusive ? x <= upper : x < upper;
    return above && below;
}

std::optional<Bounds> Bounds::intersect(const Bounds& other) const noexcept {
    Bounds out;
    if (lower > other.lower) {
        out.lower = lower, out.lower_inclusive = lower_inclusive;
    } else if (other.lower > lower) {
        out.lower = other.lower, out.lower_inclusive = other.lower_inclusive;
    } else {
        out.lower = lower, out.lower_inclusive = lower_inclusive && other.lower_inclusive;
    }
    if (upper < other.upper) {
        out.upper = upper, out.upper_inclusive = upper_inclusive;
    } else if (other.upper < upper) {
        out.upper = other.upper, out.upper_inclusive = other.upper_inclusive;
    } else {
        out.upper = upper, out.upper_inclusive = upper_inclusive && other.upper_inclusive;
    }
    out.approximate = approximate && other.approximate;
    if (out.lower > out.upper) return std::nullopt;
    if (out.lower == out.upper && !(out.lower_inclusive && out.upper_inclusive)) return std::nullopt;
    return out;
}

Bounds bounds_of(double value, Qualifier qualifier) noexcept {
    constexpr double inf = std::numeric_limits<double>::infinity();
    switch (qualifier) {
        case Qualifier::exact: return {value, value, true, true, false};
        case Qualifier::about: return {value, value, true, true, true};
        case Qualifier::more_than: return {value, inf, false, false, false};
        case Qualifier::at_least: return {value, inf, true, false, false};
        case Qualifier::up_to: return {0.0, value, true, true, false};
        case Qualifier::fewer_than: return {0.0, value, true, false, false};
    }
    return {value, value, true, true, false};
}

}  // namespace optally
