#pragma once
// Single-pass aggregation kernels over a FactTable's columns, for corpora of millions of
// facts. They compute what summarise_by (grouping.hpp) computes, bit for bit, but walk the
// columns once and count each group's distinct figures in a flat hash table before building
// the Summary, instead of going through strings and a tree per fact. Their outputs are the
// core's mergeable Summaries, so partial results from the shards of a distributed run merge
// into exactly the single-process answer.

#include <cstdint>
#include <limits>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "optally/facts/fact_table.hpp"
#include "optally/stats/grouping.hpp"
#include "optally/stats/intervals.hpp"
#include "optally/stats/summary.hpp"

namespace optally::stats {

// Which facts enter an aggregate. Empty strings mean no restriction; an unknown metric name
// throws std::invalid_argument listing the vocabulary, while a scope no fact has simply
// selects nothing (a shard may lack a place that others have).
struct FactFilter {
    std::string_view metric;
    std::string_view scope;
};

// The same groups, Summaries and units as summarise_by(table, key, filter.metric), with the
// extra scope restriction. Sorted by key.
std::vector<std::pair<std::string, Summary>> aggregate_summaries(const FactTable& table, GroupKey key,
                                                                 FactFilter filter = {});

// Per group, the figures of two metrics on the common scale (counts as stated): the state
// of a per-group ratio. Kept as Summaries rather than bare sums so that the sums stay exact
// and order-free when shards merge, and the number of facts behind each side is known.
struct GroupRatio {
    std::string key;
    Summary numerator;
    Summary denominator;

    bool operator==(const GroupRatio&) const = default;
};

// One pass over the facts of the two metrics (restricted to `scope` when not empty): every
// group that has a fact of either metric, sorted by key. The metrics must differ and be in
// the vocabulary, else std::invalid_argument.
std::vector<GroupRatio> aggregate_ratios(const FactTable& table, std::string_view numerator_metric,
                                         std::string_view denominator_metric, GroupKey key,
                                         std::string_view scope = {});

// Merges b into a group by group (both sorted by key, as the kernels return them); the
// result stays sorted. Throws std::invalid_argument when units disagree (Summary::merge).
void merge_ratios(std::vector<GroupRatio>& a, const std::vector<GroupRatio>& b);

// What an analyst reads for one group: the two totals, their ratio and, when the ratio is a
// proportion of whole counts, its confidence interval.
struct RatioRow {
    std::string key;
    double numerator = 0.0;    // sum of the numerator's figures (exact, correctly rounded)
    double denominator = 0.0;  // likewise
    std::uint64_t numerator_facts = 0;
    std::uint64_t denominator_facts = 0;
    // NaN unless the group has facts of both metrics and the denominator is positive.
    double ratio = std::numeric_limits<double>::quiet_NaN();
    // Present when the ratio is, both totals are whole numbers below 2^53 and
    // numerator <= denominator: only then is numerator / denominator a proportion.
    std::optional<Interval> interval;
};

// One group's row from its totals. Throws std::invalid_argument for a level outside (0, 1).
RatioRow ratio_row(std::string key, double numerator, std::uint64_t numerator_facts, double denominator,
                   std::uint64_t denominator_facts, double level = 0.95, IntervalMethod method = IntervalMethod::wilson);

// The rows of merged ratio states, in their order.
std::vector<RatioRow> ratio_rows(std::span<const GroupRatio> groups, double level = 0.95,
                                 IntervalMethod method = IntervalMethod::wilson);

// The rows of ratio_rows(aggregate_ratios(...)) in one pass, without building the per-group
// Summaries: what a single process reports.
std::vector<RatioRow> ratio_table(const FactTable& table, std::string_view numerator_metric,
                                  std::string_view denominator_metric, GroupKey key, std::string_view scope = {},
                                  double level = 0.95, IntervalMethod method = IntervalMethod::wilson);

}  // namespace optally::stats
