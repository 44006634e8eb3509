// Reconciling the figures of one operation: agreeing statements are intersected, disagreeing
// ones become a conflict settled by the policy, and nothing is dropped.

#include <algorithm>
#include <cmath>
#include <limits>
#include <tuple>

#include "internal.hpp"
#include "optally/facts/vocabulary.hpp"

namespace optally::resolve::detail {

namespace {
constexpr double infinity = std::numeric_limits<double>::infinity();

bool same(double a, double b) { return std::abs(a - b) <= 1e-9 * std::max({1.0, std::abs(a), std::abs(b)}); }

// Six decimals are more than any report states; they hide the noise of 48 h / 24 → days.
double tidy(double x) { return std::round(x * 1e6) / 1e6; }

long day_or_oldest(const Row* row) { return row->day.value_or(std::numeric_limits<long>::min()); }

bool is_lower(Qualifier q) { return q == Qualifier::more_than || q == Qualifier::at_least; }

std::optional<Bounds> intersect_all(const std::vector<const Row*>& rows, double tolerance) {
    std::optional<Bounds> together;
    for (const Row* row : rows) {
        Bounds b = tolerant_bounds(row->scaled, row->qualifier, tolerance);
        together = together ? together->intersect(b) : std::optional<Bounds>(b);
        if (!together) return std::nullopt;
    }
    return together;
}

// The value most of the rows state (first stated wins a tie), among rows passing `keep`.
template <class Keep>
std::vector<const Row*> most_stated(const std::vector<const Row*>& rows, Keep keep) {
    std::vector<const Row*> best;
    for (const Row* candidate : rows) {
        if (!keep(candidate)) continue;
        std::vector<const Row*> alike;
        for (const Row* row : rows)
            if (keep(row) && row->qualifier == candidate->qualifier && same(row->scaled, candidate->scaled))
                alike.push_back(row);
        if (alike.size() > best.size()) best = std::move(alike);
    }
    return best;
}

struct Summary {
    double value = 0.0;
    Qualifier qualifier = Qualifier::exact;
    Unit unit = Unit::none;
    Bounds bounds;
};

// One figure from statements that agree: an exact figure where one is stated, else an
// approximate one, else the tightest bound ("more than 40" and "42" give 42; "some 80" and
// "80" give 80; "more than 40" and "more than 141" give more than 141).
Summary summarise(const std::vector<const Row*>& rows, const Bounds& together) {
    std::vector<const Row*> support = most_stated(rows, [](const Row* r) { return r->qualifier == Qualifier::exact; });
    if (support.empty()) support = most_stated(rows, [](const Row* r) { return r->qualifier == Qualifier::about; });
    if (support.empty() && together.lower > 0.0)
        support = most_stated(rows, [&](const Row* r) { return is_lower(r->qualifier) && same(r->scaled, together.lower); });
    if (support.empty())
        support = most_stated(rows, [&](const Row* r) { return !is_lower(r->qualifier) && same(r->scaled, together.upper); });
    if (support.empty()) support = {rows.front()};  // unreachable with consistent bounds; keeps it total

    Summary s;
    const Row& lead = *support.front();
    s.qualifier = lead.qualifier;
    if (lead.has_units) {
        // The unit most supporting sources state; in a tie the larger unit ("2 days", not
        // "48 hours"), which is how an analyst would write it.
        int best_count = 0;
        for (const Row* row : support) {
            int count = static_cast<int>(std::count_if(support.begin(), support.end(),
                                                       [&](const Row* r) { return r->unit == row->unit; }));
            if (count > best_count || (count == best_count && row->unit > s.unit)) best_count = count, s.unit = row->unit;
        }
    }
    double scale = lead.has_units ? days_per(s.unit) : 1.0;
    s.value = tidy(lead.scaled / scale);
    if (lead.qualifier == Qualifier::exact) {
        s.bounds = bounds_of(s.value, Qualifier::exact);
    } else {
        s.bounds = together;
        s.bounds.lower = tidy(std::max(0.0, together.lower) / scale);
        s.bounds.upper = together.upper == infinity ? infinity : tidy(together.upper / scale);
        s.bounds.approximate = lead.qualifier == Qualifier::about;
    }
    return s;
}

// The source a policy prefers when reports disagree. Support counts the documents whose
// statements are compatible with a source. Ties fall to the other criteria, then to the
// older-listed source, so the choice never depends on the order facts were read.
const Row* choose(const std::vector<const Row*>& rows, Policy policy, double tolerance) {
    auto support = [&](const Row* row) {
        Bounds b = tolerant_bounds(row->scaled, row->qualifier, tolerance);
        std::vector<std::string_view> docs;
        for (const Row* other : rows)
            if (compatible(b, tolerant_bounds(other->scaled, other->qualifier, tolerance)) &&
                std::find(docs.begin(), docs.end(), other->doc) == docs.end())
                docs.push_back(other->doc);
        return docs.size();
    };
    auto key = [&](const Row* row) {
        long day = day_or_oldest(row);
        std::size_t n = support(row);
        switch (policy) {
            // Without dates a larger running total is the likelier update ("so far" figures grow).
            case Policy::latest: return std::tuple<double, double, double>(double(day), double(n), row->scaled);
            case Policy::max: return std::tuple<double, double, double>(row->scaled, double(day), double(n));
            case Policy::min: return std::tuple<double, double, double>(-row->scaled, double(day), double(n));
            case Policy::most_reported: return std::tuple<double, double, double>(double(n), double(day), row->scaled);
        }
        return std::tuple<double, double, double>(0, 0, 0);
    };
    const Row* best = rows.front();
    auto best_key = key(best);
    for (const Row* row : rows) {
        auto k = key(row);
        if (k > best_key) best = row, best_key = k;
    }
    return best;
}
}  // namespace

bool report_order(const Row* a, const Row* b) {
    auto key = [](const Row* r) {
        return std::tuple(day_or_oldest(r), r->doc, r->start, r->end, r->scaled, r->qualifier, r->unit, r->scope_key,
                          r->evidence, r->agency_key);
    };
    return key(a) < key(b);
}

Source source_of(const Row& row) {
    return Source{std::string(row.doc), std::string(row.evidence), row.start,  row.end,
                  row.value,            row.qualifier,             row.unit,   std::string(row.date),
                  std::string(row.agency)};
}

Reconciled reconcile(std::string_view metric, std::string_view scope, std::vector<const Row*> rows,
                     const ResolveOptions& options) {
    std::sort(rows.begin(), rows.end(), report_order);
    Reconciled out;
    Figure& figure = out.figure;
    figure.metric = metric;
    figure.scope = scope;
    for (const Row* row : rows) figure.sources.push_back(source_of(*row));

    const double tolerance = options.approximate_tolerance;
    std::vector<const Row*> agreeing = rows;
    std::optional<Bounds> together = intersect_all(rows, tolerance);
    if (!together) {
        // The chosen source and every source compatible with all chosen so far, in report order.
        const Row* chosen = choose(rows, options.policy, tolerance);
        agreeing = {chosen};
        together = tolerant_bounds(chosen->scaled, chosen->qualifier, tolerance);
        for (const Row* row : rows) {
            if (row == chosen) continue;
            if (auto both = together->intersect(tolerant_bounds(row->scaled, row->qualifier, tolerance)))
                together = both, agreeing.push_back(row);
        }
        figure.conflicted = true;
    }
    Summary s = summarise(agreeing, *together);
    figure.value = s.value, figure.qualifier = s.qualifier, figure.unit = s.unit, figure.bounds = s.bounds;
    if (figure.conflicted)
        out.conflict = Conflict{figure.metric, figure.scope, figure.sources, s.value, s.qualifier, s.unit, options.policy};
    return out;
}

void collect_sentences(std::vector<const Row*> rows, Operation& operation) {
    std::sort(rows.begin(), rows.end(), report_order);
    // Only exact sentences are offenders: "sentences from 2½ to 5 years" summarises offenders
    // already listed one by one, so its endpoints would count them twice.
    // A later report restating sentences cannot be told from new ones, so each length is kept
    // as often as the one report that states it most often: the union of the reports' lists
    // by largest multiplicity.
    std::vector<double> kept;
    std::size_t i = 0;
    while (i < rows.size()) {
        std::size_t doc_end = i;
        while (doc_end < rows.size() && rows[doc_end]->doc == rows[i]->doc) ++doc_end;
        std::vector<double> in_doc;
        for (std::size_t k = i; k < doc_end; ++k) {
            const Row& row = *rows[k];
            if (row.qualifier != Qualifier::exact) {
                operation.sentences_not_counted.push_back(source_of(row));
                continue;
            }
            // A sentence without a unit is read in years, the unit reports use by default.
            double years = tidy(row.unit == Unit::none ? row.value : row.scaled / days_per(Unit::years));
            in_doc.push_back(years);
            auto count = [&](const std::vector<double>& list) {
                return std::count_if(list.begin(), list.end(), [&](double y) { return same(y, years); });
            };
            if (count(kept) < count(in_doc)) kept.push_back(years);
        }
        i = doc_end;
    }
    operation.sentences_years = std::move(kept);
}

namespace {
std::string number(double x) {
    std::string text = std::to_string(x);
    text.erase(text.find_last_not_of('0') + 1);
    if (!text.empty() && text.back() == '.') text.pop_back();
    return text;
}
}  // namespace

void flag_inconsistencies(const Vocabulary& vocabulary, Operation& operation) {
    for (const Figure& total : operation.figures) {
        const MetricInfo* info = vocabulary.find(total.metric);
        if (info && info->is_count()) {
            double sum = 0.0;
            std::size_t parts = 0;
            for (const Figure& part : operation.breakdown)
                if (part.metric == total.metric) sum += part.bounds.lower, ++parts;
            if (parts > 0 && sum > total.bounds.upper)
                operation.flags.push_back("breakdown of " + total.metric + " sums to " + number(sum) +
                                          ", more than the total of " + number(total.value));
        }
        for (const Figure& whole : operation.figures)
            if (vocabulary.nests(total.metric, whole.metric) && total.bounds.lower > whole.bounds.upper)
                operation.flags.push_back(total.metric + " (" + number(total.value) + ") exceeds " + whole.metric +
                                          " (" + number(whole.value) + ") that it is part of");
    }
}

}  // namespace optally::resolve::detail
