#pragma once
// Resolution: facts from many reports -> operations with one reconciled figure per
// (metric, scope), every disagreement kept as a conflict with its documents and evidence.
//
// How mentions become operations (see similarity.hpp for the features):
//  1. Facts are grouped per document: one group per operation name the document uses, and,
//     for facts that name no operation, one group per agency of their total figures (their
//     place breakdowns join the document's agency-less group).
//  2. Groups are merged best pair first while the weighted feature score of the two clusters
//     reaches ResolveOptions::similarity_threshold. Ties are broken by the groups' order
//     (document id, name, agency), so the result does not depend on the order of the facts.
//  3. Two named clusters are never merged when their names are unlike (similarity at or
//     below name_floor), nor when their reports
//     lie further apart than the operation's window plus recurrence_gap_days: an annual
//     sweep that keeps its name is a separate operation each time it runs. Reports of court
//     outcomes only (outcome_metrics) are exempt: they come long after the operation.
//  4. In a document that reports several operations, each figure moves to the one of them
//     whose other figures and lead agency it fits best (a report on an island's operation
//     may credit the national figures it goes on to quote to the island's operation name).
//     Each move is noted in the receiving operation's flags.
//  5. Per operation, each (metric, scope) is reconciled: statements whose bounds intersect
//     agree ("more than 40" and 42 -> 42; "some 80" and 80 -> 80); otherwise the policy
//     chooses among them and a Conflict keeps every value with its documents and evidence.

#include <array>
#include <cstdint>
#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "optally/facts/fact.hpp"
#include "optally/facts/fact_table.hpp"

namespace optally::resolve {

// How a conflict between reports is settled. The other values are always kept.
enum class Policy : std::uint8_t {
    // The figure of the latest-dated document; undated reports count as oldest. Ties (one
    // date, or none known) go to the value most documents support, then to the larger one,
    // since a running total ("so far", "to date") only grows.
    latest,
    max,            // the largest figure
    min,            // the smallest figure
    most_reported,  // the figure the most documents agree with (ties: the later report)
};
// Accepts "latest", "max", "min", "most_reported" ("most-reported" too); throws
// std::invalid_argument naming the accepted values otherwise.
Policy parse_policy(std::string_view text);
std::string_view to_string(Policy policy) noexcept;

// Weights of the similarity features; the score of two clusters is features · weights.
// Each feature lies in [-1, 1] (see similarity.hpp for their definitions).
struct SimilarityWeights {
    double name = 5.0;            // large: an exact name outweighs a disagreeing agency and figures
    double same_document = 1.5;   // alone enough: a document's unnamed facts join what it names
    double agency = 1.0;          // alone not enough: one agency runs many operations
    double figures = 2.0;         // one strong shared figure (660 arrests) is enough
    double date = 0.25;           // a nudge only: many operations end in the same week
};

struct ResolveOptions {
    Policy policy = Policy::latest;
    SimilarityWeights weights{};
    // Two clusters merge when their score reaches this. With the default weights: the same
    // document (1.5), a strong shared figure (2), a one-letter slip in an 8-letter name
    // (1.875) each suffice; an agency with a nearby date (1.25) does not.
    double similarity_threshold = 1.3;
    // Normalised names whose similarity (1 - edit distance / length) is at or below this
    // count as different names (feature -1); 1 is the same name (feature +1).
    double name_floor = 0.6;
    // "about 80" is taken to allow 80 ± 5%, so "some 80" agrees with 78 but not with 90.
    double approximate_tolerance = 0.05;
    // How long after an operation's window reports of it may still appear; same-named reports
    // further apart are different runs of a recurring operation.
    double recurrence_gap_days = 180.0;
    // Court outcomes follow an operation by months or years, so reports stating only these
    // (a sentencing a year on) are never taken for a new run of a recurring operation.
    std::vector<std::string> outcome_metrics{"charged", "convicted", "sentence"};
    // Other spellings of agencies, mapped to the name to show ("national crime agency" -> "NCA").
    // Compared case- and punctuation-insensitively.
    std::map<std::string, std::string, std::less<>> agency_aliases;

