#pragma once

#include <cstddef>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "research/concept_map/concept_map.h"

// What helps a researcher read a concept map beside its numbers: how reliable the sorts are, and
// names for the clusters suggested from the participants' own pile names.
namespace covalue::research {

// Split-half reliability of the sorts (Trochim 1993, "The reliability of concept mapping"):
// the sorters in two halves (alternately, in their order: 1st, 3rd, … and 2nd, 4th, …), each
// half's similarity matrix, Pearson's r between the two matrices' pairs i < j, and the
// Spearman–Brown estimate for the whole set, r_SB = 2r / (1 + r). nullopt with fewer than two
// sorters or when a half's matrix is constant.
struct SplitHalf {
  std::size_t sorters_a = 0;
  std::size_t sorters_b = 0;
  std::optional<double> r;
  std::optional<double> spearman_brown;
};
[[nodiscard]] SplitHalf SplitHalfReliability(std::size_t n, std::span<const ConceptSort> sorts);

// A suggested name per cluster (1…k): the pile name (compared without case and outer blanks,
// written as first seen) with the largest summed Jaccard overlap |pile ∩ cluster| / |pile ∪
// cluster| over every sorter's piles of that name; the alphabetically first on a tie; nullopt
// when no named pile shares a statement with the cluster.
[[nodiscard]] std::vector<std::optional<std::string>> SuggestClusterNames(
    std::span<const ConceptSort> sorts, std::span<const std::size_t> clusters, std::size_t k);

}  // namespace covalue::research
