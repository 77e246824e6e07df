#include "analytics/spc/chart.h"

#include <algorithm>
#include <cmath>
#include <numeric>

#include <gtest/gtest.h>

namespace covalue::analytics::spc {
namespace {

// Every expected value is computed here from the published formulas (Montgomery 2012 §6.4 for
// the I and MR charts with d2 = 1.128 and D4 = 3.267; Anhøj 2014 for the runs), never read from
// ComputeChart's own output.

std::vector<Subgroup> Series(const std::vector<std::optional<double>>& y) {
  std::vector<Subgroup> out;
  out.reserve(y.size());
  for (const auto& v : y) {
    out.push_back({{v}, {}});
  }
  return out;
}

ChartOptions Of(ChartType type) {
  ChartOptions options;
  options.type = type;
  return options;
}

Chart Compute(const std::vector<Subgroup>& subgroups, const ChartOptions& options) {
  auto chart = ComputeChart(subgroups, options);
  EXPECT_TRUE(chart.has_value()) << chart.error().message;
  return *chart;
}

double MeanOf(const std::vector<double>& v) {
  return std::accumulate(v.begin(), v.end(), 0.0) / static_cast<double>(v.size());
}

TEST(RunChart, CentresOnTheMedianAndFindsTheShiftOfTheLastPoints) {
  // 10 points around 10, then 9 points around 5: the median of 19 values is the 10th smallest.
  std::vector<std::optional<double>> y = {10, 11, 9, 12, 10.5, 9.5, 11, 10, 12, 9,
                                          5,  4,  6, 5,  4.5,  5.5, 6,  4,  5};
  const Chart chart = Compute(Series(y), Of(ChartType::kRun));
  std::vector<double> sorted;
  sorted.reserve(y.size());
  for (const auto& v : y) {
    sorted.push_back(*v);
  }
  std::sort(sorted.begin(), sorted.end());
  const double median = sorted[9];
  ASSERT_EQ(chart.points.size(), 19U);
  EXPECT_EQ(*chart.points[0].cl, median);
  EXPECT_FALSE(chart.points[0].ucl.has_value()) << "a run chart has no limits";
  // Points equal to the median drop out; the nine low points form one run below.
  const auto on_median = static_cast<std::size_t>(std::count(sorted.begin(), sorted.end(), median));
  ASSERT_EQ(chart.parts.size(), 1U);
  EXPECT_EQ(chart.parts[0].n_useful, 19 - on_median);
  EXPECT_EQ(chart.parts[0].longest_run, 9U);
  EXPECT_EQ(
      chart.parts[0].longest_run_max,
      static_cast<std::size_t>(std::lround(std::log2(static_cast<double>(19 - on_median)))) + 3);
  EXPECT_TRUE(chart.parts[0].runs_signal);
  EXPECT_TRUE(chart.points[3].runs_signal) << "every point carries its part's signal";
  EXPECT_NE(chart.points[12].explanation.find("9 points in a row below the median"),
            std::string::npos)
      << chart.points[12].explanation;
}

TEST(RunChart, UsesTheEvenMedianAndRatiosOfSumsWithDenominators) {
  // Two rows per subgroup with denominators: y = Σy / Σn.
  std::vector<Subgroup> subgroups = {
      {{1, 2}, {10, 10}}, {{3, 3}, {10, 20}}, {{0, 5}, {5, 5}}, {{4, 4}, {8, 8}}};
  const Chart chart = Compute(subgroups, Of(ChartType::kRun));
  const std::vector<double> ratios = {3.0 / 20, 6.0 / 30, 5.0 / 10, 8.0 / 16};
  for (std::size_t i = 0; i < 4; ++i) {
    EXPECT_DOUBLE_EQ(*chart.points[i].y, ratios[i]);
  }
  EXPECT_EQ(*chart.points[1].n, 30);
  std::vector<double> sorted = ratios;
  std::sort(sorted.begin(), sorted.end());
  EXPECT_DOUBLE_EQ(*chart.points[0].cl, (sorted[1] + sorted[2]) / 2);
}

// The I chart's sigma: the average moving range of the baseline, screened once (ranges of at
// least 3.267 times the average dropped), over 1.128.
double Sigma(const std::vector<double>& baseline_in_order, bool screen) {
  std::vector<double> ranges;
  for (std::size_t i = 1; i < baseline_in_order.size(); ++i) {
    ranges.push_back(std::fabs(baseline_in_order[i] - baseline_in_order[i - 1]));
  }
  double amr = MeanOf(ranges);
  if (screen) {
    std::vector<double> kept;
    for (double r : ranges) {
      if (r < 3.267 * amr) {
        kept.push_back(r);
      }
    }
    amr = MeanOf(kept);
  }
  return amr / 1.128;
}

TEST(IChart, ScreensTheMovingRangesAndFlagsThePointBeyondTheLimits) {
  const std::vector<double> y = {50, 52, 49, 51, 53, 48, 75, 50, 51, 49, 52, 50, 48, 51};
  std::vector<std::optional<double>> values(y.begin(), y.end());
  const Chart screened = Compute(Series(values), Of(ChartType::kI));
  const double cl = MeanOf(y);
  const double sigma = Sigma(y, true);
  ASSERT_NE(sigma, Sigma(y, false)) << "the example has ranges to screen";
  for (const ChartPoint& p : screened.points) {
    EXPECT_DOUBLE_EQ(*p.cl, cl);
    EXPECT_NEAR(*p.ucl, cl + 3 * sigma, 1e-12);
    EXPECT_NEAR(*p.lcl, cl - 3 * sigma, 1e-12);
    EXPECT_NEAR(*p.ucl_2sigma, cl + 2 * sigma, 1e-12);
  }
  EXPECT_TRUE(screened.points[6].sigma_signal);
  EXPECT_EQ(std::vector<std::string>(screened.points[6].signals.begin(),
                                     screened.points[6].signals.end()),
            std::vector<std::string>{"sigma"});
  EXPECT_NE(screened.points[6].explanation.find("above the upper limit"), std::string::npos);
  EXPECT_EQ(std::count_if(screened.points.begin(), screened.points.end(),
                          [](const ChartPoint& p) { return p.sigma_signal; }),
            1);
  ChartOptions unscreened = Of(ChartType::kI);
  unscreened.mr_screening = false;
  const Chart plain = Compute(Series(values), unscreened);
  EXPECT_NEAR(*plain.points[0].ucl, cl + 3 * Sigma(y, false), 1e-12);
}

TEST(IChart, FreezesTheBaselineAndTestsLaterPointsAgainstIt) {
  // Baseline of 12 points, then 9 points 3 lower: limits from the baseline only, and the runs
  // analysis over all 21 points against the baseline's centre finds the shift.
  std::vector<double> y = {20, 22, 21, 19, 23, 20, 21, 22, 19, 20, 21,
                           22, 17, 18, 16, 18, 17, 19, 16, 17, 18};
  std::vector<std::optional<double>> values(y.begin(), y.end());
  ChartOptions options = Of(ChartType::kI);
  options.freeze = 12;
  const Chart chart = Compute(Series(values), options);
  const std::vector<double> baseline(y.begin(), y.begin() + 12);
  const double cl = MeanOf(baseline);
  EXPECT_DOUBLE_EQ(*chart.points[20].cl, cl);
  EXPECT_NEAR(*chart.points[20].ucl, cl + 3 * Sigma(baseline, true), 1e-12);
  EXPECT_TRUE(chart.points[11].baseline);
  EXPECT_FALSE(chart.points[12].baseline);
  EXPECT_EQ(chart.parts[0].n_obs, 21U);
  EXPECT_EQ(chart.parts[0].longest_run, 9U);
  EXPECT_TRUE(chart.parts[0].runs_signal);
}

TEST(IChart, LeavesExcludedPointsOutOfTheCentreButTestsThem) {
  const std::vector<double> y = {5, 6, 5, 7, 30, 6, 5, 6, 7, 5};
  std::vector<std::optional<double>> values(y.begin(), y.end());
  ChartOptions options = Of(ChartType::kI);
  options.exclude = {5};
  const Chart chart = Compute(Series(values), options);
  // Without point 5, its neighbours (7 and 6) form a moving range.
  const std::vector<double> kept = {5, 6, 5, 7, 6, 5, 6, 7, 5};
  EXPECT_DOUBLE_EQ(*chart.points[0].cl, MeanOf(kept));
  EXPECT_NEAR(*chart.points[0].ucl, MeanOf(kept) + 3 * Sigma(kept, true), 1e-12);
  EXPECT_FALSE(chart.points[4].include);
  EXPECT_TRUE(chart.points[4].sigma_signal);
  EXPECT_EQ(chart.parts[0].n_obs, 9U);
}

TEST(IChart, KeepsAMissingPointAsAGapThatBreaksTheMovingRanges) {
  const std::vector<std::optional<double>> values = {4, 6, std::nullopt, 5, 9, 5, 6, 4};
  const Chart chart = Compute(Series(values), Of(ChartType::kI));
  const ChartPoint& gap = chart.points[2];
  EXPECT_FALSE(gap.y.has_value());
  EXPECT_FALSE(gap.ucl.has_value());
  ASSERT_TRUE(gap.cl.has_value()) << "the centre line goes on through a gap";
  // Ranges: |6−4|, then the gap breaks the chain: |9−5|, |5−9|, |6−5|, |4−6|.
  const std::vector<double> ranges = {2, 4, 4, 1, 2};
  const double amr = MeanOf(ranges);  // none reaches 3.267 · amr
  const double cl = MeanOf({4, 6, 5, 9, 5, 6, 4});
  EXPECT_DOUBLE_EQ(*gap.cl, cl);
  EXPECT_NEAR(*chart.points[0].ucl, cl + 3 * amr / 1.128, 1e-12);
  EXPECT_EQ(chart.parts[0].n_obs, 8U);
  EXPECT_EQ(gap.explanation, "No value for this point.");
}

TEST(IChart, RecomputesEverythingPerPartAndIgnoresFreezeThen) {
  const std::vector<double> first = {10, 11, 10, 12, 11, 10};
  const std::vector<double> second = {20, 22, 21, 20, 23, 21, 22};
  std::vector<std::optional<double>> values(first.begin(), first.end());
  values.insert(values.end(), second.begin(), second.end());
  ChartOptions options = Of(ChartType::kI);
  options.parts = {6};
  options.freeze = 3;
  const Chart chart = Compute(Series(values), options);
  ASSERT_EQ(chart.parts.size(), 2U);
  EXPECT_EQ(chart.points[5].part, 1U);
  EXPECT_EQ(chart.points[6].part, 2U);
  EXPECT_DOUBLE_EQ(*chart.points[0].cl, MeanOf(first));
  EXPECT_DOUBLE_EQ(*chart.points[12].cl, MeanOf(second));
  EXPECT_NEAR(*chart.points[12].ucl, MeanOf(second) + 3 * Sigma(second, true), 1e-12);
  EXPECT_TRUE(chart.points[5].baseline) << "freeze is ignored when there are parts";
  EXPECT_EQ(chart.parts[1].n_obs, 7U);
}

TEST(MrChart, PlotsTheMovingRangesAgainstD4TimesTheirMeanAndNeverSignalsRuns) {
  const std::vector<double> y = {3, 5, 4, 8, 7, 7, 9, 6, 5, 6, 4, 5};
  std::vector<std::optional<double>> values(y.begin(), y.end());
  const Chart chart = Compute(Series(values), Of(ChartType::kMR));
  std::vector<double> ranges;
  for (std::size_t i = 1; i < y.size(); ++i) {
    ranges.push_back(std::fabs(y[i] - y[i - 1]));
  }
  const double cl = MeanOf(ranges);  // never screened
  EXPECT_FALSE(chart.points[0].y.has_value());
  EXPECT_DOUBLE_EQ(*chart.points[0].cl, cl);
  // The first point has no range but carries the centre and every limit (qicharts2's qic.mr).
  ASSERT_TRUE(chart.points[0].lcl && chart.points[0].lcl_2sigma && chart.points[0].ucl_2sigma);
  EXPECT_EQ(*chart.points[0].lcl, 0);
  EXPECT_EQ(*chart.points[0].lcl_2sigma, 0);
  EXPECT_DOUBLE_EQ(*chart.points[0].ucl, 3.267 * cl);
  EXPECT_NEAR(*chart.points[5].ucl_2sigma, 3.267 / 3 * 2 * cl, 1e-12);
  EXPECT_DOUBLE_EQ(*chart.points[3].y, 4);
  EXPECT_DOUBLE_EQ(*chart.points[3].ucl, 3.267 * cl);
  EXPECT_EQ(*chart.points[3].lcl, 0);
  EXPECT_EQ(chart.parts[0].n_obs, 12U);
  for (const ChartPoint& p : chart.points) {
    EXPECT_FALSE(p.runs_signal);
  }
}

// Counts y_i of denominators n_i, one row each.
std::vector<Subgroup> Counts(const std::vector<double>& y, const std::vector<double>& n) {
  std::vector<Subgroup> out;
  for (std::size_t i = 0; i < y.size(); ++i) {
    out.push_back({{y[i]}, {n[i]}});
  }
  return out;
}

TEST(PChart, CentresOnTheRatioOfSumsWithLimitsForEachDenominatorClippedToZeroAndOne) {
  const std::vector<double> y = {12, 15, 8, 10, 4, 7, 16, 9, 14, 10, 5, 6, 17, 12, 22};
  const std::vector<double> n = {50, 80, 40, 60, 20, 45, 90, 50, 70, 55, 25, 30, 85, 60, 30};
  const Chart chart = Compute(Counts(y, n), Of(ChartType::kP));
  const double p =
      std::accumulate(y.begin(), y.end(), 0.0) / std::accumulate(n.begin(), n.end(), 0.0);
  for (std::size_t i = 0; i < y.size(); ++i) {
    const double sigma = std::sqrt(p * (1 - p) / n[i]);
    EXPECT_DOUBLE_EQ(*chart.points[i].y, y[i] / n[i]);
    EXPECT_DOUBLE_EQ(*chart.points[i].cl, p);
    EXPECT_NEAR(*chart.points[i].ucl, std::min(1.0, p + 3 * sigma), 1e-12) << i;
    EXPECT_NEAR(*chart.points[i].lcl, std::max(0.0, p - 3 * sigma), 1e-12) << i;
  }
  EXPECT_NE(*chart.points[4].ucl, *chart.points[6].ucl) << "limits vary with the denominator";
  EXPECT_EQ(*chart.points[4].lcl, 0) << "clipped at 0";
  // 22 of 30 is far above its limit.
  EXPECT_TRUE(chart.points[14].sigma_signal);
  auto too_many = ComputeChart(Counts({5}, {4}), Of(ChartType::kP));
  ASSERT_FALSE(too_many.has_value());
  EXPECT_EQ(too_many.error().field, "points[0]");
  EXPECT_FALSE(ComputeChart(Series({1, 2}), Of(ChartType::kP)).has_value()) << "no denominators";
}

// Laney's σ_z: the screened average moving range of z over 1.128.
double SigmaZ(const std::vector<double>& z) { return Sigma(z, true); }

TEST(LaneyCharts, WidenTheLimitsBySigmaZOfTheStandardisedValues) {
  // Large denominators make a plain p chart signal nearly everywhere (over-dispersion).
  const std::vector<double> y = {520, 610, 480, 555, 590, 470, 640, 500, 530, 575};
  const std::vector<double> n = {5000, 5200, 4900, 5100, 5050, 4800, 5300, 5000, 5150, 5100};
  const Chart pp = Compute(Counts(y, n), Of(ChartType::kPP));
  const double p =
      std::accumulate(y.begin(), y.end(), 0.0) / std::accumulate(n.begin(), n.end(), 0.0);
  std::vector<double> z;
  for (std::size_t i = 0; i < y.size(); ++i) {
    z.push_back((y[i] / n[i] - p) / std::sqrt(p * (1 - p) / n[i]));
  }
  const double sigma_z = SigmaZ(z);
  ASSERT_GT(sigma_z, 1.5) << "the example is over-dispersed";
  for (std::size_t i = 0; i < y.size(); ++i) {
    const double sigma = std::sqrt(p * (1 - p) / n[i]) * sigma_z;
    EXPECT_NEAR(*pp.points[i].ucl, p + 3 * sigma, 1e-12) << i;
    EXPECT_NEAR(*pp.points[i].lcl, p - 3 * sigma, 1e-12) << i;
  }
  // The same for rates: u′ from u's σ_i = √(ū/n_i).
  const Chart up = Compute(Counts(y, n), Of(ChartType::kUP));
  const double u = p;
  std::vector<double> zu;
  for (std::size_t i = 0; i < y.size(); ++i) {
    zu.push_back((y[i] / n[i] - u) / std::sqrt(u / n[i]));
  }
  EXPECT_NEAR(*up.points[3].ucl, u + 3 * std::sqrt(u / n[3]) * SigmaZ(zu), 1e-12);
}

TEST(UAndCCharts, TakeRatesAndCountsWithTheirPoissonLimitsFloorAtZero) {
  const std::vector<double> y = {3, 7, 2, 5, 9, 4, 1, 6, 3, 8};
  const std::vector<double> n = {1.2, 2.0, 0.8, 1.5, 2.5, 1.0, 0.6, 1.8, 1.1, 2.2};
  const Chart u = Compute(Counts(y, n), Of(ChartType::kU));
  const double ubar =
      std::accumulate(y.begin(), y.end(), 0.0) / std::accumulate(n.begin(), n.end(), 0.0);
  for (std::size_t i = 0; i < y.size(); ++i) {
    EXPECT_NEAR(*u.points[i].ucl, ubar + 3 * std::sqrt(ubar / n[i]), 1e-12);
    EXPECT_NEAR(*u.points[i].lcl, std::max(0.0, ubar - 3 * std::sqrt(ubar / n[i])), 1e-12);
  }
  // A c chart sums the rows of each subgroup.
  std::vector<Subgroup> counts;
  for (std::size_t i = 0; i < y.size(); ++i) {
    counts.push_back({{y[i], 1.0}, {}});
  }
  const Chart c = Compute(counts, Of(ChartType::kC));
  const double cbar = MeanOf(y) + 1;
  EXPECT_DOUBLE_EQ(*c.points[0].y, y[0] + 1);
  EXPECT_DOUBLE_EQ(*c.points[0].cl, cbar);
  EXPECT_NEAR(*c.points[0].ucl, cbar + 3 * std::sqrt(cbar), 1e-12);
  EXPECT_EQ(*c.points[0].lcl, std::max(0.0, cbar - 3 * std::sqrt(cbar)));
}

double SdOf(const std::vector<double>& v) {
  const double m = MeanOf(v);
  double sq = 0;
  for (double x : v) {
    sq += (x - m) * (x - m);
  }
  return std::sqrt(sq / static_cast<double>(v.size() - 1));
}

// c4 from the gamma function itself (not its logarithm, as the library does).
double C4Of(double n) {
  return std::sqrt(2 / (n - 1)) * std::tgamma(n / 2) / std::tgamma((n - 1) / 2);
}

std::vector<Subgroup> Rows(const std::vector<std::vector<double>>& groups) {
  std::vector<Subgroup> out;
  out.reserve(groups.size());
  for (const auto& g : groups) {
    out.push_back({SubgroupRows(g.begin(), g.end()), {}});
  }
  return out;
}

TEST(XbarAndSCharts, UseTheMeanOfSdsForEqualSizesAndExactC4) {
  const std::vector<std::vector<double>> groups = {
      {5.1, 4.9, 5.3, 5.0}, {5.2, 5.4, 5.1, 5.3}, {4.8, 5.0, 4.9, 5.2}, {5.5, 5.1, 5.3, 5.4},
      {5.0, 4.7, 5.1, 4.9}, {5.2, 5.0, 5.3, 5.1}, {4.9, 5.2, 5.0, 5.1}, {5.3, 5.6, 5.4, 5.2}};
  std::vector<double> means, sds;
  for (const auto& g : groups) {
    means.push_back(MeanOf(g));
    sds.push_back(SdOf(g));
  }
  const double sbar = MeanOf(sds);
  const double c4 = C4Of(4);
  const Chart xbar = Compute(Rows(groups), Of(ChartType::kXbar));
  EXPECT_NEAR(*xbar.points[0].cl, MeanOf(means), 1e-12);
  EXPECT_NEAR(*xbar.points[0].ucl, MeanOf(means) + 3 / (c4 * 2) * sbar, 1e-12);
  EXPECT_NEAR(*xbar.points[0].lcl, MeanOf(means) - 3 / (c4 * 2) * sbar, 1e-12);
  EXPECT_EQ(*xbar.points[0].n, 4);
  const Chart s = Compute(Rows(groups), Of(ChartType::kS));
  const double c5 = std::sqrt(1 - c4 * c4);
  EXPECT_NEAR(*s.points[2].y, sds[2], 1e-12);
  EXPECT_NEAR(*s.points[2].cl, sbar, 1e-12);
  EXPECT_NEAR(*s.points[2].ucl, (1 + 3 * c5 / c4) * sbar, 1e-12);
  EXPECT_NEAR(*s.points[2].lcl, std::max(0.0, 1 - 3 * c5 / c4) * sbar, 1e-12);
}

TEST(XbarAndSCharts, PoolTheSdsWhenSubgroupSizesDiffer) {
  const std::vector<std::vector<double>> groups = {
      {10, 12, 11}, {13, 11, 12, 14, 12}, {9, 11}, {12, 13, 11, 12}, {10, 11, 12, 13, 12, 11}};
  double weighted = 0, weights = 0, pooled = 0, freedom = 0;
  for (const auto& g : groups) {
    const auto n = static_cast<double>(g.size());
    weighted += n * MeanOf(g);
    weights += n;
    pooled += (n - 1) * SdOf(g) * SdOf(g);
    freedom += n - 1;
  }
  const double cl = weighted / weights;
  const double sbar = std::sqrt(pooled / freedom);
  const Chart xbar = Compute(Rows(groups), Of(ChartType::kXbar));
  for (std::size_t i = 0; i < groups.size(); ++i) {
    const auto n = static_cast<double>(groups[i].size());
    EXPECT_NEAR(*xbar.points[i].cl, cl, 1e-12);
    EXPECT_NEAR(*xbar.points[i].ucl, cl + 3 * sbar / (C4Of(n) * std::sqrt(n)), 1e-12) << i;
  }
  const Chart s = Compute(Rows(groups), Of(ChartType::kS));
  const double c4 = C4Of(2);
  EXPECT_NEAR(*s.points[2].ucl, sbar * (1 + 3 * std::sqrt(1 - c4 * c4) / c4), 1e-12);
}

TEST(GChart, DrawsTheMedianButTakesItsLimitsFromTheMean) {
  const std::vector<double> y = {12, 30, 5, 44, 18, 9, 60, 22, 15, 35, 7, 28};
  std::vector<std::optional<double>> values(y.begin(), y.end());
  const Chart g = Compute(Series(values), Of(ChartType::kG));
  std::vector<double> sorted = y;
  std::sort(sorted.begin(), sorted.end());
  const double median = (sorted[5] + sorted[6]) / 2;
  const double mean = MeanOf(y);
  EXPECT_DOUBLE_EQ(*g.points[0].cl, median);
  EXPECT_NEAR(*g.points[0].ucl, mean + 3 * std::sqrt(mean * (mean + 1)), 1e-12);
  EXPECT_EQ(*g.points[0].lcl, 0) << "ḡ − 3√(ḡ(ḡ+1)) is always below 0";
  EXPECT_FALSE(ComputeChart(Series({3, -1}), Of(ChartType::kG)).has_value());
}

TEST(TChart, IsAnIChartOfTheTransformedTimesTakenBack) {
  const std::vector<double> y = {3.2, 10.5, 1.1, 7.8, 25.0, 4.4, 0.6, 14.2, 6.1, 2.9, 9.3, 5.5};
  std::vector<std::optional<double>> values(y.begin(), y.end());
  const Chart t = Compute(Series(values), Of(ChartType::kT));
  std::vector<double> transformed;
  transformed.reserve(y.size());
  for (double v : y) {
    transformed.push_back(std::pow(v, 1 / 3.6));
  }
  const double centre = MeanOf(transformed);
  const double sigma = Sigma(transformed, true);
  EXPECT_NEAR(*t.points[0].cl, std::pow(centre, 3.6), 1e-9);
  EXPECT_NEAR(*t.points[0].ucl, std::pow(centre + 3 * sigma, 3.6), 1e-9);
  const double low = centre - 3 * sigma;
  EXPECT_NEAR(*t.points[0].lcl, low < 0 ? 0 : std::pow(low, 3.6), 1e-9);
  EXPECT_DOUBLE_EQ(*t.points[4].y, 25.0) << "the times themselves are plotted";
  auto zero = ComputeChart(Series({1, 0, 2}), Of(ChartType::kT));
  ASSERT_FALSE(zero.has_value());
  EXPECT_EQ(zero.error().field, "points[1]");
}

TEST(Chart, MultipliesAfterwardsAndRefusesIndicesThatAreNoPoints) {
  const std::vector<std::optional<double>> values = {0.1, 0.2, 0.15, 0.12, 0.18};
  ChartOptions options = Of(ChartType::kI);
  options.multiply = 100;
  const Chart chart = Compute(Series(values), options);
  EXPECT_DOUBLE_EQ(*chart.points[1].y, 20);
  EXPECT_DOUBLE_EQ(*chart.points[0].cl, (0.1 + 0.2 + 0.15 + 0.12 + 0.18) / 5 * 100);
  options.exclude = {6};
  auto refused = ComputeChart(Series(values), options);
  ASSERT_FALSE(refused.has_value());
  EXPECT_EQ(refused.error().field, "exclude");
  options.exclude.clear();
  options.parts = {3, 2};
  EXPECT_EQ(ComputeChart(Series(values), options).error().field, "part");
  EXPECT_EQ(ParseChartType("up"), ChartType::kUP);
  EXPECT_FALSE(ParseChartType("r").has_value());
}

}  // namespace
}  // namespace covalue::analytics::spc
