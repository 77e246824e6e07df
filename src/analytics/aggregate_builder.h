#pragma once

#include <array>
#include <cstdint>
#include <limits>
#include <map>
#include <span>
#include <vector>

#include "analytics/measure_store.h"
#include "domain/measure.h"
#include "domain/registry.h"

namespace covalue::analytics {

// Builds measure aggregates from observations in bulk: the measure store's rescan (a new
// measure, a rebuild of every measure, a preview of a definition) over the records a scan of
// the registry gives. O(1) per observation and measure whatever the order the observations
// come in: each series keeps its periods' totals in a dense array (a sparse map past
// kMaxDensePeriods, for far-flung dates), and a day's periods are computed once for a run of
// observations of that day. No I/O.
class AggregateBuilder {
 public:
  static constexpr std::int64_t kMaxDensePeriods = 1 << 16;

  // The aggregates of measures, by each of periods.
  AggregateBuilder(std::vector<MeasureDefinition> measures, std::vector<PeriodKind> periods);

  // Adds records; series[r.series] is what record r is of (a table that may grow between
  // calls, never change).
  void Add(std::span<const ObservationSeries> series, std::span<const ObservationRecord> records);

  // The aggregates of every record added, as the store keeps them (builders over parts of the
  // records add up with MeasureAggregates::Merge).
  MeasureAggregates Aggregates() const;

 private:
  // One series' totals by period.
  struct Totals {
    SeriesKey key;
    std::int64_t first = 0;  // the period of dense[0]
    std::vector<PeriodTotals> dense;
    std::map<std::int64_t, PeriodTotals> sparse;  // periods too far from first
  };
  // A measure that a series' records count for, and the first of its Totals (one per period
  // kind, consecutive).
  struct Target {
    std::size_t measure;
    std::size_t totals;
  };

  void Resolve(std::span<const ObservationSeries> series);
  static PeriodTotals& Slot(Totals& totals, std::int64_t period);

  std::vector<MeasureDefinition> measures_;
  std::vector<PeriodKind> periods_;
  std::vector<std::vector<Target>> targets_;  // by series index
  std::vector<Totals> totals_;
  std::map<SeriesKey, std::size_t> totals_index_;
  std::int64_t day_ = std::numeric_limits<std::int64_t>::min();  // whose periods are below
  std::array<std::int64_t, 3> day_periods_{};
};

}  // namespace covalue::analytics
