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

}  // namespace
}  // namespace covalue::analytics
