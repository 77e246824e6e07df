#include "research/concept_map/concept_map.h"

#include <cmath>
#include <vector>

#include <gtest/gtest.h>

namespace covalue::research {
namespace {

// Four statements; sorter A: {0,1,2},{3}; sorter B: {0,1},{2} and 3 left out (its own pile).
ConceptMapStudy FourStatements() {
  ConceptMapStudy study;
  study.statements = {"s1", "s2", "s3", "s4"};
  study.sorts = {{"A", {{0, 1, 2}, {3}}}, {"B", {{0, 1}, {2}}}};
  return study;
}

TEST(ConceptMap, SimilarityCountsSortersWhoPutTwoTogether) {
  const auto t = SimilarityMatrix(4, FourStatements().sorts);
  EXPECT_EQ(t, (std::vector<int>{2, 2, 1, 0,  //
                                 2, 2, 1, 0,  //
                                 1, 1, 2, 0,  //
                                 0, 0, 0, 2}));
}

TEST(ConceptMap, BridgingWeighsDistancesBySimilarity) {
  const auto t = SimilarityMatrix(4, FourStatements().sorts);
  const std::vector<Point> map = {{0, 0}, {1, 0}, {0, 2}, {3, 4}};
  const Bridging b = BridgingOf(t, map);
  // s1: (2·1 + 1·2) / 3; s2: (2·1 + 1·√5) / 3; s3: (1·2 + 1·√5) / 2;
  // s4 was put with nobody: its mean distance to the others, (5 + √20 + √13) / 3.
  const std::vector<double> raw = {4.0 / 3, (2 + std::sqrt(5.0)) / 3, (2 + std::sqrt(5.0)) / 2,
                                   (5 + std::sqrt(20.0) + std::sqrt(13.0)) / 3};
  for (std::size_t i = 0; i < 4; ++i) EXPECT_NEAR(b.raw[i], raw[i], 1e-15) << i;
  const double low = raw[0];
  const double high = raw[3];
  for (std::size_t i = 0; i < 4; ++i) {
    EXPECT_NEAR(b.normalised[i], (raw[i] - low) / (high - low), 1e-15) << i;
  }
  // Every raw value equal: every bridging 0.
  const std::vector<Point> square = {{0, 0}, {1, 0}, {1, 1}, {0, 1}};
  const auto all_together = std::vector<int>(16, 1);
  for (double v : BridgingOf(all_together, square).normalised) EXPECT_EQ(v, 0);
}

TEST(ConceptMap, RatingsPatternMatchesAndGoZones) {
  ConceptMapStudy study = FourStatements();
  // Importance and feasibility by two patients (p1, p2) and one professional (q).
  const auto rate = [&](const char* rater, const char* group, std::size_t s, const char* variable,
                        int value) { study.ratings.push_back({rater, group, s, variable, value}); };
  const int importance[3][4] = {{5, 4, 2, 1}, {4, 4, 3, 1}, {3, 5, 1, 2}};
  const int feasibility[3][4] = {{2, 5, 4, 1}, {3, 4, 4, 2}, {2, 4, 5, 1}};
  const char* raters[3] = {"p1", "p2", "q"};
  const char* groups[3] = {"patient", "patient", "professional"};
  for (int r = 0; r < 3; ++r) {
    for (std::size_t s = 0; s < 4; ++s) {
      if (!(r == 2 && s == 3)) rate(raters[r], groups[r], s, "importance", importance[r][s]);
      rate(raters[r], groups[r], s, "feasibility", feasibility[r][s]);
    }
  }
  const std::vector<std::size_t> clusters = {1, 1, 2, 2};
  const RatingAnalysis a = AnalyseRatings(study, clusters, 2);
  EXPECT_EQ(a.n_raters, 3U);
  EXPECT_EQ(a.variables, (std::vector<std::string>{"importance", "feasibility"}));
  EXPECT_EQ(a.groups, (std::vector<std::string>{"patient", "professional"}));
  ASSERT_EQ(a.series.size(), 6U);
  const RatingSeries& all = a.series[0];
  EXPECT_EQ(all.Key(), "importance|all");
  // Statement 4's importance: 1 and 1 (q did not rate it): n 2, mean 1, sd 0.
  EXPECT_EQ(all.statements[3].n, 2U);
  EXPECT_DOUBLE_EQ(*all.statements[3].mean, 1);
  EXPECT_DOUBLE_EQ(*all.statements[3].sd, 0);
  // Statement means: 4, 13/3, 2, 1. Cluster 2: mean of means (2 + 1)/2; pooled (2+3+1+1+1)/5.
  EXPECT_DOUBLE_EQ(*all.cluster_mean_of_statement_means[1], 1.5);
  EXPECT_DOUBLE_EQ(*all.cluster_pooled_mean[1], 8.0 / 5);
  EXPECT_DOUBLE_EQ(*all.cluster_mean_of_statement_means[0], (4 + 13.0 / 3) / 2);
  EXPECT_FALSE(a.series[2].statements[3].mean);  // importance|professional of statement 4

  // Pattern matches: the variable pair for all, patient, professional; then the groups' pair.
  ASSERT_EQ(a.pattern_matches.size(), 5U);
  EXPECT_EQ(a.pattern_matches[0].left, "importance|all");
  EXPECT_EQ(a.pattern_matches[0].right, "feasibility|all");
  EXPECT_EQ(a.pattern_matches[3].left, "importance|patient");
  EXPECT_EQ(a.pattern_matches[3].right, "importance|professional");
  // With two clusters r is ±1 (or undefined): importance falls from cluster 1 to 2, and
  // feasibility (means 7/3, 13/3 | 13/3, 4/3 → 10/3 and 17/6) falls too.
  EXPECT_DOUBLE_EQ(*a.pattern_matches[0].r_mean_of_statement_means, 1);

  // Go-zone for all: importance means 4, 13/3, 2, 1 (threshold 137/12 / … = mean of means);
  // feasibility means 7/3, 13/3, 13/3, 4/3.
  ASSERT_EQ(a.go_zones.size(), 3U);
  const GoZone& zone = a.go_zones[0];
  const double x_threshold = (4 + 13.0 / 3 + 2 + 1) / 4;
  const double y_threshold = (7.0 / 3 + 13.0 / 3 + 13.0 / 3 + 4.0 / 3) / 4;
  EXPECT_DOUBLE_EQ(*zone.x_threshold, x_threshold);
  EXPECT_DOUBLE_EQ(*zone.y_threshold, y_threshold);
  EXPECT_EQ(*zone.quadrant[0], Quadrant::kHighXLowY);
  EXPECT_EQ(*zone.quadrant[1], Quadrant::kGo);
  EXPECT_EQ(*zone.quadrant[2], Quadrant::kLowXHighY);
  EXPECT_EQ(*zone.quadrant[3], Quadrant::kLowBoth);
  // Kendall τ-b over (4, 7/3), (13/3, 13/3), (2, 13/3), (1, 4/3): pairs (1,2) C, (1,3) D,
  // (1,4) C, (2,3) tied in y, (2,4) C, (3,4) C: (4 − 1) / √(6 · 5).
  EXPECT_NEAR(*zone.kendall_tau_b, 3 / std::sqrt(30.0), 1e-15);
}

TEST(ConceptMap, AStatementOnTheThresholdIsNotAbove) {
  // Means 2, 4, 3 on both variables: threshold 3 exactly; the third statement is on it.
  ConceptMapStudy study;
  study.statements = {"a", "b", "c"};
  const int values[3] = {2, 4, 3};
  for (std::size_t s = 0; s < 3; ++s) {
    for (const char* v : {"x", "y"}) study.ratings.push_back({"r", "g", s, v, values[s]});
  }
  const RatingAnalysis a = AnalyseRatings(study, std::vector<std::size_t>{1, 1, 2}, 2);
  EXPECT_EQ(*a.go_zones[0].quadrant[2], Quadrant::kLowBoth);
  EXPECT_EQ(*a.go_zones[0].quadrant[1], Quadrant::kGo);
}

TEST(ConceptMap, HintsFindThreeSeparateThemes) {
  // Twelve statements in three themes; every sorter piles the themes apart.
  ConceptMapStudy study;
  for (int i = 0; i < 12; ++i) study.statements.push_back("s" + std::to_string(i));
  for (int s = 0; s < 6; ++s) {
    ConceptSort sort{"sorter" + std::to_string(s), {{}, {}, {}}};
    for (std::size_t i = 0; i < 12; ++i) sort.piles[i % 3].push_back(i);
    study.sorts.push_back(sort);
  }
  ConceptMapOptions options;
  const ConceptMapAnalysis a = AnalyseConceptMap(study, options);
  EXPECT_EQ(a.k_best_silhouette, 3U);
  EXPECT_EQ(a.k, 3U);
  EXPECT_EQ(a.memberships.at(3), (std::vector<std::size_t>{1, 2, 3, 1, 2, 3, 1, 2, 3, 1, 2, 3}));
  EXPECT_LT(a.stress1, 1e-6);
  EXPECT_EQ(a.k_max_reported, 11U);
  EXPECT_EQ(a.tree.heights.size(), 11U);
  EXPECT_EQ(a.wss_by_k.size(), 10U);
}

}  // namespace
}  // namespace covalue::research
