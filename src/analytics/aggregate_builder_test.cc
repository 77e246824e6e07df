#include "analytics/aggregate_builder.h"

#include <cmath>
#include <map>
#include <random>
#include <tuple>

#include <gtest/gtest.h>

#include "domain/dates.h"

namespace covalue::analytics {
namespace {

// The builder's aggregates equal totals summed one observation at a time, with the periods
// computed from each observation's instant and the contributions written out from the
// measures' definitions, whatever the order of the records, in chunks, split across builders,
// and with dates centuries apart (the sparse periods).
TEST(AggregateBuilder, EqualsTotalsSummedOneObservationAtATime) {
  const auto measure = [](const char* id, MeasureKind kind, const char* code,
                          std::optional<double> threshold, bool at_least) {
    MeasureDefinition m;
    m.id = id;
    m.kind = kind;
    m.system = "s";
    m.code = code;
    m.threshold = threshold;
    m.at_least = at_least;
    return m;
  };
  const MeasureDefinition share = measure("share", MeasureKind::kProportion, "a", 10.0, true);
  const MeasureDefinition mean = measure("mean", MeasureKind::kContinuous, "a", {}, true);
  const MeasureDefinition low = measure("low", MeasureKind::kProportion, "b", 3.0, false);
  const std::vector<ObservationSeries> series = {
      {1, 11, "s", "a"}, {2, 21, "s", "a"}, {1, 11, "s", "b"}, {1, 11, "s", "c"}};
  const std::vector<PeriodKind> kinds(std::begin(kAllPeriodKinds), std::end(kAllPeriodKinds));

  std::mt19937_64 bits(7);
  std::vector<ObservationRecord> records;
  using Key = std::tuple<Id, Id, std::string, PeriodKind, std::int64_t>;
  std::map<Key, PeriodTotals> expected;
  for (int i = 0; i < 20'000; ++i) {
    const std::int64_t year = i % 997 == 0 ? 900 : i % 991 == 0 ? 2600 : 2020 + i % 5;
    const std::int64_t ms = DaysFromCivil(year, static_cast<unsigned>(1 + bits() % 12),
                                          static_cast<unsigned>(1 + bits() % 28)) *
                                86'400'000 +
                            static_cast<std::int64_t>(bits() % 86'400'000);
    // The first chunk's records are of the first two series only (the table grows after it).
    const auto s = static_cast<std::uint32_t>(bits() % (i < 777 ? 2 : series.size()));
    const double value = static_cast<double>(bits() % 2000) / 100.0;
    records.push_back({value, static_cast<std::int32_t>(DayOf(ms)), s});
    for (const MeasureDefinition* m : {&share, &mean, &low}) {
      if (m->code != series[s].code) {
        continue;
      }
      for (PeriodKind kind : kinds) {
        PeriodTotals& t =
            expected[{series[s].site_id, series[s].population_id, m->id, kind, PeriodOf(kind, ms)}];
        // Every kind keeps the values' sums; a proportion counts the observations that meet it.
        t.count += 1;
        t.sum += value;
        t.sum_squares += value * value;
        if (m->kind == MeasureKind::kProportion) {
          t.denominator += 1;
          t.numerator += (m->at_least ? value >= 10.0 : value <= 3.0) ? 1 : 0;
        }
      }
    }
  }
  const std::vector<MeasureDefinition> measures = {share, mean, low};
  AggregateBuilder whole(measures, kinds);
  AggregateBuilder first(measures, kinds);
  AggregateBuilder second(measures, kinds);
  const std::span<const ObservationRecord> all(records);
  for (std::size_t at = 0; at < all.size(); at += 777) {
    const auto chunk = all.subspan(at, std::min<std::size_t>(777, all.size() - at));
    whole.Add(std::span(series).first(at == 0 ? 2 : series.size()), chunk);  // a growing table
    (at < all.size() / 2 ? first : second).Add(series, chunk);
  }
  MeasureAggregates split = first.Aggregates();
  split.Merge(second.Aggregates());

  for (const MeasureAggregates& built : {whole.Aggregates(), split}) {
    std::size_t periods = 0;
    built.ForEach([&](const SeriesKey& key, const AggregateSeries& s) {
      for (std::size_t i = 0; i < s.Periods(); ++i, ++periods) {
        const auto found =
            expected.find({key.site_id, key.population_id, key.measure, key.period, s.period[i]});
        ASSERT_NE(found, expected.end()) << key.measure << " " << s.period[i];
        const PeriodTotals& t = found->second;
        EXPECT_EQ(s.count[i], t.count);
        EXPECT_NEAR(s.sum[i], t.sum, 1e-9 * std::max(1.0, std::fabs(t.sum)));
        EXPECT_NEAR(s.sum_squares[i], t.sum_squares, 1e-9 * std::max(1.0, t.sum_squares));
        EXPECT_EQ(s.numerator[i], t.numerator);
        EXPECT_EQ(s.denominator[i], t.denominator);
      }
    });
    EXPECT_EQ(periods, expected.size());
  }
  // The far-flung years are among them: weeks 1,700 years apart use the sparse periods.
  const std::int64_t week_1000 =
      PeriodOf(PeriodKind::kWeek, DaysFromCivil(1000, 1, 1) * 86'400'000);
  const std::int64_t week_2500 =
      PeriodOf(PeriodKind::kWeek, DaysFromCivil(2500, 1, 1) * 86'400'000);
  std::size_t early = 0;
  std::size_t late = 0;
  for (const auto& [key, totals] : expected) {
    early += std::get<3>(key) == PeriodKind::kWeek && std::get<4>(key) < week_1000 ? 1 : 0;
    late += std::get<3>(key) == PeriodKind::kWeek && std::get<4>(key) > week_2500 ? 1 : 0;
  }
  EXPECT_GT(early, 0U);
  EXPECT_GT(late, 0U);
  EXPECT_GT(week_2500 - week_1000, AggregateBuilder::kMaxDensePeriods);
}

}  // namespace
}  // namespace covalue::analytics
