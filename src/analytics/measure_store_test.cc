#include "analytics/measure_store.h"

#include <map>
#include <random>
#include <tuple>

#include <fmt/format.h>
#include <gtest/gtest.h>

#include "domain/dates.h"

namespace covalue::analytics {
namespace {

std::int64_t At(std::int64_t year, unsigned month, unsigned day) {
  return DaysFromCivil(year, month, day) * 86'400'000 + 12LL * 3'600'000;
}

TEST(PeriodOf, CountsMonthsQuartersAndMondayWeeksFrom1970) {
  EXPECT_EQ(PeriodOf(PeriodKind::kMonth, At(1970, 1, 1)), 0);
  EXPECT_EQ(PeriodOf(PeriodKind::kMonth, At(2024, 3, 15)), (2024 - 1970) * 12 + 2);
  EXPECT_EQ(PeriodOf(PeriodKind::kQuarter, At(2024, 3, 31)), (2024 - 1970) * 4);
  EXPECT_EQ(PeriodOf(PeriodKind::kQuarter, At(2024, 4, 1)), (2024 - 1970) * 4 + 1);
  EXPECT_EQ(PeriodOf(PeriodKind::kMonth, At(1969, 12, 31)), -1);
  // 1970-01-01 was a Thursday: its week began on Monday 1969-12-29.
  EXPECT_EQ(PeriodOf(PeriodKind::kWeek, At(1969, 12, 29)), 0);
  EXPECT_EQ(PeriodOf(PeriodKind::kWeek, At(1970, 1, 4)), 0);
  EXPECT_EQ(PeriodOf(PeriodKind::kWeek, At(1970, 1, 5)), 1);
  EXPECT_EQ(PeriodOf(PeriodKind::kWeek, At(1969, 12, 28)), -1);
  // Every day of a month is in that month, and the next day may start another.
  for (std::int64_t day = DaysFromCivil(2023, 1, 1); day < DaysFromCivil(2025, 1, 1); ++day) {
    const std::int64_t ms = day * 86'400'000;
    const std::int64_t month = PeriodOf(PeriodKind::kMonth, ms);
    EXPECT_EQ(FormatDate(ms).substr(0, 7),
              fmt::format("{:04}-{:02}", 1970 + month / 12, month % 12 + 1));
  }
}

// The store after random ingests equals a full recomputation of the same observations.
std::int64_t Midnight(std::int64_t year, unsigned month, unsigned day) {
  return DaysFromCivil(year, month, day) * 86'400'000;
}

TEST(PeriodStartMs, IsTheFirstInstantOfItsPeriodWithItsLabel) {
  EXPECT_EQ(PeriodStartMs(PeriodKind::kMonth, PeriodOf(PeriodKind::kMonth, At(2025, 6, 15))),
            Midnight(2025, 6, 1));
  EXPECT_EQ(PeriodStartMs(PeriodKind::kQuarter, PeriodOf(PeriodKind::kQuarter, At(2025, 6, 15))),
            Midnight(2025, 4, 1));
  // 2025-06-15 was a Sunday: its week began on Monday 9 June.
  EXPECT_EQ(PeriodStartMs(PeriodKind::kWeek, PeriodOf(PeriodKind::kWeek, At(2025, 6, 15))),
            Midnight(2025, 6, 9));
  EXPECT_EQ(PeriodLabel(PeriodKind::kWeek, PeriodOf(PeriodKind::kWeek, At(2025, 6, 15))),
            "2025-06-09");
  EXPECT_EQ(PeriodLabel(PeriodKind::kMonth, PeriodOf(PeriodKind::kMonth, At(1969, 12, 31))),
            "1969-12");
  EXPECT_EQ(PeriodLabel(PeriodKind::kQuarter, PeriodOf(PeriodKind::kQuarter, At(2024, 11, 2))),
            "2024-Q4");
  // Every period from 1960 to 2040 round-trips.
  for (PeriodKind kind : kAllPeriodKinds) {
    for (std::int64_t p = PeriodOf(kind, At(1960, 1, 1)); p < PeriodOf(kind, At(2040, 1, 1)); ++p) {
      ASSERT_EQ(PeriodOf(kind, PeriodStartMs(kind, p)), p);
      ASSERT_EQ(PeriodOf(kind, PeriodStartMs(kind, p) - 1), p - 1);
    }
  }
}

TEST(MeasureAggregates, EqualAFullRecomputationAfter100000RandomIngests) {
  std::mt19937_64 bits(20261123);
  const auto pick = [&](std::int64_t n) {
    return static_cast<std::int64_t>(bits() % static_cast<std::uint64_t>(n));
  };
  struct Ingest {
    SeriesKey key;
    std::int64_t ms;
    Contribution c;
  };
  std::vector<Ingest> ingests;
  ingests.reserve(100'000);
  const std::int64_t start = At(2020, 1, 1);
  const std::int64_t span = At(2025, 1, 1) - start;
  MeasureAggregates store;
  for (int i = 0; i < 100'000; ++i) {
    const auto kind = static_cast<PeriodKind>(pick(3));
    Ingest in{{1 + pick(3), 10 + pick(2), "m" + std::to_string(pick(4)), kind},
              start + pick(span),
              {static_cast<double>(pick(1000)) / 10, static_cast<double>(pick(2)), 1}};
    store.Add(in.key, PeriodOf(in.key.period, in.ms), in.c);
    ingests.push_back(std::move(in));
  }
  // Recomputed the plain way: one map entry per (series, period), summed in ingest order.
  std::map<std::pair<SeriesKey, std::int64_t>,
           std::tuple<std::int64_t, double, double, double, double>>
      expected;
  for (const Ingest& in : ingests) {
    auto& [count, sum, squares, num, den] = expected[{in.key, PeriodOf(in.key.period, in.ms)}];
    count += 1;
    sum += in.c.value;
    squares += in.c.value * in.c.value;
    num += in.c.numerator;
    den += in.c.denominator;
  }
  std::size_t periods = 0;
  for (const SeriesKey& key : store.Keys()) {
    const AggregateSeries& s = store.Series(key);
    ASSERT_TRUE(std::is_sorted(s.period.begin(), s.period.end()));
    for (std::size_t i = 0; i < s.Periods(); ++i) {
      const auto found = expected.find({key, s.period[i]});
      ASSERT_NE(found, expected.end());
      const auto& [count, sum, squares, num, den] = found->second;
      EXPECT_EQ(s.count[i], count);
      EXPECT_EQ(s.sum[i], sum);
      EXPECT_EQ(s.sum_squares[i], squares);
      EXPECT_EQ(s.numerator[i], num);
      EXPECT_EQ(s.denominator[i], den);
      ++periods;
    }
  }
  EXPECT_EQ(periods, expected.size()) << "no period missing, none extra";
  EXPECT_EQ(store.SeriesCount(), 3U * 2 * 4 * 3);
  EXPECT_EQ(store.Series({99, 1, "none", PeriodKind::kMonth}).Periods(), 0U);
}

// Merging two copies gives the one that saw every contribution: periods interleave, a series
// only one side has is taken whole.
TEST(MeasureAggregates, MergeAddsPeriodsAndSeries) {
  const SeriesKey a{1, 1, "m", PeriodKind::kMonth};
  const SeriesKey b{2, 1, "m", PeriodKind::kMonth};
  MeasureAggregates left;
  MeasureAggregates right;
  left.Add(a, 3, {2, 1, 1});
  left.Add(a, 5, {4, 0, 1});
  right.Add(a, 4, {6, 1, 1});
  right.Add(a, 5, {8, 1, 1});
  right.Add(b, 1, {10, 0, 0});
  left.Merge(right);
  const AggregateSeries& s = left.Series(a);
  EXPECT_EQ(s.period, (std::vector<std::int64_t>{3, 4, 5}));
  EXPECT_EQ(s.count, (std::vector<std::int64_t>{1, 1, 2}));
  EXPECT_EQ(s.sum, (std::vector<double>{2, 6, 12}));
  EXPECT_EQ(s.sum_squares, (std::vector<double>{4, 36, 80}));
  EXPECT_EQ(s.numerator, (std::vector<double>{1, 1, 1}));
  EXPECT_EQ(s.denominator, (std::vector<double>{1, 1, 2}));
  EXPECT_EQ(left.Series(b).sum, (std::vector<double>{10}));
  EXPECT_EQ(left.SeriesCount(), 2U);
}

}  // namespace
}  // namespace covalue::analytics
