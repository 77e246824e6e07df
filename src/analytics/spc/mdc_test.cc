#include "analytics/spc/mdc.h"

#include <algorithm>
#include <cmath>
#include <numeric>

#include <gtest/gtest.h>

namespace covalue::analytics::spc {
namespace {

// Limits as Making Data Count draws them (mean ± 2.66 · screened AMR), computed here.
struct Limits {
  double mean, upper, lower, upper2, lower2;
};

Limits MdcLimits(const std::vector<double>& y) {
  const double mean = std::accumulate(y.begin(), y.end(), 0.0) / static_cast<double>(y.size());
  std::vector<double> ranges;
  for (std::size_t i = 1; i < y.size(); ++i) {
    ranges.push_back(std::fabs(y[i] - y[i - 1]));
  }
  double amr =
      std::accumulate(ranges.begin(), ranges.end(), 0.0) / static_cast<double>(ranges.size());
  std::vector<double> kept;
  std::copy_if(ranges.begin(), ranges.end(), std::back_inserter(kept),
               [&](double r) { return r < 3.267 * amr; });
  amr = std::accumulate(kept.begin(), kept.end(), 0.0) / static_cast<double>(kept.size());
  const double limit = 2.66 * amr;
  return {mean, mean + limit, mean - limit, mean + limit * 2 / 3, mean - limit * 2 / 3};
}

Chart Mdc(const std::vector<double>& y) {
  std::vector<Subgroup> subgroups;
  subgroups.reserve(y.size());
  for (double v : y) {
    subgroups.push_back({{v}, {}});
  }
  ChartOptions options;
  options.type = ChartType::kI;
  options.rules = Rules::kMdc;
  auto chart = ComputeChart(subgroups, options);
  EXPECT_TRUE(chart.has_value());
  return *chart;
}

bool Has(const ChartPoint& p, const std::string& rule) {
  return std::find(p.signals.begin(), p.signals.end(), rule) != p.signals.end();
}

TEST(MdcRules, DrawLimitsAt266TimesTheAverageMovingRange) {
  const std::vector<double> y = {12, 14, 11, 15, 13, 12, 16, 14, 13, 12, 15, 14, 13, 11};
  const Chart chart = Mdc(y);
  const Limits limits = MdcLimits(y);
  EXPECT_NEAR(*chart.points[0].ucl, limits.upper, 1e-12);
  EXPECT_NEAR(*chart.points[0].lcl, limits.lower, 1e-12);
  EXPECT_NEAR(*chart.points[0].ucl_2sigma, limits.upper2, 1e-12);
  for (const ChartPoint& p : chart.points) {
    EXPECT_TRUE(p.signals.empty()) << p.index << ": " << p.explanation;
  }
}

TEST(MdcRules, FlagASevenPointTrendButNotSixOrOneBrokenByAnEqualValue) {
  // Points 4–10 rise strictly: a trend of 7. Points 16–21 fall for 6 only.
  const std::vector<double> y = {20, 22, 21, 15, 16, 17, 18, 19, 20, 23, 21, 22,
                                 20, 21, 20, 23, 22, 21, 20, 19, 18, 21, 20, 22};
  const Chart chart = Mdc(y);
  for (std::size_t i = 0; i < y.size(); ++i) {
    EXPECT_EQ(Has(chart.points[i], "mdc_trend"), i >= 3 && i <= 9) << i + 1;
  }
  std::vector<double> flat = y;
  flat[6] = flat[5];  // 17, 17: the equal value breaks the rise
  const Chart broken = Mdc(flat);
  for (const ChartPoint& p : broken.points) {
    EXPECT_FALSE(Has(p, "mdc_trend")) << p.index;
  }
}

TEST(MdcRules, FlagSevenOnOneSideOfTheMeanWhereAPointOnTheMeanBreaksTheRun) {
  std::vector<double> y = {10, 12, 9, 11, 13, 8, 12, 10, 15, 15, 16, 14, 15, 16, 15, 9, 8, 10};
  const double mean = std::accumulate(y.begin(), y.end(), 0.0) / static_cast<double>(y.size());
  ASSERT_LT(mean, 14) << "points 9–15 are above the mean";
  const Chart chart = Mdc(y);
  for (std::size_t i = 8; i <= 14; ++i) {
    EXPECT_TRUE(Has(chart.points[i], "mdc_shift")) << i + 1;
    EXPECT_TRUE(chart.points[i].runs_signal);
  }
  EXPECT_FALSE(Has(chart.points[7], "mdc_shift"));
  EXPECT_TRUE(chart.parts[0].runs_signal);
  EXPECT_NE(chart.points[10].explanation.find("7 or more points in a row above the mean"),
            std::string::npos);
}

TEST(MdcRules, FlagTwoOfThreeInTheOuterBandOnlyWhereTheyAre) {
  // Build the series, then place points 10 and 12 in the upper band (between 2σ and 3σ) and
  // point 11 just above the mean, from limits computed on the final series.
  std::vector<double> y = {50, 52, 48, 51, 49, 50, 53, 47, 50, 0, 0, 0, 49, 51, 50, 48, 52, 50};
  const auto place = [&](double a, double b, double c) {
    y[9] = a;
    y[10] = b;
    y[11] = c;
  };
  // Iterate: the points move the mean and ranges a little; settle on band positions.
  place(55, 51, 55);
  for (int round = 0; round < 20; ++round) {
    const Limits l = MdcLimits(y);
    const double band = (l.upper2 + l.upper) / 2;
    place(band, l.mean + 0.1, band);
  }
  const Limits l = MdcLimits(y);
  ASSERT_GT(y[9], l.upper2);
  ASSERT_LE(y[9], l.upper);
  ASSERT_GT(y[10], l.mean);
  ASSERT_LT(y[10], l.upper2);
  const Chart chart = Mdc(y);
  EXPECT_TRUE(Has(chart.points[9], "mdc_two_of_three"));
  EXPECT_FALSE(Has(chart.points[10], "mdc_two_of_three")) << "only the points in the band";
  EXPECT_TRUE(Has(chart.points[11], "mdc_two_of_three"));
  EXPECT_FALSE(chart.points[9].sigma_signal);
}

TEST(MdcRules, FlagAPointOutsideTheLimitsAndCallFewPointsTrialLimits) {
  const std::vector<double> y = {5, 6, 5, 7, 6, 5, 30, 6, 5, 6};
  const Chart chart = Mdc(y);
  const Limits limits = MdcLimits(y);
  ASSERT_GT(y[6], limits.upper);
  EXPECT_TRUE(chart.points[6].sigma_signal);
  EXPECT_TRUE(Has(chart.points[6], "mdc_outside_limits"));
  EXPECT_NE(chart.points[0].explanation.find("trial limits"), std::string::npos);
  ChartOptions options;
  options.type = ChartType::kP;
  options.rules = Rules::kMdc;
  auto refused = ComputeChart({{{1}, {2}}}, options);
  ASSERT_FALSE(refused.has_value());
  EXPECT_EQ(refused.error().field, "rules");
}

// The variation icon follows the latest point: a shift above the mean is an improvement when
// higher is better and a concern when lower is; without a flag it is common cause. Assurance
// compares the target with the limits computed here.
TEST(MdcIcons, NameTheLatestPointsVariationAndTheTargetsAssurance) {
  const std::vector<double> steady = {5, 6, 5, 7, 6, 5, 6, 5, 6, 7, 5, 6, 5, 6};
  const Chart common = Mdc(steady);
  const Limits l = MdcLimits(steady);
  const MdcIcons icons = IconsOf(common, Direction::kHigherIsBetter, l.lower - 0.5);
  EXPECT_EQ(icons.variation, Variation::kCommonCause);
  EXPECT_EQ(icons.assurance, Assurance::kPass) << "the whole band is above the target";
  EXPECT_EQ(IconsOf(common, Direction::kLowerIsBetter, l.lower - 0.5).assurance, Assurance::kFail);
  EXPECT_EQ(IconsOf(common, Direction::kHigherIsBetter, l.mean).assurance, Assurance::kHitAndMiss);
  EXPECT_EQ(IconsOf(common, Direction::kHigherIsBetter, l.upper + 0.5).assurance, Assurance::kFail);
  EXPECT_FALSE(IconsOf(common, Direction::kHigherIsBetter, std::nullopt).assurance.has_value());

  // Seven of the last points above the mean: a shift flagged at the latest point.
  const std::vector<double> shifted = {5, 5, 5, 5, 5, 5, 5, 5, 7, 7, 8, 7, 7, 8, 7};
  const Chart shift = Mdc(shifted);
  ASSERT_FALSE(shift.points.back().signals.empty());
  ASSERT_GT(*shift.points.back().y, *shift.points.back().cl);
  EXPECT_EQ(IconsOf(shift, Direction::kHigherIsBetter, std::nullopt).variation,
            Variation::kImprovement);
  EXPECT_EQ(IconsOf(shift, Direction::kLowerIsBetter, std::nullopt).variation, Variation::kConcern);
  EXPECT_EQ(VariationName(Variation::kImprovement), "special_cause_improvement");
  EXPECT_EQ(AssuranceName(Assurance::kHitAndMiss), "hit_and_miss");
}

}  // namespace
}  // namespace covalue::analytics::spc
