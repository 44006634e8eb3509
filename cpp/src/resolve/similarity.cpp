// Profiles of clusters, the feature matrix of cluster pairs, and the best-first agglomeration.

#include "optally/resolve/similarity.hpp"

#include <Eigen/Core>
#include <algorithm>
#include <cmath>
#include <limits>
#include <set>
#include <tuple>

#include "internal.hpp"

namespace optally::resolve::detail {

namespace {
constexpr double infinity = std::numeric_limits<double>::infinity();

template <class T>
void insert_sorted(std::vector<T>& into, const T& value) {
    auto at = std::lower_bound(into.begin(), into.end(), value);
    if (at == into.end() || *at != value) into.insert(at, value);
}

template <class T>
std::vector<T> sorted_union(const std::vector<T>& a, const std::vector<T>& b) {
    std::vector<T> out;
    out.reserve(a.size() + b.size());
    std::set_union(a.begin(), a.end(), b.begin(), b.end(), std::back_inserter(out));
    return out;
}

template <class T>
bool intersects(const std::vector<T>& a, const std::vector<T>& b) {
    auto i = a.begin();
    auto j = b.begin();
    while (i != a.end() && j != b.end()) {
        if (*i == *j) return true;
        if (*i < *j) ++i;
        else ++j;
    }
    return false;
}

double relative_epsilon(double x) { return 1e-9 * std::max(1.0, std::abs(x)); }

// How much a shared figure says: a coincidence on 2 is cheap, one on 660 is not.
double informativeness(const Stated& a, const Stated& b) {
    if (a.has_units) return 0.5;
    double larger = std::max(a.scaled, b.scaled);
    return std::min(1.0, std::log10(1.0 + larger) / 2.0);
}

double name_feature(const Profile& a, const Profile& b, double floor) {
    if (a.names.empty() || b.names.empty()) return 0.0;
    double best = 0.0;
    for (const auto& x : a.names)
        for (const auto& y : b.names) {
            std::size_t longer = std::max(x.size(), y.size());
            double similarity = longer == 0 ? 1.0
                                            : 1.0 - static_cast<double>(edit_distance(x, y)) / static_cast<double>(longer);
            best = std::max(best, similarity);
        }
    if (best >= 1.0) return 1.0;
    double scaled = std::clamp((best - floor) / (1.0 - floor), 0.0, 1.0);
    return 2.0 * scaled - 1.0;
}

double figures_feature(const Profile& a, const Profile& b) {
    double weighted = 0.0, weights = 0.0;
    auto i = a.figures.begin();
    auto j = b.figures.begin();
    while (i != a.figures.end() && j != b.figures.end()) {
        if (i->first < j->first) {
            ++i;
        } else if (j->first < i->first) {
            ++j;
        } else {
            bool agree = false, same_value = false, update = false;
            double weight = 0.0;
            for (const auto& x : i->second)
                for (const auto& y : j->second) {
                    weight = std::max(weight, informativeness(x, y));
                    if (compatible(x.bounds, y.bounds)) {
                        agree = true;
                        same_value = same_value || std::abs(x.scaled - y.scaled) <= relative_epsilon(x.scaled) ||
                                     (x.is_point && y.is_point);
                    } else if (!x.has_units && x.day && y.day && *x.day != *y.day) {
                        // A later report with a larger count updates a running total ("so far").
                        const Stated& earlier = *x.day < *y.day ? x : y;
                        const Stated& later = *x.day < *y.day ? y : x;
                        update = update || later.scaled > earlier.scaled;
                    }
                }
            if (agree) {
                double w = same_value ? weight : weight / 2.0;
                weighted += w, weights += w;
            } else if (!update) {
                weighted -= weight, weights += weight;
            }
            ++i, ++j;
        }
    }
    return weighted / std::max(1.0, weights);
}

// Least distance in days between the documents of two clusters; infinity when either has none.
double date_gap(const Profile& a, const Profile& b) {
    double gap = infinity;
    auto j = b.days.begin();
    for (long day : a.days) {
        while (j != b.days.end() && *j < day) ++j;
        if (j != b.days.end()) gap = std::min(gap, static_cast<double>(*j - day));
        if (j != b.days.begin()) gap = std::min(gap, static_cast<double>(day - *(j - 1)));
    }
    return gap;
}
}  // namespace

Bounds tolerant_bounds(double scaled, Qualifier qualifier, double approximate_tolerance) {
    Bounds b = bounds_of(scaled, qualifier);
    double eps = relative_epsilon(scaled);
    switch (qualifier) {
        case Qualifier::exact: b.lower -= eps, b.upper += eps; break;
        case Qualifier::about:
            b.lower = scaled * (1.0 - approximate_tolerance) - eps;
            b.upper = scaled * (1.0 + approximate_tolerance) + eps;
            break;
        case Qualifier::at_least: b.lower -= eps; break;
        case Qualifier::up_to: b.upper += eps; break;
        case Qualifier::more_than:
        case Qualifier::fewer_than: break;
    }
    return b;
}

bool compatible(const Bounds& a, const Bounds& b) { return a.intersect(b).has_value(); }

Profile profile_of(std::size_t group_index, const Group& group, const ResolveOptions& options) {
    Profile p;
    p.groups = {group_index};
    p.docs = {group.doc};
    if (!group.name_key.empty()) p.names = {group.name_key};
    for (const Row* row : group.rows) {
        if (!row->agency_key.empty() && row->is_total()) insert_sorted(p.agencies, row->agency_key);
        if (row->day) insert_sorted(p.days, *row->day);
        const auto& outcomes = options.outcome_metrics;
        if (std::find(outcomes.begin(), outcomes.end(), row->metric) == outcomes.end()) p.outcomes_only = false;
        if (row->metric == "sentence") continue;  // one per offender, not a figure of the operation
        if (row->metric == "duration" && row->is_total()) p.window_days = std::max(p.window_days, row->scaled);
        Stated stated{tolerant_bounds(row->scaled, row->qualifier, options.approximate_tolerance), row->scaled,
                      row->has_units, row->qualifier == Qualifier::exact || row->qualifier == Qualifier::about,
                      row->day};
        p.figures[std::string(row->metric) + '\x1f' + row->scope_key].push_back(stated);
    }
    return p;
}

Profile merge_profiles(const Profile& a, const Profile& b) {
    Profile p;
    p.groups = sorted_union(a.groups, b.groups);
    p.names = sorted_union(a.names, b.names);
    p.docs = sorted_union(a.docs, b.docs);
    p.agencies = sorted_union(a.agencies, b.agencies);
    p.days = sorted_union(a.days, b.days);
    p.window_days = std::max(a.window_days, b.window_days);
    p.outcomes_only = a.outcomes_only && b.outcomes_only;
    p.figures = a.figures;
    for (const auto& [key, values] : b.figures) {
        auto& into = p.figures[key];
        into.insert(into.end(), values.begin(), values.end());
    }
    return p;
}

std::optional<std::array<double, 5>> pair_features(const Profile& a, const Profile& b, const ResolveOptions& options) {
    std::array<double, 5> f{};
    f[0] = name_feature(a, b, options.name_floor);
    double gap = date_gap(a, b);
    double limit = std::max(a.window_days, b.window_days) + options.recurrence_gap_days;
    bool both_named = !a.names.empty() && !b.names.empty();
    // Different names are different operations; so are runs of one name too far apart in time.
    if (both_named && f[0] <= -1.0) return std::nullopt;
    bool new_run_possible = !a.outcomes_only && !b.outcomes_only;
    if (both_named && new_run_possible && gap != infinity && gap > limit) return std::nullopt;
    f[1] = intersects(a.docs, b.docs) ? 1.0 : 0.0;
    if (!a.agencies.empty() && !b.agencies.empty()) f[2] = intersects(a.agencies, b.agencies) ? 1.0 : -1.0;
    f[3] = figures_feature(a, b);
    f[4] = gap == infinity || limit <= 0.0 ? 0.0 : std::max(0.0, 1.0 - gap / limit);
    return f;
}

namespace {
std::string describe(const Profile& p, const std::vector<Group>& groups) {
    std::string label;
    for (std::size_t g : p.groups) {
        const Group& group = groups[g];
        std::string name = group.name_key.empty() ? "unnamed" : display_name(group.rows.front()->operation);
        std::string part = group.doc + "#" + name;
        if (label.find(part) != std::string::npos) continue;
        if (!label.empty()) label += ", ";
        label += part;
    }
    return label;
}

// Pairs that could reach the threshold: they share a document, their names are alike, or they
// state a figure of one metric and scope within about 12% of each other. Agency and date alone
// never reach it with sensible weights, so other pairs are not scored. A figure shared by more
// than `crowded` groups (2 arrests) is too common to be evidence and is not used to pair them.
std::vector<std::pair<std::size_t, std::size_t>> candidate_pairs(const std::vector<Group>& groups,
                                                                 const ResolveOptions& options) {
    constexpr std::size_t crowded = 256;
    std::vector<std::pair<std::size_t, std::size_t>> pairs;
    std::map<std::string, std::vector<std::size_t>> index;
    std::map<std::string, std::vector<std::size_t>> by_name;
    auto add_to = [](std::vector<std::size_t>& members, std::size_t g) {
        if (members.empty() || members.back() != g) members.push_back(g);
    };
    for (std::size_t g = 0; g < groups.size(); ++g) {
        add_to(index["doc\x1f" + groups[g].doc], g);
        if (!groups[g].name_key.empty()) add_to(by_name[groups[g].name_key], g);
        for (const Row* row : groups[g].rows) {
            if (row->metric == "sentence") continue;
            long bucket = std::lround(std::log10(1.0 + row->scaled) * 20.0);
            for (long b : {bucket - 1, bucket, bucket + 1})
                add_to(index[std::string(row->metric) + '\x1f' + row->scope_key + '\x1f' + std::to_string(b)], g);
        }
    }
    auto pair_up = [&](const std::vector<std::size_t>& left, const std::vector<std::size_t>& right, bool same) {
        for (std::size_t a = 0; a < left.size(); ++a)
            for (std::size_t b = same ? a + 1 : 0; b < right.size(); ++b)
                if (left[a] != right[b]) pairs.emplace_back(std::min(left[a], right[b]), std::max(left[a], right[b]));
    };
    for (const auto& [key, members] : index)
        if (key.starts_with("doc\x1f") || members.size() <= crowded) pair_up(members, members, true);
    std::vector<const std::pair<const std::string, std::vector<std::size_t>>*> names;
    for (const auto& entry : by_name) names.push_back(&entry);
    for (std::size_t a = 0; a < names.size(); ++a) {
        pair_up(names[a]->second, names[a]->second, true);
        for (std::size_t b = a + 1; b < names.size(); ++b) {
            const std::string& x = names[a]->first;
            const std::string& y = names[b]->first;
            double similarity = 1.0 - static_cast<double>(edit_distance(x, y)) /
                                          static_cast<double>(std::max(x.size(), y.size()));
            if (similarity > options.name_floor) pair_up(names[a]->second, names[b]->second, false);
        }
    }
    std::sort(pairs.begin(), pairs.end());
    pairs.erase(std::unique(pairs.begin(), pairs.end()), pairs.end());
    return pairs;
}
}  // namespace

Clustering cluster_groups(const std::vector<Group>& groups, const ResolveOptions& options) {
    const auto& w = options.weights;
    Eigen::Matrix<double, 5, 1> weights;
    weights << w.name, w.same_document, w.agency, w.figures, w.date;

    std::vector<std::optional<Profile>> profiles(groups.size());
    std::vector<std::size_t> version(groups.size(), 0);
    std::vector<std::vector<Link>> links(groups.size());
    std::vector<std::set<std::size_t>> neighbours(groups.size());
    for (std::size_t g = 0; g < groups.size(); ++g) profiles[g] = profile_of(g, groups[g], options);

    // Best first: -score, then the lower pair of indices. An entry whose clusters have changed
    // since it was scored (their version moved on) is stale and skipped when it comes up.
    struct Entry {
        double negative_score;
        std::size_t i, j, version_i, version_j, features;
        auto key() const { return std::tie(negative_score, i, j, version_i, version_j); }
        bool operator<(const Entry& other) const { return key() < other.key(); }
    };
    std::set<Entry> queue;
    std::vector<std::array<double, 5>> features_seen;

    // One feature matrix per batch of pairs, scored in one product.
    auto score_pairs = [&](const std::vector<std::pair<std::size_t, std::size_t>>& pairs) {
        std::vector<std::pair<std::size_t, std::size_t>> kept;
        std::vector<std::array<double, 5>> rows;
        for (auto [i, j] : pairs)
            if (auto f = pair_features(*profiles[i], *profiles[j], options)) kept.emplace_back(i, j), rows.push_back(*f);
        Eigen::Matrix<double, Eigen::Dynamic, 5, Eigen::RowMajor> matrix(static_cast<Eigen::Index>(rows.size()), 5);
        for (std::size_t r = 0; r < rows.size(); ++r)
            for (std::size_t k = 0; k < 5; ++k) matrix(Eigen::Index(r), Eigen::Index(k)) = rows[r][k];
        Eigen::VectorXd scores = matrix * weights;
        for (std::size_t r = 0; r < kept.size(); ++r) {
            double score = scores(Eigen::Index(r));
            if (score < options.similarity_threshold) continue;
            auto [i, j] = kept[r];
            queue.insert(Entry{-score, i, j, version[i], version[j], features_seen.size()});
            features_seen.push_back(rows[r]);
        }
    };

    const auto initial = candidate_pairs(groups, options);
    for (auto [i, j] : initial) neighbours[i].insert(j), neighbours[j].insert(i);
    score_pairs(initial);

    while (!queue.empty()) {
        Entry best = *queue.begin();
        queue.erase(queue.begin());
        auto [i, j] = std::pair(best.i, best.j);
        if (!profiles[i] || !profiles[j] || version[i] != best.version_i || version[j] != best.version_j) continue;
        Link link{describe(*profiles[i], groups), describe(*profiles[j], groups), features_seen[best.features],
                  -best.negative_score};
        // The merged cluster keeps the smaller index, so its first group names it in ties.
        profiles[i] = merge_profiles(*profiles[i], *profiles[j]);
        profiles[j].reset();
        ++version[i];
        links[i].insert(links[i].end(), links[j].begin(), links[j].end());
        links[i].push_back(std::move(link));
        links[j].clear();
        for (std::size_t n : neighbours[j]) {
            neighbours[n].erase(j);
            if (n != i) neighbours[i].insert(n), neighbours[n].insert(i);
        }
        neighbours[j].clear();
        neighbours[i].erase(j);
        std::vector<std::pair<std::size_t, std::size_t>> fresh;
        for (std::size_t n : neighbours[i])
            if (profiles[n]) fresh.emplace_back(std::min(i, n), std::max(i, n));
        score_pairs(fresh);
    }

    Clustering out;
    for (std::size_t g = 0; g < groups.size(); ++g) {
        if (!profiles[g]) continue;
        out.clusters.push_back(profiles[g]->groups);
        out.links.push_back(std::move(links[g]));
    }
    return out;
}

}  // namespace optally::resolve::detail
