// resolve(): facts -> groups of mentions -> clusters -> operations with reconciled figures.

#include "optally/resolve/resolve.hpp"

#include <algorithm>
#include <map>
#include <set>
#include <tuple>

#include "internal.hpp"
#include "optally/resolve/similarity.hpp"

namespace optally::resolve {

using detail::Group;
using detail::Row;

namespace {

// Agency keys after the alias table, and the spelling to show for each key.
class Agencies {
public:
    explicit Agencies(const ResolveOptions& options) {
        for (const auto& [alias, canonical] : options.agency_aliases) {
            alias_to_key_[normalise_key(alias)] = normalise_key(canonical);
            alias_to_key_[normalise_key(canonical)] = normalise_key(canonical);
            canonical_[normalise_key(canonical)] = canonical;
        }
    }
    std::string key_of(std::string_view agency) const {
        std::string key = normalise_key(agency);
        auto found = alias_to_key_.find(key);
        return found == alias_to_key_.end() ? key : found->second;
    }
    // The canonical name when the alias table has one, else the raw spelling given.
    std::string display(const std::string& key, std::string_view spelling) const {
        auto found = canonical_.find(key);
        return found == canonical_.end() ? std::string(spelling) : found->second;
    }

private:
    std::map<std::string, std::string> alias_to_key_, canonical_;
};

std::vector<Row> read_rows(const FactTable& facts, const Agencies& agencies) {
    const Vocabulary& vocabulary = facts.vocabulary();
    const auto& strings = facts.strings();
    std::map<std::uint32_t, std::pair<std::string_view, std::optional<long>>> dates;  // per document id
    std::vector<Row> rows(facts.size());
    for (std::size_t i = 0; i < facts.size(); ++i) {
        Row& row = rows[i];
        std::uint32_t doc_id = facts.doc_ids()[i];
        auto [known, inserted] = dates.try_emplace(doc_id);
        if (inserted) {
            known->second.first = facts.date_of_doc(strings.at(doc_id));
            known->second.second = day_number(known->second.first);
        }
        row.doc = strings.at(doc_id);
        row.date = known->second.first;
        row.day = known->second.second;
        const MetricInfo& info = vocabulary.at(facts.metric_ids()[i]);
        row.metric = info.name;
        row.scope = strings.at(facts.scope_ids()[i]);
        row.operation = strings.at(facts.operation_ids()[i]);
        row.evidence = strings.at(facts.evidence_ids()[i]);
        row.agency = strings.at(facts.agency_ids()[i]);
        row.scope_key = normalise_key(row.scope);
        if (row.scope_key.empty()) row.scope_key = "total";
        row.name_key = normalise_name(row.operation);
        row.agency_key = agencies.key_of(row.agency);
        row.value = facts.value_column()[i];
        row.qualifier = facts.qualifier(i);
        row.unit = facts.unit(i);
        row.has_units = !info.is_count();
        row.scaled = row.has_units ? row.value * days_per(row.unit) : row.value;
        row.start = facts.starts()[i];
        row.end = facts.ends()[i];
    }
    return rows;
}

// One group per (document, operation name); unnamed facts per (document, agency of a total
// figure), their place breakdowns with the document's agency-less group, because a place's
// figure is naturally credited to that place's force rather than to the operation's lead.
std::vector<Group> group_rows(const std::vector<Row>& rows) {
    std::map<std::tuple<std::string_view, std::string_view, std::string_view>, Group> by_key;
    for (const Row& row : rows) {
        std::string_view agency = row.name_key.empty() && row.is_total() ? std::string_view(row.agency_key) : "";
        Group& group = by_key[{row.doc, row.name_key, agency}];
        if (group.rows.empty()) group.doc = row.doc, group.name_key = row.name_key, group.agency_key = agency;
        group.rows.push_back(&row);
    }
    std::vector<Group> groups;
    groups.reserve(by_key.size());
    for (auto& [key, group] : by_key) {
        std::sort(group.rows.begin(), group.rows.end(), detail::report_order);
        groups.push_back(std::move(group));
    }
    return groups;
}

// Most frequent, then alphabetically first.
template <class Map>
std::string most_counted(const Map& counts) {
    std::string best;
    long best_count = -1;
    for (const auto& [text, count] : counts)
        if (static_cast<long>(count) > best_count) best = text, best_count = static_cast<long>(count);
    return best;
}

struct Spelling {
    std::set<std::string_view> docs;
    long occurrences = 0;
    std::map<std::string, long> displays;
};

bool carries_name(const Row* row, const detail::Members& members) {
    return !row->name_key.empty() &&
           std::binary_search(members.names.begin(), members.names.end(), row->name_key);
}

// Name and aliases: the canonical name is the spelling the most documents use, then the one
// used most often (counted in the text when the extractor gives name mentions for a document,
// else in its facts), then the alphabetically first. Spellings that differ only in case or
// punctuation are one name. A fact taken from another operation brings no name along.
void name_operation(const detail::Members& members, const std::multimap<std::string, NameMention, std::less<>>& mentions,
                    const ResolveOptions& options, Operation& operation) {
    std::map<std::string, Spelling> spellings;
    std::set<std::string_view> docs;
    for (const Row* row : members.rows) {
        docs.insert(row->doc);
        if (!carries_name(row, members)) continue;
        Spelling& s = spellings[row->name_key];
        s.docs.insert(row->doc);
        ++s.displays[display_name(row->operation)];
        if (mentions.find(row->doc) == mentions.end()) ++s.occurrences;
    }
    if (spellings.empty()) return;
    // A spelling the text uses counts for this operation when it is one of its names or, in one
    // of its documents, close to one (a slip the facts did not carry).
    const double alike = (1.0 + options.name_floor) / 2.0;
    for (std::string_view doc : docs) {
        auto [from, to] = mentions.equal_range(doc);
        for (auto it = from; it != to; ++it) {
            const NameMention& m = it->second;
            std::string key = normalise_name(m.spelling);
            if (key.empty()) continue;
            bool ours = std::any_of(members.names.begin(), members.names.end(), [&](const std::string& k) {
                return k == key || name_similarity(k, key) > alike;
            });
            if (!ours) continue;
            Spelling& s = spellings[key];
            s.docs.insert(doc);
            s.occurrences += m.count;
            s.displays[display_name(m.spelling)] += m.count;
        }
    }
    auto rank = [](const std::pair<const std::string, Spelling>& entry) {
        return std::pair(static_cast<long>(entry.second.docs.size()), entry.second.occurrences);
    };
    auto best = spellings.begin();
    for (auto it = spellings.begin(); it != spellings.end(); ++it)
        if (rank(*it) > rank(*best)) best = it;
    operation.name = most_counted(best->second.displays);
    for (const auto& [key, s] : spellings)
        if (key != best->first) operation.aliases.push_back(most_counted(s.displays));
    std::sort(operation.aliases.begin(), operation.aliases.end());
}

std::string lead_agency_of(const std::vector<const Row*>& rows, const Agencies& agencies) {
    std::string key = detail::lead_agency_key(rows);
    if (key.empty()) return {};
    std::map<std::string, long> spellings;
    for (const Row* row : rows)
        if (row->agency_key == key) ++spellings[std::string(row->agency)];
    return agencies.display(key, most_counted(spellings));
}

// Each document once: its id, or id#name when it reports several operations (the spelling it
// uses for this one, or "unnamed" when it names none).
std::vector<std::string> mentions_of(const detail::Members& members, const std::map<std::string_view, int>& reporting,
                                     std::map<std::string_view, int>& unnamed_seen) {
    std::map<std::string_view, std::map<std::string, long>> spellings;  // doc -> own spelling -> facts
    for (const Row* row : members.rows) {
        auto& own = spellings[row->doc];
        if (carries_name(row, members)) ++own[display_name(row->operation)];
    }
    std::vector<std::string> mentions;
    for (const auto& [doc, own] : spellings) {
        if (reporting.at(doc) == 1) {
            mentions.emplace_back(doc);
        } else if (!own.empty()) {
            mentions.push_back(std::string(doc) + "#" + most_counted(own));
        } else {
            int n = ++unnamed_seen[doc];
            mentions.push_back(std::string(doc) + "#unnamed" + (n > 1 ? "-" + std::to_string(n) : ""));
        }
    }
    std::sort(mentions.begin(), mentions.end());
    return mentions;
}

void reconcile_figures(const std::vector<const Row*>& rows, const FactTable& facts, const ResolveOptions& options,
                       Operation& operation) {
    const Vocabulary& vocabulary = facts.vocabulary();
    // (is breakdown, scope key, metric index) orders totals first, then places, then metrics
    // in vocabulary order.
    std::map<std::tuple<bool, std::string, std::uint8_t>, std::vector<const Row*>> cells;
    std::map<std::string, std::map<std::string, long>> scope_spellings;
    std::vector<const Row*> sentences;
    for (const Row* row : rows) {
        if (row->metric == "sentence") {
            sentences.push_back(row);
            continue;
        }
        cells[{!row->is_total(), row->scope_key, *vocabulary.index_of(row->metric)}].push_back(row);
        ++scope_spellings[row->scope_key][std::string(row->scope)];
    }
    for (auto& [cell, cell_rows] : cells) {
        auto& [is_breakdown, scope_key, metric] = cell;
        std::string scope = is_breakdown ? most_counted(scope_spellings[scope_key]) : "total";
        auto reconciled = detail::reconcile(vocabulary.at(metric).name, scope, cell_rows, options);
        (is_breakdown ? operation.breakdown : operation.figures).push_back(std::move(reconciled.figure));
        if (reconciled.conflict) operation.conflicts.push_back(std::move(*reconciled.conflict));
    }
    detail::collect_sentences(std::move(sentences), operation);
    detail::flag_inconsistencies(vocabulary, operation);
}

}  // namespace

OperationSet resolve(const FactTable& facts, const ResolveOptions& options) { return resolve(facts, {}, options); }

OperationSet resolve(const FactTable& facts, std::span<const NameMention> names, const ResolveOptions& options) {
    Agencies agencies(options);
    const std::vector<Row> rows = read_rows(facts, agencies);
    const std::vector<Group> groups = group_rows(rows);
    detail::Clustering clustering = detail::cluster_groups(groups, options);

    std::vector<detail::Members> members(clustering.clusters.size());
    for (std::size_t c = 0; c < members.size(); ++c) {
        for (std::size_t g : clustering.clusters[c]) {
            members[c].rows.insert(members[c].rows.end(), groups[g].rows.begin(), groups[g].rows.end());
            if (!groups[g].name_key.empty()) members[c].names.push_back(groups[g].name_key);
        }
        std::sort(members[c].rows.begin(), members[c].rows.end(), detail::report_order);
        std::sort(members[c].names.begin(), members[c].names.end());
        members[c].names.erase(std::unique(members[c].names.begin(), members[c].names.end()), members[c].names.end());
    }
    detail::reassign_within_documents(members, options);

    std::multimap<std::string, NameMention, std::less<>> mentions;
    for (const NameMention& m : names) mentions.emplace(m.doc, m);

    // How many operations each document reports, to tell when a mention needs its #name.
    std::map<std::string_view, int> reporting;
    for (const auto& m : members) {
        std::set<std::string_view> docs;
        for (const Row* row : m.rows) docs.insert(row->doc);
        for (std::string_view doc : docs) ++reporting[doc];
    }

    OperationSet out;
    out.policy = options.policy;
    std::map<std::string_view, int> unnamed_seen;
    for (std::size_t c = 0; c < members.size(); ++c) {
        const detail::Members& m = members[c];
        if (m.rows.empty()) continue;  // every fact went to another operation of its report
        Operation operation;
        name_operation(m, mentions, options, operation);
        operation.lead_agency = lead_agency_of(m.rows, agencies);
        operation.mentions = mentions_of(m, reporting, unnamed_seen);
        operation.links = std::move(clustering.links[c]);
        std::set<std::string_view> dates;
        for (const Row* row : m.rows)
            if (row->day) dates.insert(row->date);
        if (!dates.empty()) operation.first_reported = *dates.begin(), operation.last_reported = *dates.rbegin();
        reconcile_figures(m.rows, facts, options, operation);
        operation.flags.insert(operation.flags.end(), m.notes.begin(), m.notes.end());
        out.operations.push_back(std::move(operation));
    }

    // Earliest report first (undated after dated), then first document, then the operation
    // more documents report, then name: a stable order for readers and diffs.
    auto order = [](const Operation& o) {
        std::string first_doc = o.mentions.empty() ? "" : o.mentions.front().substr(0, o.mentions.front().find('#'));
        return std::tuple(o.first_reported.empty(), o.first_reported, first_doc, -static_cast<long>(o.mentions.size()),
                          o.name);
    };
    std::stable_sort(out.operations.begin(), out.operations.end(),
                     [&](const Operation& a, const Operation& b) { return order(a) < order(b); });
    return out;
}

const Figure* Operation::figure(std::string_view metric, std::string_view scope) const {
    const auto& list = scope == "total" ? figures : breakdown;
    std::string key = normalise_key(scope);
    for (const Figure& f : list)
        if (f.metric == metric && normalise_key(f.scope) == key) return &f;
    return nullptr;
}

const Operation* OperationSet::find(std::string_view name) const {
    std::string key = normalise_name(name);
    for (const Operation& o : operations) {
        if (!o.name.empty() && normalise_name(o.name) == key) return &o;
        for (const auto& alias : o.aliases)
            if (normalise_name(alias) == key) return &o;
    }
    return nullptr;
}

}  // namespace optally::resolve
