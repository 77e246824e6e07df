#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

#include "research/concept_map/point.h"

// Two-dimensional multidimensional scaling of a concept map's dissimilarities: the classical
// (Torgerson 1952) solution and non-metric SMACOF (de Leeuw & Mair 2009, smacof's smacofSym with
// type = "ordinal", ties = "primary"). Dissimilarities are a full symmetric n×n matrix in
// row-major order whose diagonal is ignored.
namespace covalue::research {

// X = V₂Λ₂^½ of B = −½·J·Δ⁽²⁾·J (J the centring matrix): the eigenvectors of the two largest
// eigenvalues, each scaled by the root of its eigenvalue (0 for an eigenvalue ≤ 0). Not rescaled;
// each axis's sign is whatever the eigensolver returns.
// REQUIRES: dissimilarities.size() == n * n.
[[nodiscard]] std::vector<Point> Torgerson(std::span<const double> dissimilarities, std::size_t n);

// Kruskal's stress-1 of a map: √(Σ_{i<j}(d_ij − d̂_ij)² / Σ_{i<j} d_ij²), d the map's Euclidean
// distances and d̂ their least-squares non-decreasing regression on the dissimilarities with tied
// dissimilarities free (Kruskal's primary approach). 0 for a map whose points all coincide.
[[nodiscard]] double StressOne(std::span<const double> dissimilarities,
                               std::span<const Point> map);

struct SmacofOptions {
  std::size_t starts = 8;  // the Torgerson start and starts − 1 random ones. Default: 8
  std::uint64_t seed = 1;  // the random starts' seed. Default: 1
  std::size_t max_iterations = 1000;  // Guttman transforms per start. Default: 1000
  // Every start runs until its normalised raw stress (Σ(d̂ − d)² / pairs with Σ d̂² = pairs)
  // falls by less than screen_tolerance in an iteration; the `refined` starts of least stress-1
  // then run on until it falls by less than tolerance.
  double screen_tolerance = 1e-4;  // Default: 1e-4
  std::size_t refined = 2;         // Default: 2
  double tolerance = 1e-7;         // Default: 1e-7
  std::size_t threads = 0;  // starts run in parallel on this many threads. Default: 0, the cores
};

struct SmacofResult {
  std::vector<Point> map;  // centred, rotated to its principal axes
  double stress1 = 0;      // StressOne of map
  std::size_t best_start = 0;  // 0: the Torgerson start
  std::size_t iterations = 0;  // the best start's Guttman transforms
};

// Non-metric SMACOF from every start (start 0 is `torgerson`, Torgerson's map of the same
// dissimilarities); keeps the refined map of least stress-1 (the earliest start on a tie). The
// result depends on the seed only, never on the number of threads.
// REQUIRES: n ≥ 2, torgerson.size() == n, starts ≥ 1.
[[nodiscard]] SmacofResult Smacof(std::span<const double> dissimilarities,
                                  std::span<const Point> torgerson, const SmacofOptions& options);

}  // namespace covalue::research
