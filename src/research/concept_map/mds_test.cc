#include "research/concept_map/mds.h"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <random>
#include <vector>

#include <Eigen/Dense>
#include <gtest/gtest.h>

namespace covalue::research {
namespace {

double Distance(const Point& a, const Point& b) { return std::hypot(a.x - b.x, a.y - b.y); }

std::vector<double> DistancesOf(const std::vector<Point>& points) {
  const std::size_t n = points.size();
  std::vector<double> d(n * n, 0);
  for (std::size_t i = 0; i < n; ++i) {
    for (std::size_t j = 0; j < n; ++j) d[i * n + j] = Distance(points[i], points[j]);
  }
  return d;
}

// Stress-1 from its definition, written apart from the library: pairs sorted by (δ, d), then the
// pool-adjacent-violators fit, pooling blocks by brute force.
double ReferenceStress(const std::vector<double>& delta, const std::vector<Point>& map) {
  const std::size_t n = map.size();
  struct P { double delta, d; };
  std::vector<P> pairs;
  for (std::size_t i = 0; i < n; ++i) {
    for (std::size_t j = i + 1; j < n; ++j) pairs.push_back({delta[i * n + j], Distance(map[i], map[j])});
  }
  std::sort(pairs.begin(), pairs.end(), [](const P& a, const P& b) {
    return a.delta < b.delta || (a.delta == b.delta && a.d < b.d);
  });
  std::vector<std::vector<double>> pools;
  for (const P& p : pairs) {
    pools.push_back({p.d});
    const auto mean = [](const std::vector<double>& v) {
      return std::accumulate(v.begin(), v.end(), 0.0) / static_cast<double>(v.size());
    };
    while (pools.size() > 1 && mean(pools[pools.size() - 2]) >= mean(pools.back())) {
      pools[pools.size() - 2].insert(pools[pools.size() - 2].end(), pools.back().begin(), pools.back().end());
      pools.pop_back();
    }
  }
  double residual = 0;
  double total = 0;
  for (const auto& pool : pools) {
    const double level = std::accumulate(pool.begin(), pool.end(), 0.0) / static_cast<double>(pool.size());
    for (double d : pool) {
      residual += (d - level) * (d - level);
      total += d * d;
    }
  }
  return std::sqrt(residual / total);
}

TEST(StressOne, AWorkedExampleByHand) {
  // Four points on a unit square; δ says the diagonals are nearest (1), sides far (2).
  const std::vector<Point> map = {{0, 0}, {1, 0}, {1, 1}, {0, 1}};
  const double r2 = std::sqrt(2.0);
  std::vector<double> delta(16, 2);
  delta[0 * 4 + 2] = delta[2 * 4 + 0] = delta[1 * 4 + 3] = delta[3 * 4 + 1] = 1;
  // Ordered: (δ 1: √2, √2) then (δ 2: 1, 1, 1, 1): one pool of all six, level (4 + 2√2)/6.
  const double level = (4 + 2 * r2) / 6;
  const double residual = 2 * (r2 - level) * (r2 - level) + 4 * (1 - level) * (1 - level);
  EXPECT_NEAR(StressOne(delta, map), std::sqrt(residual / (2 * 2 + 4 * 1)), 1e-15);
  // Ties are free (primary approach): equal δ for every pair fits any map perfectly.
  EXPECT_EQ(StressOne(std::vector<double>(16, 3), map), 0);
}

TEST(StressOne, MatchesTheDefinitionOnRandomMaps) {
  std::mt19937 random(5);
  std::uniform_int_distribution<int> similarity(0, 6);
  std::normal_distribution<double> normal;
  for (int trial = 0; trial < 20; ++trial) {
    const std::size_t n = 15;
    std::vector<double> delta(n * n, 0);
    for (std::size_t i = 0; i < n; ++i) {
      for (std::size_t j = i + 1; j < n; ++j) delta[i * n + j] = delta[j * n + i] = 7 - similarity(random);
    }
    std::vector<Point> map(n);
    for (Point& p : map) p = {normal(random), normal(random)};
    EXPECT_NEAR(StressOne(delta, map), ReferenceStress(delta, map), 1e-12);
  }
}

TEST(Torgerson, RecoversAEuclideanConfiguration) {
  // Classical scaling returns the distances of a planar configuration exactly.
  const std::vector<Point> truth = {{0, 0}, {3, 0}, {3, 4}, {-1, 2}, {1, -2}, {2, 2}};
  const auto delta = DistancesOf(truth);
  const std::vector<Point> map = Torgerson(delta, truth.size());
  for (std::size_t i = 0; i < truth.size(); ++i) {
    for (std::size_t j = 0; j < truth.size(); ++j) {
      EXPECT_NEAR(Distance(map[i], map[j]), delta[i * truth.size() + j], 1e-9);
    }
  }
}

// B = −½·J·Δ⁽²⁾·J computed here, and X checked against B·x = λ·x with ‖x‖² = λ.
void ExpectLeadingEigenpairs(const std::vector<double>& delta, std::size_t n) {
  const auto m = static_cast<Eigen::Index>(n);
  Eigen::MatrixXd d2(m, m);
  for (std::size_t i = 0; i < n; ++i) {
    for (std::size_t j = 0; j < n; ++j) d2(i, j) = i == j ? 0 : delta[i * n + j] * delta[i * n + j];
  }
  const Eigen::MatrixXd j = Eigen::MatrixXd::Identity(n, n) - Eigen::MatrixXd::Constant(n, n, 1.0 / static_cast<double>(n));
  const Eigen::MatrixXd b = -0.5 * j * d2 * j;
  const Eigen::VectorXd values = Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd>(b).eigenvalues();
  const std::vector<Point> map = Torgerson(delta, n);
  Eigen::VectorXd x(n);
  Eigen::VectorXd y(n);
  for (std::size_t i = 0; i < n; ++i) {
    x(i) = map[i].x;
    y(i) = map[i].y;
  }
  const double l1 = values(n - 1);
  const double l2 = values(n - 2);
  EXPECT_NEAR(x.squaredNorm(), l1, 1e-8 * l1);
  EXPECT_NEAR(y.squaredNorm(), l2, 1e-8 * l1);
  EXPECT_LT((b * x - l1 * x).norm(), 1e-8 * l1 * std::sqrt(l1));
  EXPECT_LT((b * y - l2 * y).norm(), 1e-8 * l1 * std::sqrt(l1));
}

TEST(Torgerson, LeadingEigenpairsOfSmallAndLargeMaps) {
  // Sorting data: integer dissimilarities, far from Euclidean. 60 points take the dense solver,
  // 450 Lanczos's method.
  for (std::size_t n : {60U, 450U}) {
    std::mt19937 random(static_cast<unsigned>(n));
    std::vector<Point> latent(n);
    std::normal_distribution<double> normal;
    for (Point& p : latent) p = {normal(random), normal(random)};
    std::vector<double> delta(n * n, 0);
    for (std::size_t i = 0; i < n; ++i) {
      for (std::size_t k = i + 1; k < n; ++k) {
        const double together = std::max(0.0, 20 - 8 * Distance(latent[i], latent[k]) + normal(random));
        delta[i * n + k] = delta[k * n + i] = 21 - std::floor(std::min(20.0, together));
      }
    }
    ExpectLeadingEigenpairs(delta, n);
  }
}

TEST(Smacof, FindsAnOrdinallyPerfectMapAndIgnoresThreads) {
  // δ = the rank of each distance of a planar configuration: a map with stress 0 exists.
  std::mt19937 random(11);
  std::normal_distribution<double> normal;
  const std::size_t n = 30;
  std::vector<Point> truth(n);
  for (Point& p : truth) p = {normal(random), normal(random)};
  auto delta = DistancesOf(truth);
  for (double& v : delta) v = std::round(v * 4);  // ties, as sorts make
  SmacofOptions options;
  options.starts = 4;
  options.threads = 1;
  const SmacofResult one = Smacof(delta, Torgerson(delta, n), options);
  options.threads = 3;
  const SmacofResult three = Smacof(delta, Torgerson(delta, n), options);
  EXPECT_LT(one.stress1, 0.02);
  EXPECT_EQ(one.stress1, three.stress1);
  EXPECT_EQ(one.best_start, three.best_start);
  for (std::size_t i = 0; i < n; ++i) EXPECT_EQ(one.map[i].x, three.map[i].x);
  EXPECT_NEAR(one.stress1, ReferenceStress(delta, one.map), 1e-12);
  double mx = 0;
  for (const Point& p : one.map) mx += p.x;
  EXPECT_NEAR(mx, 0, 1e-9);  // centred
}

}  // namespace
}  // namespace covalue::research
