#pragma once
// One figure that a report states about an operation: the record of
// ../shared/spec/facts.md, shared by extraction, resolution and statistics.

#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <string_view>

namespace optally {

enum class Qualifier : std::uint8_t { exact, more_than, at_least, about, up_to, fewer_than };
inline constexpr int qualifier_count = 6;

enum class Unit : std::uint8_t { none, hours, days, weeks, months, years };
inline constexpr int unit_count = 6;

std::string_view to_string(Qualifier q) noexcept;
std::string_view to_string(Unit u) noexcept;  // "" for Unit::none
std::optional<Qualifier> parse_qualifier(std::string_view text) noexcept;
// Accepts singular and plural ("year", "years"); "" gives Unit::none.
std::optional<Unit> parse_unit(std::string_view text) noexcept;

// Length of one unit in days, the scale on which durations and sentences compare
// (a month is 365.25 / 12 days, as in the evaluation).
double days_per(Unit u) noexcept;

struct Fact {
    std::string doc;
    std::string metric;
    double value = 0.0;
    Unit unit = Unit::none;
    Qualifier qualifier = Qualifier::exact;
    std::string scope = "total";
    std::string operation;  // empty: the text names no operation (JSON null)
    std::uint32_t start = 0;
    std::uint32_t end = 0;
    std::string evidence;
    std::string agency;  // the agency the fact is attributed to, empty if none
    std::string date;    // the document's own date, ISO yyyy-mm-dd, empty if unknown

    bool operator==(const Fact&) const = default;
};

// The interval a stated figure stands for. "more than 141" is (141, inf); "about 80" is
// [80, 80] flagged approximate, because analysts report it as 80 but must know it is soft.
struct Bounds {
    double lower = 0.0;
    double upper = std::numeric_limits<double>::infinity();
    bool lower_inclusive = true;
    bool upper_inclusive = false;
    bool approximate = false;

    bool is_point() const noexcept { return lower == upper && lower_inclusive && upper_inclusive; }
    bool contains(double x) const noexcept;
    // The figures two statements allow together; nullopt when they contradict.
    std::optional<Bounds> intersect(const Bounds& other) const noexcept;
    bool operator==(const Bounds&) const = default;
};

Bounds bounds_of(double value, Qualifier qualifier) noexcept;

}  // namespace optally
