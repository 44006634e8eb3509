// A report about two operations may credit a sentence's figure to the wrong one: an
// island's operation named early in the text keeps the name while the report turns to the
// national operation it mirrors. Clustering moves whole groups of facts; this second pass
// moves single facts, and only between operations that the same document reports.
//
// A fact is scored against each operation its document reports:
//   +1 / -1  the operation's other statements of the same metric and scope agree / contradict
//   +1 / -1  the fact's agency is / is not the operation's lead agency (both known)
// and moves when another operation scores strictly higher than its own. Scores are computed
// on the clusters as they stand before any move, so moves never cascade.

#include <algorithm>
#include <map>
#include <set>

#include "internal.hpp"

namespace optally::resolve::detail {

std::string lead_agency_key(const std::vector<const Row*>& rows) {
    // Total figures first: a place's figure is credited to its own force, not to the lead.
    for (bool totals_only : {true, false}) {
        std::map<std::string_view, long> counts;
        for (const Row* row : rows)
            if (!row->agency_key.empty() && (!totals_only || row->is_total())) ++counts[row->agency_key];
        std::string_view best;
        long best_count = 0;
        for (const auto& [key, count] : counts)
            if (count > best_count) best = key, best_count = count;
        if (best_count > 0) return std::string(best);
    }
    return {};
}

namespace {
int agreement(const Row& fact, const Members& operation, double tolerance) {
    Bounds bounds = tolerant_bounds(fact.scaled, fact.qualifier, tolerance);
    bool any = false;
    for (const Row* other : operation.rows) {
        if (other == &fact || other->metric != fact.metric || other->scope_key != fact.scope_key) continue;
        any = true;
        if (compatible(bounds, tolerant_bounds(other->scaled, other->qualifier, tolerance))) return 1;
    }
    return any ? -1 : 0;
}

std::string describe(const Row& row) {
    std::string value = std::to_string(row.value);
    value.erase(value.find_last_not_of('0') + 1);
    if (value.back() == '.') value.pop_back();
    return std::string(row.metric) + " " + value + (row.is_total() ? "" : " in " + std::string(row.scope)) + " of " +
           std::string(row.doc);
}
}  // namespace

void reassign_within_documents(std::vector<Members>& operations, const ResolveOptions& options) {
    std::map<std::string_view, std::vector<std::size_t>> by_doc;  // doc -> operations reporting it
    for (std::size_t o = 0; o < operations.size(); ++o)
        for (const Row* row : operations[o].rows) {
            auto& list = by_doc[row->doc];
            if (std::find(list.begin(), list.end(), o) == list.end()) list.push_back(o);
        }
    std::vector<std::string> leads;
    for (const Members& m : operations) leads.push_back(lead_agency_key(m.rows));

    struct Move {
        const Row* row;
        std::size_t from, to;
    };
    std::vector<Move> moves;
    for (std::size_t o = 0; o < operations.size(); ++o)
        for (const Row* row : operations[o].rows) {
            const auto& candidates = by_doc[row->doc];
            if (candidates.size() < 2 || row->metric == "sentence") continue;  // sentences are per offender
            auto score = [&](std::size_t c) {
                int s = agreement(*row, operations[c], options.approximate_tolerance);
                if (!row->agency_key.empty() && !leads[c].empty()) s += row->agency_key == leads[c] ? 1 : -1;
                return s;
            };
            std::size_t best = o;
            int best_score = score(o);
            for (std::size_t c : candidates)
                if (c != o && score(c) > best_score) best = c, best_score = score(c);
            if (best != o) moves.push_back({row, o, best});
        }
    for (const Move& move : moves) {
        auto& from = operations[move.from].rows;
        from.erase(std::find(from.begin(), from.end(), move.row));
        auto& to = operations[move.to].rows;
        to.insert(std::upper_bound(to.begin(), to.end(), move.row, report_order), move.row);
        operations[move.to].notes.push_back("took " + describe(*move.row) + " from another operation of that report: " +
                                            "its figures and agency fit this one better");
    }
}

}  // namespace optally::resolve::detail
