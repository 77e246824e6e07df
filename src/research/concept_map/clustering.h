#pragma once

#include <cstddef>
#include <span>
#include <vector>

#include "research/concept_map/mds.h"

// Hierarchical clustering of a concept map's points and the hints for choosing k.
namespace covalue::research {

// Ward's agglomeration of points by Euclidean distance, ward.D2's scale (Murtagh & Legendre
// 2014): a merge's height is √(2·ΔSS), ΔSS the rise of the within-cluster sum of squares. The
// order of merges and the choice among equal distances follow R's hclust (Murtagh's
// nearest-neighbour list): the first pair found, scanning points in order.
struct WardTree {
  std::size_t n = 0;
  // Each merge joins the clusters whose lowest-numbered points are first and second (0-based).
  std::vector<std::pair<std::size_t, std::size_t>> merges;
  std::vector<double> heights;  // one per merge, in merge order (non-decreasing)
};

// REQUIRES: map.size() ≥ 2.
[[nodiscard]] WardTree Ward(std::span<const Point> map);

// Each point's cluster when the tree is cut into k clusters (its first n − k merges), numbered
// 1…k by first appearance in point order, as R's cutree.
// REQUIRES: 1 ≤ k ≤ tree.n.
[[nodiscard]] std::vector<std::size_t> CutTree(const WardTree& tree, std::size_t k);

// Σ over clusters of squared Euclidean distances to the cluster's centroid.
[[nodiscard]] double WithinSumOfSquares(std::span<const Point> map,
                                        std::span<const std::size_t> clusters, std::size_t k);

// The points' Euclidean distances, n×n row-major, for MeanSilhouette.
[[nodiscard]] std::vector<double> DistanceMatrix(std::span<const Point> map);

// The mean silhouette width (Rousseeuw 1987), s_i = (b_i − a_i) / max(a_i, b_i); a point alone
// in its cluster has s_i = 0.
// REQUIRES: distances is DistanceMatrix of the points; clusters numbered 1…k; k ≥ 2.
[[nodiscard]] double MeanSilhouette(std::span<const double> distances,
                                    std::span<const std::size_t> clusters, std::size_t k);

}  // namespace covalue::research
