#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

#include "research/concept_map/point.h"

namespace covalue::research {

// The pairs of a map's points, kept in the order the least-squares non-decreasing regression of
// distances on dissimilarities needs under Kruskal's primary approach to ties (Kruskal 1964): by
// dissimilarity and, within a block of equal dissimilarities, by distance. The pool-adjacent-
// violators algorithm then fits that sequence.
//
// Every per-pair value (distance, d̂) is stored in this order, so an iteration of SMACOF reads
// memory in sequence, and each block stays sorted by the previous iteration's distances: the
// nearly unchanged distances of successive iterations sort in close to linear time.
// Not thread-safe: one instance per SMACOF run (copy a prepared one).
class TiedPairs {
 public:
  struct Pair {
    double distance;
    std::uint32_t i;
    std::uint32_t j;
  };

  // dissimilarities: n×n row-major; only i < j is read.
  TiedPairs(std::span<const double> dissimilarities, std::size_t n);

  // Sets every pair's distance on the map.
  void Measure(std::span<const Point> map);

  // Sorts each block by distance and returns d̂ of each pair in Pairs() order in `fitted` (an
  // output parameter so iterations reuse one buffer).
  void Regress(std::vector<double>& fitted);

  // Each pair's dissimilarity, in Pairs() order.
  [[nodiscard]] std::vector<double> Dissimilarities() const;

  [[nodiscard]] std::span<const Pair> Pairs() const { return pairs_; }

 private:
  std::vector<Pair> pairs_;
  std::vector<std::size_t> starts_;  // where each block begins in pairs_, then pairs_.size()
  std::vector<double> block_value_;  // each block's dissimilarity
  std::vector<double> pool_sum_;     // the pools of the pool-adjacent-violators algorithm
  std::vector<std::size_t> pool_count_;
  std::vector<Pair> buffer_;  // the radix sort's
};

}  // namespace covalue::research
