#pragma once
// Shared by the resolve sources only: the facts as rows, the groups of mentions, the
// summaries (profiles) of clusters that the similarity features are computed from.

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "optally/resolve/resolve.hpp"

namespace optally::resolve::detail {

// One fact, read once from the table's columns; the views point into the table's pool.
struct Row {
    std::string_view doc, metric, scope, operation, evidence, agency, date;
    std::string scope_key;   // normalise_key(scope), "total" for the operation as a whole
    std::string name_key;    // normalise_name(operation), "" when unnamed
    std::string agency_key;  // after agency_aliases, "" when none
    std::optional<long> day;
    double value = 0.0;
    double scaled = 0.0;  // value in days for durations and sentences, else value
    Qualifier qualifier = Qualifier::exact;
    Unit unit = Unit::none;
    std::uint32_t start = 0, end = 0;
    bool has_units = false;  // the metric is a duration or a sentence
    bool is_total() const noexcept { return scope_key == "total"; }
};

// Oldest report first (undated ones count as oldest), then document, then position in it,
// then the figure itself: a total order, so nothing depends on the order facts were read in.
bool report_order(const Row* a, const Row* b);

// The facts one document attributes to one operation name or, when unnamed, to one agency.
struct Group {
    std::string doc, name_key, agency_key;
    std::vector<const Row*> rows;
};

// A figure as the similarity features see it.
struct Stated {
    Bounds bounds;  // tolerant bounds on the scaled value
    double scaled = 0.0;
    bool has_units = false;
    bool is_point = false;
    std::optional<long> day;
};

// What a cluster of groups states, for comparing it with another.
struct Profile {
    std::vector<std::size_t> groups;    // indices into the group list, ascending
    std::vector<std::string> names;     // name keys, sorted, unique
    std::vector<std::string> docs;      // sorted, unique
    // Agency keys of the figures for the whole operation, sorted, unique. A place's figure is
    // credited to that place's force, which says nothing about who ran the operation.
    std::vector<std::string> agencies;
    std::vector<long> days;             // document dates, sorted, unique
    double window_days = 0.0;           // longest duration stated for the whole operation
    bool outcomes_only = true;          // states only court outcomes (ResolveOptions::outcome_metrics)
    std::map<std::string, std::vector<Stated>> figures;  // metric + '\x1f' + scope key
};

Bounds tolerant_bounds(double scaled, Qualifier qualifier, double approximate_tolerance);
bool compatible(const Bounds& a, const Bounds& b);

Profile profile_of(std::size_t group_index, const Group& group, const ResolveOptions& options);
Profile merge_profiles(const Profile& a, const Profile& b);

// The five features of similarity.hpp; nullopt when the two clusters may never merge.
std::optional<std::array<double, 5>> pair_features(const Profile& a, const Profile& b, const ResolveOptions& options);

struct Clustering {
    std::vector<std::vector<std::size_t>> clusters;  // group indices, each ascending, by first group
    std::vector<std::vector<Link>> links;            // per cluster, in merge order
};
// Best-first agglomeration of the groups (see resolve.hpp).
Clustering cluster_groups(const std::vector<Group>& groups, const ResolveOptions& options);

// The facts of one operation as clustered, and the name keys of its groups.
struct Members {
    std::vector<const Row*> rows;     // in report_order
    std::vector<std::string> names;   // sorted, unique
    std::vector<std::string> notes;   // facts taken from another operation, and why
};
// The agency key most total figures of these rows are credited to ("" when none).
std::string lead_agency_key(const std::vector<const Row*>& rows);
// In a document that reports several operations, moves each figure to the one of them it
// agrees with best (see reassign.cpp); rows stay in report_order.
void reassign_within_documents(std::vector<Members>& operations, const ResolveOptions& options);

// Reconciles the facts one operation states for one (metric, scope).
struct Reconciled {
    Figure figure;
    std::optional<Conflict> conflict;
};
Reconciled reconcile(std::string_view metric, std::string_view scope, std::vector<const Row*> rows,
                     const ResolveOptions& options);

// Custodial sentences in years, one per offender, and the sources left out of that list.
void collect_sentences(std::vector<const Row*> rows, Operation& operation);
// Breakdowns that add up to more than the total; nested metrics larger than their whole.
void flag_inconsistencies(const Vocabulary& vocabulary, Operation& operation);

Source source_of(const Row& row);

}  // namespace optally::resolve::detail
