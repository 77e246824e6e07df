#include "analytics/aggregate_builder.h"

#include "analytics/measures.h"

namespace covalue::analytics {

AggregateBuilder::AggregateBuilder(std::vector<MeasureDefinition> measures,
                                   std::vector<PeriodKind> periods)
    : measures_(std::move(measures)), periods_(std::move(periods)) {
  if (periods_.size() > day_periods_.size()) {
    periods_.resize(day_periods_.size());
  }
}

void AggregateBuilder::Resolve(std::span<const ObservationSeries> series) {
  for (std::size_t s = targets_.size(); s < series.size(); ++s) {
    std::vector<Target>& targets = targets_.emplace_back();
    for (std::size_t m = 0; m < measures_.size(); ++m) {
      const MeasureDefinition& measure = measures_[m];
      if (measure.system != series[s].system || measure.code != series[s].code) {
        continue;
      }
      SeriesKey key{series[s].site_id, series[s].population_id, measure.id, periods_.front()};
      auto [found, added] = totals_index_.try_emplace(key, totals_.size());
      if (added) {
        for (PeriodKind kind : periods_) {
          key.period = kind;
          totals_.push_back({key, 0, {}, {}});
        }
      }
      targets.push_back({m, found->second});
    }
  }
}

PeriodTotals& AggregateBuilder::Slot(Totals& t, std::int64_t period) {
  const auto size = static_cast<std::int64_t>(t.dense.size());
  if (size == 0) {
    t.first = period;
    t.dense.resize(1);
    return t.dense.front();
  }
  const std::int64_t offset = period - t.first;
  if (offset >= 0 && offset < size) {
    return t.dense[static_cast<std::size_t>(offset)];
  }
  if (offset >= size && offset < kMaxDensePeriods) {
    t.dense.resize(static_cast<std::size_t>(offset) + 1);
    return t.dense.back();
  }
  if (offset < 0 && size - offset <= kMaxDensePeriods) {
    t.dense.insert(t.dense.begin(), static_cast<std::size_t>(-offset), PeriodTotals{});
    t.first = period;
    return t.dense.front();
  }
  return t.sparse[period];
}

void AggregateBuilder::Add(std::span<const ObservationSeries> series,
                           std::span<const ObservationRecord> records) {
  if (measures_.empty() || periods_.empty()) {
    return;
  }
  Resolve(series);
  for (const ObservationRecord& r : records) {
    const std::vector<Target>& targets = targets_[r.series];
    if (targets.empty()) {
      continue;
    }
    if (r.day != day_) {
      day_ = r.day;
      for (std::size_t k = 0; k < periods_.size(); ++k) {
        day_periods_[k] = PeriodOfDay(periods_[k], r.day);
      }
    }
    for (const Target& target : targets) {
      const Contribution c = ContributionOf(measures_[target.measure], r.value);
      for (std::size_t k = 0; k < periods_.size(); ++k) {
        PeriodTotals& slot = Slot(totals_[target.totals + k], day_periods_[k]);
        slot.count += 1;
        slot.sum += c.value;
        slot.sum_squares += c.value * c.value;
        slot.numerator += c.numerator;
        slot.denominator += c.denominator;
      }
    }
  }
}

MeasureAggregates AggregateBuilder::Aggregates() const {
  MeasureAggregates out;
  for (const Totals& t : totals_) {
    for (std::size_t i = 0; i < t.dense.size(); ++i) {
      if (t.dense[i].count > 0) {
        out.Accumulate(t.key, t.first + static_cast<std::int64_t>(i), t.dense[i]);
      }
    }
    for (const auto& [period, totals] : t.sparse) {
      out.Accumulate(t.key, period, totals);
    }
  }
  return out;
}

}  // namespace covalue::analytics
