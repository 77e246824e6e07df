#include "research/statistics/statistics.h"

#include <cmath>
#include <vector>

#include <gtest/gtest.h>

namespace covalue::research {
namespace {

TEST(Statistics, MeanAndSampleSd) {
  const std::vector<double> v = {2, 4, 4, 4, 5, 5, 7, 9};
  EXPECT_DOUBLE_EQ(*Mean(v), 5.0);
  // Σ(v − 5)² = 9 + 1 + 1 + 1 + 0 + 0 + 4 + 16 = 32, over n − 1 = 7.
  EXPECT_DOUBLE_EQ(*SampleSd(v), std::sqrt(32.0 / 7.0));
  EXPECT_FALSE(Mean(std::vector<double>{}));
  EXPECT_FALSE(SampleSd(std::vector<double>{3}));
}

TEST(Statistics, PearsonSpearmanKendallWithoutTies) {
  const std::vector<double> x = {1, 2, 3, 4, 5};
  const std::vector<double> y = {2, 1, 4, 3, 5};
  // Deviations from 3: Σxy = 2 + 2 + 0 + 0 + 4 = 8, Σx² = Σy² = 10.
  EXPECT_DOUBLE_EQ(*Pearson(x, y), 0.8);
  EXPECT_DOUBLE_EQ(*Spearman(x, y), 0.8);  // the values are their own ranks
  // Of 10 pairs, (1,2) and (3,4) are discordant: (8 − 2) / 10.
  EXPECT_DOUBLE_EQ(*KendallTauB(x, y), 0.6);
}

TEST(Statistics, RanksAndTauBWithTies) {
  const std::vector<double> x = {1, 1, 2, 3};
  const std::vector<double> y = {1, 2, 2, 3};
  EXPECT_EQ(MidRanks(x), (std::vector<double>{1.5, 1.5, 3, 4}));
  EXPECT_EQ(MidRanks(y), (std::vector<double>{1, 2.5, 2.5, 4}));
  // Pairs: one tied in x, one tied in y, four concordant: 4 / √(5 · 5).
  EXPECT_DOUBLE_EQ(*KendallTauB(x, y), 0.8);
  // Pearson of the mid-ranks, by hand: both have mean 2.5.
  const double sxy = (-1) * (-1.5) + (-1) * 0 + 0.5 * 0 + 1.5 * 1.5;
  const double sxx = 1 + 1 + 0.25 + 2.25;
  const double syy = 2.25 + 0 + 0 + 2.25;
  EXPECT_NEAR(*Spearman(x, y), sxy / std::sqrt(sxx * syy), 1e-15);
}

TEST(Statistics, NoCorrelationOfAConstant) {
  const std::vector<double> x = {1, 2, 3};
  const std::vector<double> c = {4, 4, 4};
  EXPECT_FALSE(Pearson(x, c));
  EXPECT_FALSE(Spearman(x, c));
  EXPECT_FALSE(KendallTauB(x, c));
  EXPECT_FALSE(Pearson(x, std::vector<double>{1, 2}));
}

TEST(Statistics, WilcoxonSignedRankWithTiedMagnitudes) {
  // |d| 1,1,1 → rank 2; 2,2,2 → rank 5; 3 → rank 7. W+ = 2+2+5+5+5 = 19, W− = 2+7 = 9.
  const std::vector<std::int64_t> d = {1, 1, -1, 2, 2, 2, -3, 0, 0};
  const SignedRank r = WilcoxonSignedRank(d);
  EXPECT_EQ(r.n_nonzero, 7U);
  ASSERT_TRUE(r.statistic);
  EXPECT_DOUBLE_EQ(*r.statistic, 9.0);
  // σ² = 7·8·15/24 − ((3³−3) + (3³−3)) / 48 = 35 − 1 = 34; z = (9 − 14) / √34.
  const double z = -5.0 / std::sqrt(34.0);
  const double phi = 0.5 * (1 + std::erf(z / std::sqrt(2.0)));
  EXPECT_NEAR(*r.p, 2 * phi, 1e-14);
  EXPECT_NEAR(*r.p, 0.3912, 1e-4);  // a normal table's 2Φ(−0.8575)
}

TEST(Statistics, WilcoxonOfNoChangeHasNoStatistic) {
  const SignedRank r = WilcoxonSignedRank(std::vector<std::int64_t>{0, 0, 0});
  EXPECT_EQ(r.n_nonzero, 0U);
  EXPECT_FALSE(r.statistic);
  EXPECT_FALSE(r.p);
}

}  // namespace
}  // namespace covalue::research
