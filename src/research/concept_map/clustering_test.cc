#include "research/concept_map/clustering.h"

#include <cmath>
#include <vector>

#include <gtest/gtest.h>

namespace covalue::research {
namespace {

// Points on a line at 0, 1, 5, 6 and 20 (y = 0), worked by hand with Ward's ΔSS = n_a·n_b /
// (n_a + n_b) · ‖c_a − c_b‖² and height √(2·ΔSS).
const std::vector<Point> kLine = {{0, 0}, {1, 0}, {5, 0}, {6, 0}, {20, 0}};

TEST(Ward, MergesAndHeightsOfAWorkedExample) {
  const WardTree tree = Ward(kLine);
  ASSERT_EQ(tree.merges.size(), 4U);
  // {0}+{1}: ΔSS = ½·1 → 1. {5}+{6}: the same height; hclust takes the first pair found.
  EXPECT_EQ(tree.merges[0], (std::pair<std::size_t, std::size_t>{0, 1}));
  EXPECT_EQ(tree.merges[1], (std::pair<std::size_t, std::size_t>{2, 3}));
  EXPECT_DOUBLE_EQ(tree.heights[0], 1);
  EXPECT_DOUBLE_EQ(tree.heights[1], 1);
  // {0,1}+{5,6}: ΔSS = 2·2/4 · 5² = 25 → √50 (cheaper than {5,6}+{20}: 2/3 · 14.5²).
  EXPECT_EQ(tree.merges[2], (std::pair<std::size_t, std::size_t>{0, 2}));
  EXPECT_NEAR(tree.heights[2], std::sqrt(50.0), 1e-12);
  // Everything: centroids 3 and 20, ΔSS = 4·1/5 · 17² = 231.2.
  EXPECT_NEAR(tree.heights[3], std::sqrt(2 * 231.2), 1e-12);
}

TEST(Ward, CutsNumberClustersByFirstAppearance) {
  const std::vector<Point> shuffled = {{20, 0}, {0, 0}, {5, 0}, {1, 0}, {6, 0}};
  const WardTree tree = Ward(shuffled);
  EXPECT_EQ(CutTree(tree, 2), (std::vector<std::size_t>{1, 2, 2, 2, 2}));
  EXPECT_EQ(CutTree(tree, 3), (std::vector<std::size_t>{1, 2, 3, 2, 3}));
  EXPECT_EQ(CutTree(tree, 5), (std::vector<std::size_t>{1, 2, 3, 4, 5}));
  EXPECT_EQ(CutTree(tree, 1), (std::vector<std::size_t>{1, 1, 1, 1, 1}));
}

TEST(Ward, TheWithinSumOfSquaresRisesByHalfTheSquaredHeight) {
  // Ward's criterion: each merge adds ΔSS = h²/2 to the within-cluster sum of squares.
  std::vector<Point> points;
  for (int i = 0; i < 12; ++i) points.push_back({std::cos(i * 1.7) * i, std::sin(i * 0.9) * 3});
  const WardTree tree = Ward(points);
  double expected = 0;
  for (std::size_t merges = 1; merges < points.size(); ++merges) {
    expected += tree.heights[merges - 1] * tree.heights[merges - 1] / 2;
    const std::size_t k = points.size() - merges;
    EXPECT_NEAR(WithinSumOfSquares(points, CutTree(tree, k), k), expected, 1e-9) << k;
    if (merges > 1) {
      EXPECT_GE(tree.heights[merges - 1], tree.heights[merges - 2]);
    }
  }
}

TEST(Silhouette, WorkedExample) {
  // Clusters {0, 1} and {5, 6, 20}, distances on the line.
  const std::vector<std::size_t> clusters = {1, 1, 2, 2, 2};
  const auto d = DistanceMatrix(kLine);
  // s_0: a = 1, b = (5 + 6 + 20)/3; s_1: a = 1, b = (4 + 5 + 19)/3;
  // s_2: a = (1 + 15)/2, b = (5 + 4)/2; s_3: a = (1 + 14)/2, b = (6 + 5)/2;
  // s_4: a = (15 + 14)/2, b = (20 + 19)/2.
  const auto s = [](double a, double b) { return (b - a) / std::max(a, b); };
  const double expected = (s(1, 31.0 / 3) + s(1, 28.0 / 3) + s(8, 4.5) + s(7.5, 5.5) +
                           s(14.5, 19.5)) / 5;
  EXPECT_NEAR(MeanSilhouette(d, clusters, 2), expected, 1e-15);
  // A lone point counts 0: {0,1}, {5,6}, {20}.
  const double three = (s(1, 5.5) + s(1, 4.5) + s(1, 4.5) + s(1, 5.5) + 0) / 5;
  EXPECT_NEAR(MeanSilhouette(d, std::vector<std::size_t>{1, 1, 2, 2, 3}, 3), three, 1e-15);
}

}  // namespace
}  // namespace covalue::research
