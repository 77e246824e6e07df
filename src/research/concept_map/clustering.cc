#include "research/concept_map/clustering.h"

#include <algorithm>
#include <cassert>
#include <cmath>
#include <limits>
#include <numeric>

namespace covalue::research {
namespace {

// Index of pair i < j in the strict upper triangle, row-major.
std::size_t PairIndex(std::size_t n, std::size_t i, std::size_t j) {
  return i * n - i * (i + 1) / 2 + (j - i - 1);
}

std::size_t Root(std::vector<std::size_t>& parent, std::size_t i) {
  while (parent[i] != i) {
    parent[i] = parent[parent[i]];
    i = parent[i];
  }
  return i;
}

}  // namespace

WardTree Ward(std::span<const Point> map) {
  const std::size_t n = map.size();
  assert(n >= 2);  // the caller's promise
  constexpr double kInf = std::numeric_limits<double>::infinity();
  // Squared distances; Lance–Williams' update for Ward keeps them equal to 2·ΔSS of a merge.
  std::vector<double> diss(n * (n - 1) / 2);
  for (std::size_t i = 0; i < n; ++i) {
    for (std::size_t j = i + 1; j < n; ++j) {
      const double dx = map[i].x - map[j].x;
      const double dy = map[i].y - map[j].y;
      diss[PairIndex(n, i, j)] = dx * dx + dy * dy;
    }
  }
  std::vector<bool> active(n, true);
  std::vector<double> members(n, 1);
  // Each point's nearest active neighbour to its right, and the dissimilarity to it.
  std::vector<std::size_t> nn(n, 0);
  std::vector<double> nn_diss(n, kInf);
  const auto find_neighbour = [&](std::size_t i) {
    nn_diss[i] = kInf;
    for (std::size_t j = i + 1; j < n; ++j) {
      if (active[j] && diss[PairIndex(n, i, j)] < nn_diss[i]) {
        nn_diss[i] = diss[PairIndex(n, i, j)];
        nn[i] = j;
      }
    }
  };
  for (std::size_t i = 0; i + 1 < n; ++i) {
    find_neighbour(i);
  }
  WardTree tree{n, {}, {}};
  for (std::size_t step = 0; step + 1 < n; ++step) {
    double least = kInf;
    std::size_t im = 0;
    std::size_t jm = 0;
    for (std::size_t i = 0; i + 1 < n; ++i) {
      if (active[i] && nn_diss[i] < least) {
        least = nn_diss[i];
        im = i;
        jm = nn[i];
      }
    }
    const std::size_t i2 = std::min(im, jm);
    const std::size_t j2 = std::max(im, jm);
    tree.merges.emplace_back(i2, j2);
    tree.heights.push_back(std::sqrt(least));
    active[j2] = false;
    const double d12 = diss[PairIndex(n, i2, j2)];
    double nearest = kInf;
    std::size_t nearest_k = 0;
    for (std::size_t k = 0; k < n; ++k) {
      if (!active[k] || k == i2) continue;
      const std::size_t ik = i2 < k ? PairIndex(n, i2, k) : PairIndex(n, k, i2);
      const std::size_t jk = j2 < k ? PairIndex(n, j2, k) : PairIndex(n, k, j2);
      diss[ik] = ((members[i2] + members[k]) * diss[ik] + (members[j2] + members[k]) * diss[jk] -
                  members[k] * d12) /
                 (members[i2] + members[j2] + members[k]);
      if (i2 < k && diss[ik] < nearest) {
        nearest = diss[ik];
        nearest_k = k;
      }
    }
    members[i2] += members[j2];
    nn_diss[i2] = nearest;
    nn[i2] = nearest_k;
    for (std::size_t i = 0; i + 1 < n; ++i) {
      if (active[i] && (nn[i] == i2 || nn[i] == j2)) {
        find_neighbour(i);
      }
    }
  }
  return tree;
}

std::vector<std::size_t> CutTree(const WardTree& tree, std::size_t k) {
  assert(k >= 1 && k <= tree.n);  // the caller's promise
  std::vector<std::size_t> parent(tree.n);
  std::iota(parent.begin(), parent.end(), 0);
  for (std::size_t m = 0; m < tree.n - k; ++m) {
    parent[Root(parent, tree.merges[m].second)] = Root(parent, tree.merges[m].first);
  }
  std::vector<std::size_t> label(tree.n, 0);
  std::vector<std::size_t> clusters(tree.n);
  std::size_t next = 0;
  for (std::size_t i = 0; i < tree.n; ++i) {
    std::size_t& l = label[Root(parent, i)];
    if (l == 0) l = ++next;
    clusters[i] = l;
  }
  return clusters;
}

double WithinSumOfSquares(std::span<const Point> map, std::span<const std::size_t> clusters,
                          std::size_t k) {
  std::vector<Point> centre(k + 1);
  std::vector<double> count(k + 1, 0);
  for (std::size_t i = 0; i < map.size(); ++i) {
    centre[clusters[i]].x += map[i].x;
    centre[clusters[i]].y += map[i].y;
    count[clusters[i]] += 1;
  }
  for (std::size_t c = 1; c <= k; ++c) {
    if (count[c] > 0) centre[c] = {centre[c].x / count[c], centre[c].y / count[c]};
  }
  double wss = 0;
  for (std::size_t i = 0; i < map.size(); ++i) {
    const double dx = map[i].x - centre[clusters[i]].x;
    const double dy = map[i].y - centre[clusters[i]].y;
    wss += dx * dx + dy * dy;
  }
  return wss;
}

std::vector<double> DistanceMatrix(std::span<const Point> map) {
  const std::size_t n = map.size();
  std::vector<double> d(n * n, 0);
  for (std::size_t i = 0; i < n; ++i) {
    for (std::size_t j = i + 1; j < n; ++j) {
      const double dx = map[i].x - map[j].x;
      const double dy = map[i].y - map[j].y;
      d[i * n + j] = d[j * n + i] = std::sqrt(dx * dx + dy * dy);
    }
  }
  return d;
}

double MeanSilhouette(std::span<const double> distances, std::span<const std::size_t> clusters,
                      std::size_t k) {
  const std::size_t n = clusters.size();
  std::vector<double> size(k + 1, 0);
  for (std::size_t c : clusters) size[c] += 1;
  std::vector<double> sum(k + 1);
  double total = 0;
  for (std::size_t i = 0; i < n; ++i) {
    const std::size_t own = clusters[i];
    if (size[own] <= 1) continue;  // s_i = 0
    std::fill(sum.begin(), sum.end(), 0.0);
    const double* row = distances.data() + i * n;
    for (std::size_t j = 0; j < n; ++j) sum[clusters[j]] += row[j];
    const double a = sum[own] / (size[own] - 1);
    double b = std::numeric_limits<double>::infinity();
    for (std::size_t c = 1; c <= k; ++c) {
      if (c != own && size[c] > 0) b = std::min(b, sum[c] / size[c]);
    }
    const double scale = std::max(a, b);
    total += scale > 0 ? (b - a) / scale : 0;
  }
  return total / static_cast<double>(n);
}

}  // namespace covalue::research
