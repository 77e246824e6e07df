#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <string>
#include <tuple>
#include <vector>

#include "domain/community.h"
#include "domain/measure.h"

namespace covalue::analytics {

// The measure store's in-memory copy (DESIGN.md §3 "Measure store"): for each (site,
// population, measure, period kind), one columnar series of per-period aggregates kept in
// period order, so that a chart read is O(periods) whatever the registry's size. Ingest adds an
// observation's contribution to its period in place. No I/O: the store module keeps the same
// aggregates in the database and rebuilds this copy from them at start.

// The period of an instant (UTC): weeks start on Monday and count from the week of
// 1970-01-01; months count from January 1970 (year·12 + month − 1 − 1970·12); quarters
// likewise.
std::int64_t PeriodOf(PeriodKind kind, std::int64_t ms);
// The period of a day (days since 1970-01-01): PeriodOf(kind, ms) == PeriodOfDay(kind,
// DayOf(ms)).
std::int64_t PeriodOfDay(PeriodKind kind, std::int64_t day);
// The first instant of a period: PeriodOf(kind, PeriodStartMs(kind, p)) == p.
std::int64_t PeriodStartMs(PeriodKind kind, std::int64_t period);
// How people write a period: "2025-06" (month), "2025-Q2" (quarter), the Monday "2025-06-02"
// (week).
std::string PeriodLabel(PeriodKind kind, std::int64_t period);

// What one observation adds to its period.
struct Contribution {
  double value = 0;        // for sums (continuous measures)
  double numerator = 0;    // for proportions and rates
  double denominator = 0;  // for proportions and rates
};

// A period's aggregates: what the store keeps per (series, period).
struct PeriodTotals {
  std::int64_t count = 0;
  double sum = 0;
  double sum_squares = 0;
  double numerator = 0;
  double denominator = 0;
};

struct SeriesKey {
  Id site_id = 0;
  Id population_id = 0;
  std::string measure;
  PeriodKind period = PeriodKind::kMonth;

  // NOLINTNEXTLINE(modernize-use-nullptr): clang-tidy misreads the defaulted comparison
  auto operator<=>(const SeriesKey&) const = default;
};

// One series in columns: period[i] ascending, the aggregates of that period beside it.
struct AggregateSeries {
  std::vector<std::int64_t> period;
  std::vector<std::int64_t> count;
  std::vector<double> sum;
  std::vector<double> sum_squares;
  std::vector<double> numerator;
  std::vector<double> denominator;

  std::size_t Periods() const { return period.size(); }
};

class MeasureAggregates {
 public:
  // Adds a contribution to the period's aggregates: O(1) when the period is the series' last
  // or a new last one (data arrive in time order), O(periods) otherwise.
  void Add(const SeriesKey& key, std::int64_t period, const Contribution& c);
  // Adds totals to the period's aggregates (merging another copy, loading stored rows), with
  // the same costs as Add.
  void Accumulate(const SeriesKey& key, std::int64_t period, const PeriodTotals& totals);
  // Adds every series of other into this one.
  void Merge(const MeasureAggregates& other);
  // The series, or an empty one. O(1) to find; the caller reads O(periods).
  const AggregateSeries& Series(const SeriesKey& key) const;
  // Every series' key, in key order.
  std::vector<SeriesKey> Keys() const;
  std::size_t SeriesCount() const { return series_.size(); }
  MeasureAggregates() = default;
  // The index points into series_, so a copy rebuilds it.
  MeasureAggregates(const MeasureAggregates& other) { Merge(other); }
  MeasureAggregates& operator=(const MeasureAggregates& other) {
    if (this != &other) {
      *this = MeasureAggregates(other);
    }
    return *this;
  }
  MeasureAggregates(MeasureAggregates&&) noexcept = default;
  MeasureAggregates& operator=(MeasureAggregates&&) noexcept = default;
  // Calls visit(key, series) for every series in key order.
  template <typename Visit>
  void ForEach(Visit&& visit) const {
    for (const auto& [key, series] : series_) {
      visit(key, series);
    }
  }
  // Calls visit(key, series) for every series of one measure and period kind (every site and
  // population), in key order: O(log series + those series).
  template <typename Visit>
  void ForEachOf(const std::string& measure, PeriodKind period, Visit&& visit) const {
    const auto found = by_measure_.find({measure, period});
    if (found == by_measure_.end()) {
      return;
    }
    for (const auto* entry : found->second) {
      visit(entry->first, entry->second);
    }
  }

 private:
  std::map<SeriesKey, AggregateSeries> series_;
  // The series of each (measure, period kind), in key order; map entries never move.
  std::map<std::pair<std::string, PeriodKind>,
           std::vector<const std::pair<const SeriesKey, AggregateSeries>*>>
      by_measure_;
};

}  // namespace covalue::analytics
