// AnalyseConceptMap: from sorts to the map, its clusters, the hints for k and bridging.

#include "research/concept_map/concept_map.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace covalue::research {

std::vector<int> SimilarityMatrix(std::size_t n, std::span<const ConceptSort> sorts) {
  std::vector<int> t(n * n, 0);
  for (const ConceptSort& sort : sorts) {
    for (const auto& pile : sort.piles) {
      for (std::size_t a = 0; a < pile.size(); ++a) {
        for (std::size_t b = a + 1; b < pile.size(); ++b) {
          t[pile[a] * n + pile[b]] += 1;
          t[pile[b] * n + pile[a]] += 1;
        }
      }
    }
  }
  for (std::size_t i = 0; i < n; ++i) {
    t[i * n + i] = static_cast<int>(sorts.size());
  }
  return t;
}

Bridging BridgingOf(std::span<const int> similarity, std::span<const Point> map) {
  const std::size_t n = map.size();
  Bridging b{std::vector<double>(n), std::vector<double>(n, 0.0)};
  for (std::size_t i = 0; i < n; ++i) {
    double weighted = 0;
    double weights = 0;
    double distances = 0;
    for (std::size_t j = 0; j < n; ++j) {
      if (j == i) continue;
      const double dx = map[i].x - map[j].x;
      const double dy = map[i].y - map[j].y;
      const double d = std::sqrt(dx * dx + dy * dy);
      const double t = similarity[i * n + j];
      weighted += t * d;
      weights += t;
      distances += d;
    }
    b.raw[i] = weights > 0 ? weighted / weights : distances / static_cast<double>(n - 1);
  }
  const auto [low, high] = std::minmax_element(b.raw.begin(), b.raw.end());
  if (*high > *low) {
    for (std::size_t i = 0; i < n; ++i) {
      b.normalised[i] = (b.raw[i] - *low) / (*high - *low);
    }
  }
  return b;
}

ConceptMapAnalysis AnalyseConceptMap(const ConceptMapStudy& study,
                                     const ConceptMapOptions& options) {
  const std::size_t n = study.statements.size();
  ConceptMapAnalysis a;
  a.n_sorters = study.sorts.size();
  a.similarity = SimilarityMatrix(n, study.sorts);
  // δ = N + 1 − T, the diagonal 0.
  std::vector<double> delta(n * n, 0.0);
  for (std::size_t i = 0; i < n; ++i) {
    for (std::size_t j = 0; j < n; ++j) {
      if (i != j) {
        delta[i * n + j] = static_cast<double>(a.n_sorters + 1) - a.similarity[i * n + j];
      }
    }
  }
  a.torgerson = Torgerson(delta, n);
  if (options.coordinates) {
    a.map = *options.coordinates;
    a.map_given = true;
    a.stress1 = StressOne(delta, a.map);
  } else {
    SmacofResult best = Smacof(delta, a.torgerson, options.smacof);
    a.map = std::move(best.map);
    a.stress1 = best.stress1;
  }

  a.tree = Ward(a.map);
  a.k_max_reported = std::min<std::size_t>(30, n - 1);
  const std::size_t k_silhouette = std::max<std::size_t>(2, n / 4);
  const std::size_t k_wss = std::max<std::size_t>(2, n / 3);
  const std::size_t k_last = std::max({a.k_max_reported, k_silhouette, k_wss + 1});
  const std::vector<double> distances = DistanceMatrix(a.map);
  std::map<std::size_t, double> wss;
  double best_silhouette = -std::numeric_limits<double>::infinity();
  for (std::size_t k = 2; k <= std::min(k_last, n); ++k) {
    std::vector<std::size_t> clusters = CutTree(a.tree, k);
    wss[k] = WithinSumOfSquares(a.map, clusters, k);
    if (k <= std::max(a.k_max_reported, k_silhouette) && k < n) {
      const double s = MeanSilhouette(distances, clusters, k);
      if (k <= k_silhouette && s > best_silhouette) {
        best_silhouette = s;
        a.k_best_silhouette = k;
      }
      if (k <= a.k_max_reported) {
        a.silhouette_by_k[k] = s;
      }
    }
    if (k <= a.k_max_reported) {
      a.wss_by_k[k] = wss[k];
      a.memberships[k] = std::move(clusters);
    }
  }
  a.k_wss_rule = k_wss;
  for (std::size_t k = 2; k <= k_wss; ++k) {
    if (std::log(wss[k]) - std::log(wss[k + 1]) < 0.1) {
      a.k_wss_rule = k;
      break;
    }
  }

  a.k = options.k.value_or(a.k_best_silhouette);
  a.clusters = a.memberships.contains(a.k) ? a.memberships[a.k] : CutTree(a.tree, a.k);
  Bridging bridging = BridgingOf(a.similarity, a.map);
  a.bridging_raw = std::move(bridging.raw);
  a.bridging = std::move(bridging.normalised);
  a.cluster_bridging.assign(a.k, 0.0);
  std::vector<double> size(a.k, 0.0);
  for (std::size_t i = 0; i < n; ++i) {
    a.cluster_bridging[a.clusters[i] - 1] += a.bridging[i];
    size[a.clusters[i] - 1] += 1;
  }
  for (std::size_t c = 0; c < a.k; ++c) {
    a.cluster_bridging[c] /= size[c];
  }
  a.rating = AnalyseRatings(study, a.clusters, a.k);
  return a;
}

}  // namespace covalue::research
