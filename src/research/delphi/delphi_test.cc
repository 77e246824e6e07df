#include "research/delphi/delphi.h"

#include <cmath>
#include <vector>

#include <gtest/gtest.h>

namespace covalue::research {
namespace {

TEST(DelphiStats, WorkedExampleOfEveryStatistic) {
  // Nine panelists; sorted 1 1 2 2 3 4 7 7 9.
  const std::vector<int> r = {7, 1, 2, 9, 3, 1, 4, 7, 2};
  const DelphiStats s = DelphiStatsOf(r, PercentileType::kType7);
  EXPECT_EQ(s.n, 9U);
  EXPECT_DOUBLE_EQ(*s.median, 3);
  EXPECT_DOUBLE_EQ(*s.mean, 36.0 / 9);
  // Squared deviations from 4: 9 9 4 4 1 0 9 9 25 = 70.
  EXPECT_DOUBLE_EQ(*s.sd, std::sqrt(70.0 / 8));
  // P30: h = 8·0.3 + 1 = 3.4 → 2 + 0.4·0 = 2; P70: h = 6.6 → 4 + 0.6·3 = 5.8.
  EXPECT_DOUBLE_EQ(*s.p30, 2);
  EXPECT_DOUBLE_EQ(*s.p70, 5.8);
  EXPECT_DOUBLE_EQ(*s.ipr, 3.8);
  EXPECT_DOUBLE_EQ(*s.iprcp, 3.9);
  EXPECT_DOUBLE_EQ(*s.ai, 1.1);
  EXPECT_DOUBLE_EQ(*s.ipras, 2.35 + 1.5 * 1.1);  // 4.0: not in disagreement
  EXPECT_FALSE(*s.disagreement);
  EXPECT_EQ(*s.median_band, Band::kInappropriate);
  EXPECT_EQ(*s.rand_classification, Band::kInappropriate);
  EXPECT_EQ(s.band_counts, (std::array<std::size_t, 3>{5, 1, 3}));
  EXPECT_DOUBLE_EQ(*s.band_pct[0], 500.0 / 9);
  EXPECT_DOUBLE_EQ(*s.band_pct[1], 100.0 / 9);
  EXPECT_DOUBLE_EQ(*s.band_pct[2], 300.0 / 9);
  EXPECT_EQ(*s.percent_rule, PercentRule::kNoConsensus);
  // Q1: h = 3 → x3 = 2; Q3: h = 7 → x7 = 7.
  EXPECT_DOUBLE_EQ(*s.q1, 2);
  EXPECT_DOUBLE_EQ(*s.q3, 7);
  EXPECT_DOUBLE_EQ(*s.iqr, 5);
  EXPECT_FALSE(*s.iqr_le_1);
  EXPECT_FALSE(*s.iqr_le_1_and_median_ge_7);
  EXPECT_EQ(s.histogram, (std::array<std::size_t, 9>{2, 2, 1, 1, 0, 0, 2, 0, 1}));
  // Nine panelists: d = 3, a = 2. Five rate 1–3 and three 7–9: disagreement. The median 3 lies
  // in 1–3 and four rate outside it: no agreement.
  ASSERT_TRUE(s.classic_count_rules);
  EXPECT_TRUE(s.classic_count_rules->disagreement);
  EXPECT_FALSE(s.classic_count_rules->agreement);
  // Type 6: P30 = x3 = 2, P70 = x7 = 7: IPR 5 > IPRAS 2.35 + 1.5·0.5 = 3.1, uncertain.
  EXPECT_TRUE(*s.classification_depends_on_percentile_method);
  const DelphiStats six = DelphiStatsOf(r, PercentileType::kType6);
  EXPECT_TRUE(*six.disagreement);
  EXPECT_EQ(*six.rand_classification, Band::kUncertain);
  EXPECT_TRUE(*six.classification_depends_on_percentile_method);
}

TEST(DelphiStats, IprEqualToIprasIsNotDisagreement) {
  // n = 12, type 7: P30 = 3 + 0.3·3 = 3.9, P70 = 6 + 0.7·1 = 6.7; IPR = 2.8;
  // IPRCP = 5.3, AI = 0.3, IPRAS = 2.35 + 0.45 = 2.8. In doubles 6.7 − 3.9 > 2.8.
  const std::vector<int> twelve = {1, 1, 2, 3, 6, 6, 6, 6, 7, 8, 8, 8};
  EXPECT_GT(6.7 - 3.9, 2.35 + 1.5 * std::abs(5 - (3.9 + 6.7) / 2));  // why it is decided exactly
  EXPECT_FALSE(*DelphiStatsOf(twelve, PercentileType::kType7).disagreement);
  // n = 13 with median 7: P30 = x4.6 = 4, P70 = x9.4 = 7 + 0.4·1 = 7.4; IPR = 3.4;
  // IPRCP = 5.7, AI = 0.7, IPRAS = 2.35 + 1.05 = 3.4: equal, so appropriate, not uncertain.
  const std::vector<int> thirteen = {1, 2, 4, 4, 4, 7, 7, 7, 7, 8, 8, 9, 9};
  const DelphiStats s = DelphiStatsOf(thirteen, PercentileType::kType7);
  EXPECT_DOUBLE_EQ(*s.ipr, 3.4);
  EXPECT_DOUBLE_EQ(*s.ipras, 3.4);
  EXPECT_FALSE(*s.disagreement);
  EXPECT_EQ(*s.rand_classification, Band::kAppropriate);
}

TEST(DelphiStats, PercentRuleAtItsBoundaries) {
  // 14 of 20 (70 %) rate 7–9 and 3 (15 %) rate 1–3: consensus in.
  std::vector<int> r(14, 8);
  r.insert(r.end(), {5, 5, 5, 2, 2, 2});
  EXPECT_EQ(*DelphiStatsOf(r, PercentileType::kType7).percent_rule, PercentRule::kConsensusIn);
  r[14] = 1;  // four (20 %) rate 1–3
  EXPECT_EQ(*DelphiStatsOf(r, PercentileType::kType7).percent_rule, PercentRule::kNoConsensus);
  std::vector<int> out(7, 2);
  out.insert(out.end(), {5, 5, 9});  // 70 % low, 10 % high
  EXPECT_EQ(*DelphiStatsOf(out, PercentileType::kType7).percent_rule,
            PercentRule::kConsensusOut);
}

TEST(DelphiStats, CountRulesNeedAMedianInARegion) {
  // Median 3.5 lies between 1–3 and 4–6: no agreement whatever the spread.
  const std::vector<int> r = {3, 3, 3, 3, 4, 4, 4, 4};
  const DelphiStats s = DelphiStatsOf(r, PercentileType::kType7);
  EXPECT_DOUBLE_EQ(*s.median, 3.5);
  ASSERT_TRUE(s.classic_count_rules);
  EXPECT_FALSE(s.classic_count_rules->agreement);
  EXPECT_FALSE(s.classic_count_rules->disagreement);
  // Eleven panelists (d = 4, a = 3): median 8, three outside 7–9 → agreement.
  const std::vector<int> eleven = {8, 8, 8, 8, 8, 8, 8, 9, 1, 2, 5};
  const DelphiStats e = DelphiStatsOf(eleven, PercentileType::kType7);
  EXPECT_TRUE(e.classic_count_rules->agreement);
  EXPECT_TRUE(*e.iqr_le_1_and_median_ge_7 == (*e.iqr <= 1));
  // Seven or seventeen panelists: outside the table.
  EXPECT_FALSE(DelphiStatsOf(std::vector<int>(7, 5), PercentileType::kType7).classic_count_rules);
  EXPECT_FALSE(DelphiStatsOf(std::vector<int>(17, 5), PercentileType::kType7).classic_count_rules);
}

TEST(DelphiStats, OneAndNoRatings) {
  const DelphiStats one = DelphiStatsOf(std::vector<int>{6}, PercentileType::kType7);
  EXPECT_DOUBLE_EQ(*one.median, 6);
  EXPECT_FALSE(one.sd);
  EXPECT_DOUBLE_EQ(*one.ipr, 0);
  const DelphiStats none = DelphiStatsOf(std::vector<int>{}, PercentileType::kType7);
  EXPECT_EQ(none.n, 0U);
  EXPECT_FALSE(none.median);
  EXPECT_FALSE(none.percent_rule);
  EXPECT_FALSE(none.band_pct[0]);
}

TEST(DelphiStability, WorkedExample) {
  const PanelistRatings before = {{"A", 5}, {"B", 7}, {"C", 8}, {"D", 2}};
  const PanelistRatings after = {{"A", 7}, {"B", 7}, {"C", 9}, {"E", 3}};
  const DelphiStability s = StabilityBetween(before, after);
  EXPECT_EQ(s.n_paired, 3U);
  // Categories 2,3,5,8,9 each move by 1/4 and 7 by 1/4: 50 · 1.5 = 75.
  EXPECT_DOUBLE_EQ(*s.distribution_change_pct_9cat, 75);
  EXPECT_FALSE(*s.stable_by_15pct_rule_9cat);
  // Bands (1/4, 1/4, 2/4) → (1/4, 0, 3/4): 50 · 0.5 = 25.
  EXPECT_DOUBLE_EQ(*s.distribution_change_pct_3band, 25);
  EXPECT_DOUBLE_EQ(*s.median_change, 7 - 6);
  EXPECT_DOUBLE_EQ(*s.pct_paired_changed_rating, 200.0 / 3);
  EXPECT_DOUBLE_EQ(*s.pct_paired_changed_band, 100.0 / 3);  // A: 5 → 7
  EXPECT_DOUBLE_EQ(*s.mean_abs_change_paired, 1);
  // Differences 2, 0, 1: ranks 2 and 1, both positive: W = min(3, 0) = 0, n = 2,
  // z = (0 − 1.5) / √1.25.
  EXPECT_DOUBLE_EQ(*s.wilcoxon_statistic, 0);
  const double z = -1.5 / std::sqrt(1.25);
  EXPECT_NEAR(*s.wilcoxon_p_approx, 1 + std::erf(z / std::sqrt(2.0)), 1e-14);
  EXPECT_TRUE(s.stable_by_wilcoxon_p_ge_0_05);
}

TEST(DelphiStability, FifteenPercentExactlyIsNotStable) {
  // Twenty panelists; three move from 5 to 6: 50 · (3/20 + 3/20) = 15, not < 15.
  PanelistRatings before;
  PanelistRatings after;
  for (int i = 0; i < 20; ++i) {
    before.emplace_back(std::to_string(i), 5);
    after.emplace_back(std::to_string(i), i < 3 ? 6 : 5);
  }
  const DelphiStability s = StabilityBetween(before, after);
  EXPECT_DOUBLE_EQ(*s.distribution_change_pct_9cat, 15);
  EXPECT_FALSE(*s.stable_by_15pct_rule_9cat);
  EXPECT_DOUBLE_EQ(*s.distribution_change_pct_3band, 0);
  after[2].second = 5;  // two move: 10 < 15
  EXPECT_TRUE(*StabilityBetween(before, after).stable_by_15pct_rule_9cat);
}

TEST(DelphiStability, NobodyChangedIsStableWithoutAStatistic) {
  const PanelistRatings same = {{"A", 8}, {"B", 7}};
  const DelphiStability s = StabilityBetween(same, same);
  EXPECT_FALSE(s.wilcoxon_statistic);
  EXPECT_FALSE(s.wilcoxon_p_approx);
  EXPECT_TRUE(s.stable_by_wilcoxon_p_ge_0_05);
  EXPECT_DOUBLE_EQ(*s.pct_paired_changed_rating, 0);
}

TEST(AnalyseDelphi, RoundsGroupsAndStability) {
  DelphiPanel panel;
  panel.items = {"D-02", "D-01"};
  int n = 0;
  for (int round : {2, 1}) {  // rounds are reported ascending whatever the file's order
    for (int p = 0; p < 6; ++p) {
      const std::string group = p < 3 ? "patient" : "professional";
      panel.ratings.push_back({round, "p" + std::to_string(p), group, "D-01", round == 1 ? 5 : 8});
      if (p != 5 || round == 1) {  // p5 leaves D-02 unrated in round 2
        panel.ratings.push_back({round, "p" + std::to_string(p), group, "D-02", 7 + (n++ % 3)});
      }
    }
  }
  const DelphiAnalysis a = AnalyseDelphi(panel, PercentileType::kType7);
  EXPECT_EQ(a.rounds, (std::vector<int>{1, 2}));
  EXPECT_EQ(a.groups, (std::vector<std::string>{"patient", "professional"}));
  ASSERT_EQ(a.items.size(), 2U);
  EXPECT_EQ(a.items[0].item, "D-02");
  const DelphiItemResult& d01 = a.items[1];
  ASSERT_EQ(d01.rounds.size(), 2U);
  EXPECT_FALSE(d01.rounds[0].stability);
  EXPECT_EQ(d01.rounds[0].groups.size(), 2U);
  EXPECT_FALSE(*d01.rounds[0].percent_rule_in_every_group);
  EXPECT_TRUE(*d01.rounds[1].percent_rule_in_every_group);
  ASSERT_TRUE(d01.rounds[1].stability);
  EXPECT_EQ(d01.rounds[1].stability->n_paired, 6U);
  EXPECT_DOUBLE_EQ(*d01.rounds[1].stability->median_change, 3);
  EXPECT_DOUBLE_EQ(*d01.rounds[1].stability->wilcoxon_statistic, 0);  // all six rose
  EXPECT_EQ(a.items[0].rounds[1].all.n, 5U);
  EXPECT_EQ(a.items[0].rounds[1].groups[1].n, 2U);

  // One group: no per-group statistics.
  for (DelphiRating& r : panel.ratings) r.group = "all panelists";
  const DelphiAnalysis one = AnalyseDelphi(panel, PercentileType::kType7);
  EXPECT_TRUE(one.items[0].rounds[0].groups.empty());
  EXPECT_FALSE(one.items[0].rounds[0].percent_rule_in_every_group);
}

}  // namespace
}  // namespace covalue::research
