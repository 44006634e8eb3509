#include "optally/stats/summary.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>
#include <nlohmann/json.hpp>
#include <numeric>
#include <stdexcept>
#include <string>

#include "byte_io.hpp"
#include "optally/stats/exact_sum.hpp"

namespace optally::stats {

namespace {

constexpr std::array<std::uint8_t, 4> magic{'O', 'T', 'S', 'M'};
constexpr double nan = std::numeric_limits<double>::quiet_NaN();
constexpr double inf = std::numeric_limits<double>::infinity();
const char* const json_format = "optally.stats";

const char* kind_name(SummaryKind kind) { return kind == SummaryKind::summary ? "summary" : "ratio_summary"; }

// Empty when the value may enter a summary, else why not.
std::string value_problem(double v) {
    if (!std::isfinite(v)) return "value " + std::to_string(v) + " is not finite";
    if (std::fabs(v) > summary_max_magnitude) return "value " + std::to_string(v) + " exceeds 1e290 in magnitude";
    return {};
}

void check_value(double v) {
    if (auto problem = value_problem(v); !problem.empty()) throw std::invalid_argument("Summary: " + problem);
}

std::uint64_t checked_total(std::uint64_t a, std::uint64_t b, const char* what) {
    if (b > summary_max_count || a > summary_max_count - b)
        throw std::overflow_error(std::string(what) + ": more than 2^53 values");
    return a + b;
}

void write_header(detail::ByteWriter& out, SummaryKind kind, std::uint8_t unit) {
    for (std::uint8_t b : magic) out.u8(b);
    out.u8(summary_format_version);
    out.u8(static_cast<std::uint8_t>(kind));
    out.u8(unit);
    out.u8(0);
}

// Returns the unit byte after checking magic, version, kind and the reserved byte.
std::uint8_t read_header(detail::ByteReader& in, SummaryKind expected) {
    for (std::uint8_t b : magic)
        if (in.u8() != b) in.fail("not an optally summary (bad magic bytes)");
    if (std::uint8_t version = in.u8(); version != summary_format_version)
        in.fail("unsupported format version " + std::to_string(version) + "; this build reads version " +
                std::to_string(summary_format_version));
    const std::uint8_t kind = in.u8();
    if (kind != static_cast<std::uint8_t>(SummaryKind::summary) &&
        kind != static_cast<std::uint8_t>(SummaryKind::ratio_summary))
        in.fail("unknown summary kind " + std::to_string(kind));
    if (kind != static_cast<std::uint8_t>(expected))
        in.fail(std::string("the bytes hold a ") + kind_name(static_cast<SummaryKind>(kind)) + ", not a " +
                kind_name(expected));
    const std::uint8_t unit = in.u8();
    if (in.u8() != 0) in.fail("reserved header byte is not 0");
    return unit;
}

// The checks every stored entry must pass, whether it comes from bytes or JSON, so that a
// loaded summary is indistinguishable from one built by add(): canonical order, no -0.0,
// positive multiplicities that add up to the declared count.
class EntryChecker {
public:
    explicit EntryChecker(std::uint64_t declared) : declared_(declared) {}

