#include "research/concept_map/reading.h"

#include <cmath>
#include <vector>

#include <gtest/gtest.h>

namespace covalue::research {
namespace {

TEST(SplitHalf, CorrelatesTheHalvesSimilarities) {
  // Four statements; sorters 1 and 3 form half A, 2 and 4 half B.
  const std::vector<ConceptSort> sorts = {
      {"1", {{0, 1}, {2, 3}}}, {"2", {{0, 1}, {2}, {3}}}, {"3", {{0, 1, 2}, {3}}}, {"4", {{0, 1}, {2, 3}}}};
  const SplitHalf s = SplitHalfReliability(4, sorts);
  EXPECT_EQ(s.sorters_a, 2U);
  EXPECT_EQ(s.sorters_b, 2U);
  // Pairs (01, 02, 03, 12, 13, 23): A = 2, 1, 0, 1, 0, 1; B = 2, 0, 0, 0, 0, 1.
  const std::vector<double> a = {2, 1, 0, 1, 0, 1};
  const std::vector<double> b = {2, 0, 0, 0, 0, 1};
  const double ma = 5.0 / 6, mb = 3.0 / 6;
  double sab = 0, saa = 0, sbb = 0;
  for (std::size_t i = 0; i < 6; ++i) {
    sab += (a[i] - ma) * (b[i] - mb);
    saa += (a[i] - ma) * (a[i] - ma);
    sbb += (b[i] - mb) * (b[i] - mb);
  }
  const double r = sab / std::sqrt(saa * sbb);
  ASSERT_TRUE(s.r);
  EXPECT_NEAR(*s.r, r, 1e-15);
  EXPECT_NEAR(*s.spearman_brown, 2 * r / (1 + r), 1e-15);
  EXPECT_FALSE(SplitHalfReliability(4, std::vector<ConceptSort>{sorts[0]}).r);
}

TEST(ClusterNames, SuggestsThePileNameThatOverlapsMost) {
  // Clusters {0,1} and {2,3}; two sorters called {0,1} "Talking"/"talking ", one called {2,3}
  // "Waiting" and one "Time": Jaccard 1 each, so "Talking" (2) and then "Time" before "Waiting"
  // (alphabetical on a tie of 1).
  std::vector<ConceptSort> sorts = {{"a", {{0, 1}, {2, 3}}, {"Talking", "Waiting"}},
                                    {"b", {{0, 1}, {2, 3}}, {"talking ", "Time"}}};
  const std::vector<std::size_t> clusters = {1, 1, 2, 2};
  auto names = SuggestClusterNames(sorts, clusters, 2);
  ASSERT_EQ(names.size(), 2U);
  EXPECT_EQ(names[0], "Talking");
  EXPECT_EQ(names[1], "Time");
  // A pile that spans both clusters counts half as much: {0,1,2} "All" vs cluster 1 is 2/3.
  sorts.push_back({"c", {{0, 1, 2}}, {"All"}});
  sorts.push_back({"d", {{0, 1, 2}}, {"All"}});
  names = SuggestClusterNames(sorts, clusters, 2);
  EXPECT_EQ(names[0], "Talking") << "2 · 2/3 < 2";
  sorts.push_back({"e", {{0, 1, 2}}, {"All"}});
  sorts.push_back({"f", {{0, 1, 2}}, {"All"}});
  names = SuggestClusterNames(sorts, clusters, 2);
  EXPECT_EQ(names[0], "All") << "4 · 2/3 > 2";
  EXPECT_FALSE(SuggestClusterNames(std::vector<ConceptSort>{{"x", {{0, 1}}}}, clusters, 2)[0])
      << "no names known";
}

}  // namespace
}  // namespace covalue::research
