#include "analytics/spc/runs.h"

#include <gtest/gtest.h>

namespace covalue::analytics::spc {
namespace {

// Exact integers past 64 bits: C(99, 49) · 50 needs 102.
__extension__ typedef unsigned __int128 U128;

// round(log2(n)) + 3 by integer comparison: round(log2 n) = k where 2^(2k−1) < n² < 2^(2k+1).
std::size_t LongestRunMax(std::size_t n) {
  std::size_t k = 0;
  while (U128{1} << (2 * k + 1) < static_cast<U128>(n) * n) {
    ++k;
  }
  return k + 3;
}

// The 5% quantile of Binomial(m, 1/2) in exact integers: the smallest k with
// 20 · Σ_{i≤k} C(m, i) ≥ 2^m.
std::size_t CrossingsMin(std::size_t m) {
  U128 choose = 1;  // C(m, 0)
  U128 sum = 0;
  const U128 all = U128{1} << m;
  for (std::size_t k = 0;; ++k) {
    sum += choose;
    if (20 * sum >= all) {
      return k;
    }
    choose = choose * (m - k) / (k + 1);
  }
}

TEST(RunsLimits, MatchTheBinomialQuantileAndLog2RuleForEveryNFrom10To100) {
  for (std::size_t n = 10; n <= 100; ++n) {
    const RunsLimits limits = RunsLimitsFor(n);
    EXPECT_EQ(limits.longest_run_max, LongestRunMax(n)) << n;
    EXPECT_EQ(limits.n_crossings_min, CrossingsMin(n - 1)) << n;
  }
}

TEST(RunsLimits, MatchAnhojsPublishedTable) {
  // (n useful, longest run max, crossings min), Anhøj & Olesen 2014, Table 1.
  const std::size_t table[][3] = {{10, 6, 2},  {12, 7, 3},  {14, 7, 4},   {16, 7, 4},  {18, 7, 5},
                                  {20, 7, 6},  {22, 7, 7},  {24, 8, 8},   {26, 8, 8},  {28, 8, 9},
                                  {30, 8, 10}, {36, 8, 13}, {40, 8, 14},  {46, 9, 17}, {50, 9, 19},
                                  {60, 9, 23}, {80, 9, 32}, {100, 10, 41}};
  for (const auto& row : table) {
    EXPECT_EQ(RunsLimitsFor(row[0]).longest_run_max, row[1]) << row[0];
    EXPECT_EQ(RunsLimitsFor(row[0]).n_crossings_min, row[2]) << row[0];
  }
}

TEST(AnalyseRuns, SkipsPointsOnTheCentreAndMissingOnesAndCountsCrossings) {
  // Above, above, on, missing, above, below, below, above: runs 3 / 2 / 1 → 2 crossings.
  const std::vector<std::optional<double>> values = {6, 7, 5, std::nullopt, 9, 1, 2, 8};
  const RunsAnalysis runs = AnalyseRuns(values, 5);
  EXPECT_EQ(runs.n_useful, 6U);
  EXPECT_EQ(runs.longest_run, 3U);
  EXPECT_EQ(runs.longest_run_side, 1);
  EXPECT_EQ(runs.n_crossings, 2U);
  EXPECT_FALSE(runs.Signal());
  EXPECT_FALSE(AnalyseRuns({}, 0).Signal());
}

TEST(AnalyseRuns, SignalsARunLongerThanTheLimitButNotOneEqualToIt) {
  // 24 useful points: limit 8. Eight below then alternating: no signal; nine below: signal.
  std::vector<std::optional<double>> values;
  values.reserve(24);
  for (int i = 0; i < 8; ++i) {
    values.emplace_back(-1);
  }
  for (int i = 0; i < 16; ++i) {
    values.emplace_back(i % 2 == 0 ? 1 : -1);
  }
  RunsAnalysis runs = AnalyseRuns(values, 0);
  ASSERT_EQ(runs.n_useful, 24U);
  EXPECT_EQ(runs.longest_run, 8U);
  EXPECT_FALSE(runs.long_run);
  values[8] = -1;  // the run of eight below grows to nine…
  values[9] = 1;   // …and the next point crosses
  runs = AnalyseRuns(values, 0);
  EXPECT_EQ(runs.longest_run, 9U);
  EXPECT_TRUE(runs.long_run);
  EXPECT_EQ(runs.longest_run_side, -1);
}

TEST(AnalyseRuns, SignalsFewerCrossingsThanTheLimitButNotAsManyAsIt) {
  // 20 useful points (limit 6 crossings, longest run 7): runs of 3,3,3,3,3,3,2 = 6 crossings.
  const auto series = [](const std::vector<int>& runs) {
    std::vector<std::optional<double>> values;
    int side = 1;
    for (int length : runs) {
      for (int i = 0; i < length; ++i) {
        values.emplace_back(side);
      }
      side = -side;
    }
    return values;
  };
  RunsAnalysis runs = AnalyseRuns(series({3, 3, 3, 3, 3, 3, 2}), 0);
  ASSERT_EQ(runs.n_useful, 20U);
  EXPECT_EQ(runs.n_crossings, 6U);
  EXPECT_FALSE(runs.Signal());
  runs = AnalyseRuns(series({4, 4, 3, 3, 3, 3}), 0);  // 5 crossings, longest run 4
  EXPECT_EQ(runs.n_crossings, 5U);
  EXPECT_TRUE(runs.few_crossings);
  EXPECT_FALSE(runs.long_run);
}

}  // namespace
}  // namespace covalue::analytics::spc
