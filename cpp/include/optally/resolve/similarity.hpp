#pragma once
// The pieces of the similarity between two clusters of mentions, public so that tests and
// analysts can see why two reports were (or were not) taken for one operation.
//
// Features of a pair of clusters, each in [-1, 1], in this order (the columns of the feature
// matrix; the score is the matrix times the weight vector of SimilarityWeights):
//   name           both named: +1 same normalised name, -1 different; in between, edit
//                  similarity rescaled from (name_floor, 1] onto (-1, 1]. 0 if either is unnamed.
//   same_document  1 when the clusters share a document (a report's unnamed figures most likely
//                  belong to the operation it names), else 0.
//   agency         +1 when the agencies of their total figures overlap, -1 when both are known
//                  and disjoint, 0 otherwise.
//   figures        over the (metric, scope) pairs both state: sum of w·(+1 agree, -1 contradict)
//                  / max(1, sum of w). w grows with the figure (a shared 660 says more than a
//                  shared 2): min(1, log10(1 + value) / 2) for counts, 0.5 for durations, halved
//                  when only a bound agrees ("more than 40" with 42). A running total that a
//                  later-dated report raises is an update, not a contradiction, and is skipped.
//   date           1 - gap / limit (floored at 0) where gap is the least distance in days between
//                  their documents' dates and limit = longest stated duration + recurrence gap;
//                  0 when either has no date.

#include <array>
#include <optional>
#include <string>
#include <string_view>

namespace optally::resolve {

inline constexpr std::size_t feature_count = 5;
inline constexpr std::array<std::string_view, feature_count> feature_names{"name", "same_document", "agency",
                                                                           "figures", "date"};

// "Operation Notarise", "op. notarise" and "NOTARISE" all give "notarise": lower case, letters
// and digits only, a leading "operation"/"op" dropped.
std::string normalise_name(std::string_view name);
// The spelling to show: the leading word "Operation" dropped, spaces trimmed.
std::string display_name(std::string_view name);
// Letters and digits in lower case, a leading "the" dropped ("the UK" -> "uk").
std::string normalise_key(std::string_view text);

// Optimal string alignment distance: edits are insertions, deletions, substitutions and swaps
// of two adjacent letters ("Tharlsey" -> "Tharsley" is one).
std::size_t edit_distance(std::string_view a, std::string_view b);
// 1 - edit_distance / longer length, on normalised names; 1 for two empty names.
double name_similarity(std::string_view a, std::string_view b);

// Days since 1970-01-01 of an ISO date "yyyy-mm-dd"; "yyyy-mm" is read as the 15th and "yyyy"
// as 1 July, so that a partial date sits in the middle of what it allows. nullopt otherwise.
std::optional<long> day_number(std::string_view iso_date);

}  // namespace optally::resolve
