#include "analytics/measures.h"

#include <cmath>
#include <map>
#include <random>

#include <gtest/gtest.h>

namespace covalue::analytics {
namespace {

struct Row {
  std::int64_t month;
  double value;
};

// 24 months of 20–40 PHQ-9 totals each, seeded.
std::vector<Row> Rows() {
  std::mt19937_64 bits(7);
  std::vector<Row> rows;
  for (std::int64_t month = 600; month < 624; ++month) {
    const auto n = 20 + static_cast<int>(bits() % 21);
    for (int i = 0; i < n; ++i) {
      rows.push_back({month, static_cast<double>(bits() % 28)});
    }
  }
  return rows;
}

MeasureAggregates Ingest(const MeasureDefinition& measure, const SeriesKey& key) {
  MeasureAggregates store;
  for (const Row& row : Rows()) {
    store.Add(key, row.month, ContributionOf(measure, row.value));
  }
  return store;
}

TEST(Measures, AProportionChartsFromItsAggregatesAsFromItsRows) {
  MeasureDefinition moderate;
  moderate.id = "phq9-moderate";
  moderate.kind = MeasureKind::kProportion;
  moderate.threshold = 10;
  const SeriesKey key{1, 1, moderate.id, PeriodKind::kMonth};
  const MeasureAggregates store = Ingest(moderate, key);
  spc::ChartOptions options;
  options.type = ChartTypeOf(moderate.kind);
  ASSERT_EQ(options.type, spc::ChartType::kP);
  auto chart = spc::ComputeChart(SubgroupsOf(store.Series(key), moderate.kind), options);
  ASSERT_TRUE(chart.has_value());
  // From the rows: per month the share of totals of 10 or more; p̄ over everything.
  std::map<std::int64_t, std::pair<double, double>> months;
  double meets = 0, all = 0;
  for (const Row& row : Rows()) {
    auto& [num, den] = months[row.month];
    num += row.value >= 10 ? 1 : 0;
    den += 1;
    meets += row.value >= 10 ? 1 : 0;
    all += 1;
  }
  const double p = meets / all;
  ASSERT_EQ(chart->points.size(), months.size());
  std::size_t i = 0;
  for (const auto& [month, counts] : months) {
    const auto& [num, den] = counts;
    EXPECT_DOUBLE_EQ(*chart->points[i].y, num / den);
    EXPECT_NEAR(*chart->points[i].cl, p, 1e-15);
    EXPECT_NEAR(*chart->points[i].ucl, std::min(1.0, p + 3 * std::sqrt(p * (1 - p) / den)), 1e-12);
    ++i;
  }
}

TEST(Measures, AContinuousMeasureChartsItsMonthlyMeans) {
  MeasureDefinition mean;
  mean.id = "phq9-mean";
  mean.kind = MeasureKind::kContinuous;
  const SeriesKey key{1, 1, mean.id, PeriodKind::kMonth};
  const MeasureAggregates store = Ingest(mean, key);
  const auto subgroups = SubgroupsOf(store.Series(key), mean.kind);
  std::map<std::int64_t, std::pair<double, double>> months;
  for (const Row& row : Rows()) {
    months[row.month].first += row.value;
    months[row.month].second += 1;
  }
  std::size_t i = 0;
  for (const auto& [month, sums] : months) {
    EXPECT_NEAR(*subgroups[i].y[0], sums.first / sums.second, 1e-12);
    ++i;
  }
  EXPECT_EQ(ChartTypeOf(MeasureKind::kCasesBetween), spc::ChartType::kG);
  EXPECT_EQ(ChartTypeOf(MeasureKind::kRate), spc::ChartType::kU);
}

}  // namespace
}  // namespace covalue::analytics