    std::string value(double v) {
        if (auto problem = value_problem(v); !problem.empty()) return problem;
        if (v == 0.0 && std::signbit(v)) return "value -0 is not canonical";
        return {};
    }
    std::string order(const std::pair<double, double>& key) {
        if (has_previous_ && !(previous_ < key)) return "entries are not in strictly increasing order";
        has_previous_ = true;
        previous_ = key;
        return {};
    }
    std::string multiplicity(std::uint64_t c) {
        if (c == 0) return "an entry has multiplicity 0";
        if (c > declared_ - total_) return "multiplicities exceed the declared count";
        total_ += c;
        return {};
    }
    std::string finish() const {
        if (total_ != declared_) return "multiplicities add up to " + std::to_string(total_) + ", not the declared " +
                                         std::to_string(declared_);
        return {};
    }

private:
    std::uint64_t declared_;
    std::uint64_t total_ = 0;
    bool has_previous_ = false;
    std::pair<double, double> previous_{};
};

// EntryChecker compares keys as pairs; a Summary's key is (value, 0).
std::pair<double, double> as_key(double v) { return {v, 0.0}; }

[[noreturn]] void json_fail(const char* what, const std::string& why) {
    throw std::invalid_argument(std::string(what) + ": " + why);
}

// The parts common to both kinds' JSON: format, version, kind; returns the count.
std::uint64_t read_json_header(const nlohmann::json& json, SummaryKind kind, const char* what) {
    if (!json.is_object()) json_fail(what, "expected a JSON object");
    if (json.value("format", std::string()) != json_format) json_fail(what, "\"format\" is not \"optally.stats\"");
    const auto& version = json.at("version");
    if (!version.is_number_unsigned() || version.get<std::uint64_t>() != summary_format_version)
        json_fail(what, "unsupported version " + version.dump() + "; this build reads version " +
                            std::to_string(summary_format_version));
    if (json.value("kind", std::string()) != kind_name(kind))
        json_fail(what, std::string("\"kind\" is not \"") + kind_name(kind) + "\"");
    const auto& count = json.at("count");
    if (!count.is_number_unsigned()) json_fail(what, "\"count\" is not a non-negative integer");
    const auto n = count.get<std::uint64_t>();
    if (n > summary_max_count) json_fail(what, "\"count\" exceeds 2^53");
    return n;
}

double json_double(const nlohmann::json& j, const char* what) {
    if (!j.is_number()) json_fail(what, "expected a number, got " + j.dump());
    return j.get<double>();
}

std::uint64_t json_count(const nlohmann::json& j, const char* what) {
    if (!j.is_number_unsigned()) json_fail(what, "expected a non-negative integer multiplicity, got " + j.dump());
    return j.get<std::uint64_t>();
}

}  // namespace

SummaryKind serialized_kind(std::span<const std::uint8_t> bytes) {
    detail::ByteReader in(bytes, "serialized_kind");
    for (std::uint8_t b : magic)
        if (in.u8() != b) in.fail("not an optally summary (bad magic bytes)");
    if (std::uint8_t version = in.u8(); version != summary_format_version)
        in.fail("unsupported format version " + std::to_string(version));
    const std::uint8_t kind = in.u8();
    if (kind == static_cast<std::uint8_t>(SummaryKind::summary)) return SummaryKind::summary;
    if (kind == static_cast<std::uint8_t>(SummaryKind::ratio_summary)) return SummaryKind::ratio_summary;
    in.fail("unknown summary kind " + std::to_string(kind));
}

// ---- Summary -------------------------------------------------------------------------

Summary::Summary(std::span<const double> values, Unit unit) : unit_(unit) { add(values); }

void Summary::add(double value) { add(value, 1); }

void Summary::add(double value, std::uint64_t times) {
    check_value(value);
    if (times == 0) return;
    count_ = checked_total(count_, times, "Summary");
    // + 0.0 turns -0.0 into +0.0, so the map's key for zero does not depend on which came first.
    counts_[value + 0.0] += times;
}

void Summary::add(std::span<const double> values) {
    for (double v : values) check_value(v);
    count_ = checked_total(count_, values.size(), "Summary");
    for (double v : values) ++counts_[v + 0.0];
}

void Summary::merge(const Summary& other) {
    if (other.unit_ != unit_)
        throw std::invalid_argument("Summary: cannot merge a summary in '" + std::string(to_string(other.unit_)) +
                                    "' into one in '" + std::string(to_string(unit_)) + "'");
    const std::uint64_t total = checked_total(count_, other.count_, "Summary");
    if (&other == this) {
        for (auto& entry : counts_) entry.second *= 2;
    } else {
        for (const auto& [value, times] : other.counts_) counts_[value] += times;
    }
    count_ = total;
}

double Summary::sum() const {
    ExactSum total;
    for (const auto& [value, times] : counts_) total.add_product(value, static_cast<double>(times));
    return total.value();
}

double Summary::mean() const { return count_ == 0 ? nan : sum() / static_cast<double>(count_); }

double Summary::variance() const {
    if (count_ < 2) return nan;
    const double m = mean();
    // As in describe(): deviations from the rounded mean, each square summed exactly
    // `times` times, which is the very sum describe() forms value by value.
    ExactSum squares;
    try {
        for (const auto& [value, times] : counts_) {
            const double d = value - m;
            if (!std::isfinite(d * d)) return inf;
            squares.add_product(d * d, static_cast<double>(times));
        }
    } catch (const std::overflow_error&) {
        return inf;
    }
    return squares.value() / static_cast<double>(count_ - 1);
}

double Summary::stddev() const { return std::sqrt(variance()); }

double Summary::min() const { return counts_.empty() ? nan : counts_.begin()->first; }

double Summary::max() const { return counts_.empty() ? nan : counts_.rbegin()->first; }

namespace {
// The i-th and j-th smallest values (0-based, i <= j) in one walk of the map.
std::pair<double, double> order_statistics(const std::map<double, std::uint64_t>& counts, std::uint64_t i,
                                           std::uint64_t j) {
    std::pair<double, double> out{nan, nan};
    std::uint64_t seen = 0;
    bool found_i = false;
    for (const auto& [value, times] : counts) {
        seen += times;
        if (!found_i && i < seen) {
            out.first = value;
            found_i = true;
        }
        if (j < seen) {
            out.second = value;
            break;
        }
    }
    return out;
}
}  // namespace

double Summary::median() const {
    if (count_ == 0) return nan;
    if (count_ % 2 == 1) return order_statistics(counts_, count_ / 2, count_ / 2).first;
    auto [a, b] = order_statistics(counts_, count_ / 2 - 1, count_ / 2);
    return std::midpoint(a, b);
}

double Summary::quantile(double q) const {
    if (!(q >= 0.0 && q <= 1.0)) throw std::invalid_argument("a quantile must lie in [0, 1], got " + std::to_string(q));
    if (count_ == 0) return nan;
    // Index arithmetic as numpy does it, in doubles: (n - 1) q is exact enough below 2^53.
    const double position = static_cast<double>(count_ - 1) * q;
    const double below = std::floor(position);
    const auto i = static_cast<std::uint64_t>(below);
    const std::uint64_t j = std::min(i + 1, count_ - 1);
    auto [a, b] = order_statistics(counts_, i, j);
    return detail::numpy_lerp(a, b, position - below);
}

Description Summary::describe() const {
    Description out;
    out.count = count_;
    out.sum = sum();
    if (count_ == 0) return out;
    out.mean = out.sum / static_cast<double>(count_);
    out.median = median();
    out.stddev = stddev();
    out.min = min();
    out.max = max();
    return out;
}

std::vector<std::pair<double, std::uint64_t>> Summary::values() const { return {counts_.begin(), counts_.end()}; }

std::size_t Summary::memory_bytes() const noexcept {
    // A red-black tree node: colour and three links, then the key and the count.
    constexpr std::size_t node = 4 * sizeof(void*) + sizeof(std::pair<const double, std::uint64_t>);
    return sizeof(*this) + counts_.size() * node;
}

std::vector<std::uint8_t> Summary::serialize() const {
    detail::ByteWriter out;
    out.reserve(24 + 16 * counts_.size());
    write_header(out, SummaryKind::summary, static_cast<std::uint8_t>(unit_));
    out.u64(count_);
    out.u64(counts_.size());
    for (const auto& [value, times] : counts_) {
        out.f64(value);
        out.u64(times);
    }
    return out.take();
}

Summary Summary::deserialize(std::span<const std::uint8_t> bytes) {
    detail::ByteReader in(bytes, "Summary.deserialize");
    const std::uint8_t unit = read_header(in, SummaryKind::summary);
    if (unit >= unit_count) in.fail("unknown unit code " + std::to_string(unit));
    Summary out(static_cast<Unit>(unit));
    const std::uint64_t count = in.u64();
    if (count > summary_max_count) in.fail("count exceeds 2^53");
    const std::uint64_t distinct = in.u64();
    // Check the length before trusting the header's number of entries.
    if (distinct > in.remaining() / 16) in.fail("truncated input: the header announces " + std::to_string(distinct) +
                                               " entries");
    EntryChecker check(count);
    for (std::uint64_t e = 0; e < distinct; ++e) {
        const double value = in.f64();
        const std::uint64_t times = in.u64();
        for (const std::string& problem : {check.value(value), check.order(as_key(value)), check.multiplicity(times)})
            if (!problem.empty()) in.fail(problem);
        out.counts_.emplace_hint(out.counts_.end(), value, times);
    }
    if (auto problem = check.finish(); !problem.empty()) in.fail(problem);
    in.expect_end();
    out.count_ = count;
    return out;
}

nlohmann::json Summary::to_json() const {
    nlohmann::json entries = nlohmann::json::array();
    for (const auto& [value, times] : counts_) entries.push_back({value, times});
    return {{"format", json_format},   {"version", summary_format_version},
            {"kind", "summary"},       {"unit", std::string(to_string(unit_))},
            {"count", count_},         {"values", std::move(entries)}};
}

Summary Summary::from_json(const nlohmann::json& json) {
    constexpr const char* what = "Summary.from_json";
    try {
        const std::uint64_t count = read_json_header(json, SummaryKind::summary, what);
        const auto unit = parse_unit(json.at("unit").get<std::string>());
        if (!unit) json_fail(what, "unknown unit " + json.at("unit").dump());
        Summary out(*unit);
        const auto& entries = json.at("values");
        if (!entries.is_array()) json_fail(what, "\"values\" is not an array");
        EntryChecker check(count);
        for (const auto& entry : entries) {
            if (!entry.is_array() || entry.size() != 2) json_fail(what, "each value must be [value, multiplicity]");
            const double value = json_double(entry[0], what);
            const std::uint64_t times = json_count(entry[1], what);
            for (const std::string& problem :
                 {check.value(value), check.order(as_key(value)), check.multiplicity(times)})
                if (!problem.empty()) json_fail(what, problem);
            out.counts_.emplace_hint(out.counts_.end(), value, times);
        }
        if (auto problem = check.finish(); !problem.empty()) json_fail(what, problem);
        out.count_ = count;
        return out;
    } catch (const nlohmann::json::exception& e) {
        json_fail(what, e.what());
    }
}

// ---- RatioSummary --------------------------------------------------------------------

namespace {
std::string pair_problem(double numerator, double denominator) {
    if (auto problem = value_problem(numerator); !problem.empty()) return "numerator " + problem;
    if (auto problem = value_problem(denominator); !problem.empty()) return "denominator " + problem;
    if (!(denominator > 0.0)) return "the denominator must be positive, got " + std::to_string(denominator);
    if (!(std::fabs(numerator / denominator) <= summary_max_magnitude))
        return "the ratio " + std::to_string(numerator) + " / " + std::to_string(denominator) + " exceeds 1e290";
    if (numerator == 0.0 && std::signbit(numerator)) return "numerator -0 is not canonical";
    return {};
}
}  // namespace

void RatioSummary::add(double numerator, double denominator) {
    numerator += 0.0;
    if (auto problem = pair_problem(numerator, denominator); !problem.empty())
        throw std::invalid_argument("RatioSummary: " + problem);
    count_ = checked_total(count_, 1, "RatioSummary");
    ++counts_[{numerator, denominator}];
}

void RatioSummary::merge(const RatioSummary& other) {
    const std::uint64_t total = checked_total(count_, other.count_, "RatioSummary");
    if (&other == this) {
        for (auto& entry : counts_) entry.second *= 2;
    } else {
        for (const auto& [pair, times] : other.counts_) counts_[pair] += times;
    }
    count_ = total;
}

double RatioSummary::numerator_sum() const {
    ExactSum total;
    for (const auto& [pair, times] : counts_) total.add_product(pair.first, static_cast<double>(times));
    return total.value();
}

double RatioSummary::denominator_sum() const {
    ExactSum total;
    for (const auto& [pair, times] : counts_) total.add_product(pair.second, static_cast<double>(times));
    return total.value();
}

double RatioSummary::pooled_ratio() const { return count_ == 0 ? nan : numerator_sum() / denominator_sum(); }

double RatioSummary::mean_ratio() const { return ratios().mean(); }

Summary RatioSummary::ratios() const {
    Summary out;
    for (const auto& [pair, times] : counts_) out.add(pair.first / pair.second, times);
    return out;
}

std::vector<RatioPair> RatioSummary::pairs() const {
    std::vector<RatioPair> out;
    out.reserve(counts_.size());
    for (const auto& [pair, times] : counts_) out.push_back({pair.first, pair.second, times});
    return out;
}

std::vector<std::uint8_t> RatioSummary::serialize() const {
    detail::ByteWriter out;
    out.reserve(24 + 24 * counts_.size());
    write_header(out, SummaryKind::ratio_summary, 0);
    out.u64(count_);
    out.u64(counts_.size());
    for (const auto& [pair, times] : counts_) {
        out.f64(pair.first);
        out.f64(pair.second);
        out.u64(times);
    }
    return out.take();
}

RatioSummary RatioSummary::deserialize(std::span<const std::uint8_t> bytes) {
    detail::ByteReader in(bytes, "RatioSummary.deserialize");
    if (read_header(in, SummaryKind::ratio_summary) != 0) in.fail("the unit byte of a ratio summary must be 0");
    RatioSummary out;
    const std::uint64_t count = in.u64();
    if (count > summary_max_count) in.fail("count exceeds 2^53");
    const std::uint64_t distinct = in.u64();
    if (distinct > in.remaining() / 24) in.fail("truncated input: the header announces " + std::to_string(distinct) +
                                               " entries");
    EntryChecker check(count);
    for (std::uint64_t e = 0; e < distinct; ++e) {
        const double numerator = in.f64();
        const double denominator = in.f64();
        const std::uint64_t times = in.u64();
        const std::pair<double, double> key{numerator, denominator};
        for (const std::string& problem : {pair_problem(numerator, denominator), check.order(key), check.multiplicity(times)})
            if (!problem.empty()) in.fail(problem);
        out.counts_.emplace_hint(out.counts_.end(), key, times);
    }
    if (auto problem = check.finish(); !problem.empty()) in.fail(problem);
    in.expect_end();
    out.count_ = count;
    return out;
}

nlohmann::json RatioSummary::to_json() const {
    nlohmann::json entries = nlohmann::json::array();
    for (const auto& [pair, times] : counts_) entries.push_back({pair.first, pair.second, times});
    return {{"format", json_format}, {"version", summary_format_version}, {"kind", "ratio_summary"},
            {"count", count_},       {"pairs", std::move(entries)}};
}

RatioSummary RatioSummary::from_json(const nlohmann::json& json) {
    constexpr const char* what = "RatioSummary.from_json";
    try {
        const std::uint64_t count = read_json_header(json, SummaryKind::ratio_summary, what);
        RatioSummary out;
        const auto& entries = json.at("pairs");
        if (!entries.is_array()) json_fail(what, "\"pairs\" is not an array");
        EntryChecker check(count);
        for (const auto& entry : entries) {
            if (!entry.is_array() || entry.size() != 3)
                json_fail(what, "each pair must be [numerator, denominator, multiplicity]");
            const std::pair<double, double> key{json_double(entry[0], what), json_double(entry[1], what)};
            const std::uint64_t times = json_count(entry[2], what);
            for (const std::string& problem :
                 {pair_problem(key.first, key.second), check.order(key), check.multiplicity(times)})
                if (!problem.empty()) json_fail(what, problem);
            out.counts_.emplace_hint(out.counts_.end(), key, times);
        }
        if (auto problem = check.finish(); !problem.empty()) json_fail(what, problem);
        out.count_ = count;
        return out;
    } catch (const nlohmann::json::exception& e) {
        json_fail(what, e.what());
    }
}

}  // namespace optally::stats
