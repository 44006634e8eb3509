#pragma once
// Exact floating-point summation (Shewchuk's non-overlapping partials, as in Python's
// math.fsum). The value is the correctly rounded sum of everything added, so it does not
// depend on the order of the additions: the property that lets summaries merge bit-for-bit.

#include <vector>

namespace optally::stats {

class ExactSum {
public:
    // Throws std::overflow_error when a partial overflows (the terms must stay well inside
    // the double range) and std::invalid_argument for a non-finite term.
    void add(double x);
    // Adds x * y without rounding the product (its error term comes from fma).
    void add_product(double x, double y);
    void add(const ExactSum& other);
    // The sum rounded once, half to even.
    double value() const noexcept;
    bool empty() const noexcept { return partials_.empty(); }

private:
    std::vector<double> partials_;  // increasing magnitude, non-overlapping
};

}  // namespace optally::stats