    // Fields present in the JSON override those of `base`; unknown keys raise InputError.
    static ResolveOptions from_json(const nlohmann::json& json, const ResolveOptions& base, const std::string& file);
    static ResolveOptions from_json(const nlohmann::json& json);  // over the defaults
    static ResolveOptions load(const std::filesystem::path& file);
    // data_dir()/resolve.json when present, else the defaults above. Callers facing users
    // (CLI, Python) should start from this: the defaults carry no agency aliases.
    static ResolveOptions standard();
};

// How often a document spells an operation's name, counted in its text by the extractor. Facts
// carry one name each, so a spelling used only in sentences without figures ("Operation
// Tharlsey" beside "Operation Tharsley") is seen only here. Optional.
struct NameMention {
    std::string doc;
    std::string spelling;
    std::uint32_t count = 1;
};

// One fact as a source of a figure.
struct Source {
    std::string doc;
    std::string evidence;
    std::uint32_t start = 0, end = 0;
    double value = 0.0;
    Qualifier qualifier = Qualifier::exact;
    Unit unit = Unit::none;
    std::string date;    // the document's date, "" when unknown
    std::string agency;  // as the fact gives it
};

struct Figure {
    std::string metric;
    std::string scope;  // "total" or a place
    double value = 0.0;
    Qualifier qualifier = Qualifier::exact;
    Unit unit = Unit::none;  // durations keep the unit most of their sources state
    // What the agreeing sources allow together, in `unit`; "about" figures carry their
    // tolerance band (80 ± 5%) flagged approximate.
    Bounds bounds;
    std::vector<Source> sources;  // every fact, agreeing or not, oldest report first
    bool conflicted = false;
};

struct Conflict {
    std::string metric, scope;
    std::vector<Source> values;  // every source, oldest report first
    double chosen_value = 0.0;
    Qualifier chosen_qualifier = Qualifier::exact;
    Unit unit = Unit::none;
    Policy policy = Policy::latest;
};

// Why two clusters were merged: the feature values and the score at the time.
struct Link {
    std::string left, right;  // "name [doc, doc]" of the two sides
    std::array<double, 5> features{};  // name, same_document, agency, figures, date
    double score = 0.0;
};

struct Operation {
    std::string name;  // "" when no report names it
    std::vector<std::string> aliases;
    std::string lead_agency;
    std::vector<std::string> mentions;  // doc, or doc#name / doc#unnamed when a doc reports several
    std::string first_reported, last_reported;  // document dates, "" when none is known
    std::vector<Figure> figures;    // scope total, in vocabulary order
    std::vector<Figure> breakdown;  // other scopes, by scope then vocabulary order
    // Custodial sentences in years, one per offender, in report order. Only exact ones: the
    // endpoints of "sentences from 2½ to 5 years" summarise offenders already listed. A later
    // report's restated sentences cannot be told from new ones, so each length appears as
    // often as the one report stating it most often (union of the lists by multiplicity).
    std::vector<double> sentences_years;
    std::vector<Source> sentences_not_counted;  // range endpoints and other inexact sentences
    std::vector<Conflict> conflicts;
    // For an analyst to check: a breakdown that sums to more than the total, a part larger
    // than its whole, a figure taken from another operation of the same report.
    std::vector<std::string> flags;
    std::vector<Link> links;

    const Figure* figure(std::string_view metric, std::string_view scope = "total") const;
    nlohmann::json to_json() const;
};

struct OperationSet {
    std::vector<Operation> operations;
    Policy policy = Policy::latest;

    // {"policy", "operations": [...]} in the shape of shared/corpus/expected/operations.json.
    nlohmann::json to_json() const;
    // The first (earliest) operation of that name or alias, compared as normalised names.
    const Operation* find(std::string_view name) const;
};

OperationSet resolve(const FactTable& facts, const ResolveOptions& options = {});
OperationSet resolve(const FactTable& facts, std::span<const NameMention> names, const ResolveOptions& options = {});

}  // namespace optally::resolve
