#include "analytics/measure_store.h"

#include <algorithm>
#include <iterator>

#include "domain/dates.h"

namespace covalue::analytics {
namespace {

constexpr std::int64_t kMsPerDay = 86'400'000;

std::int64_t FloorDiv(std::int64_t a, std::int64_t b) {
  return a / b - ((a % b != 0) && ((a < 0) != (b < 0)) ? 1 : 0);
}

// Year and month (1–12) of a day count since 1970-01-01 (Hinnant's civil_from_days).
std::pair<std::int64_t, std::int64_t> YearMonth(std::int64_t days) {
  days += 719468;
  const std::int64_t era = FloorDiv(days, 146097);
  const std::int64_t doe = days - era * 146097;
  const std::int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const std::int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const std::int64_t mp = (5 * doy + 2) / 153;
  const std::int64_t month = mp < 10 ? mp + 3 : mp - 9;
  return {yoe + era * 400 + (month <= 2 ? 1 : 0), month};
}

}  // namespace

std::int64_t PeriodStartMs(PeriodKind kind, std::int64_t period) {
  if (kind == PeriodKind::kWeek) {
    return (period * 7 - 3) * kMsPerDay;
  }
  const std::int64_t months = kind == PeriodKind::kMonth ? period : period * 3;
  return DaysFromCivil(1970 + FloorDiv(months, 12),
                       static_cast<unsigned>(months - FloorDiv(months, 12) * 12 + 1), 1) *
         kMsPerDay;
}

std::string PeriodLabel(PeriodKind kind, std::int64_t period) {
  if (kind == PeriodKind::kWeek) {
    return FormatDate(PeriodStartMs(kind, period));
  }
  // Written digit by digit: charts label every point, and formatting was their main cost.
  const std::int64_t months = kind == PeriodKind::kMonth ? period : period * 3;
  const std::int64_t year = 1970 + FloorDiv(months, 12);
  const std::int64_t month = months - FloorDiv(months, 12) * 12 + 1;
  if (year < 0 || year > 9999) {
    return std::to_string(year) + (kind == PeriodKind::kMonth
                                       ? "-" + std::to_string(month)
                                       : "-Q" + std::to_string((month - 1) / 3 + 1));
  }
  std::string label(kind == PeriodKind::kMonth ? "0000-00" : "0000-Q0");
  label[0] = static_cast<char>('0' + year / 1000);
  label[1] = static_cast<char>('0' + year / 100 % 10);
  label[2] = static_cast<char>('0' + year / 10 % 10);
  label[3] = static_cast<char>('0' + year % 10);
  if (kind == PeriodKind::kMonth) {
    label[5] = static_cast<char>('0' + month / 10);
    label[6] = static_cast<char>('0' + month % 10);
  } else {
    label[6] = static_cast<char>('0' + (month - 1) / 3 + 1);
  }
  return label;
}

std::int64_t PeriodOf(PeriodKind kind, std::int64_t ms) { return PeriodOfDay(kind, DayOf(ms)); }

std::int64_t PeriodOfDay(PeriodKind kind, std::int64_t days) {
  if (kind == PeriodKind::kWeek) {
    // 1970-01-01 was a Thursday: Monday-based weeks start three days earlier.
    return FloorDiv(days + 3, 7);
  }
  const auto [year, month] = YearMonth(days);
  const std::int64_t months = (year - 1970) * 12 + month - 1;
  return kind == PeriodKind::kMonth ? months : FloorDiv(months, 3);
}

void MeasureAggregates::Add(const SeriesKey& key, std::int64_t period, const Contribution& c) {
  Accumulate(key, period, {1, c.value, c.value * c.value, c.numerator, c.denominator});
}

void MeasureAggregates::Merge(const MeasureAggregates& other) {
  other.ForEach([this](const SeriesKey& key, const AggregateSeries& series) {
    for (std::size_t i = 0; i < series.Periods(); ++i) {
      Accumulate(key, series.period[i],
                 {series.count[i], series.sum[i], series.sum_squares[i], series.numerator[i],
                  series.denominator[i]});
    }
  });
}

void MeasureAggregates::Accumulate(const SeriesKey& key, std::int64_t period,
                                   const PeriodTotals& t) {
  auto [entry, added] = series_.try_emplace(key);
  if (added) {
    auto& index = by_measure_[{key.measure, key.period}];
    index.insert(std::upper_bound(index.begin(), index.end(), &*entry,
                                  [](const auto* a, const auto* b) { return a->first < b->first; }),
                 &*entry);
  }
  AggregateSeries& s = entry->second;
  // In time order the period is the last or a new last one; otherwise find its place.
  std::size_t at = s.Periods();
  if (!s.period.empty() && s.period.back() >= period) {
    at = static_cast<std::size_t>(std::distance(
        s.period.begin(), std::lower_bound(s.period.begin(), s.period.end(), period)));
  }
  if (at == s.Periods() || s.period[at] != period) {
    const auto offset = static_cast<std::ptrdiff_t>(at);
    s.period.insert(s.period.begin() + offset, period);
    s.count.insert(s.count.begin() + offset, 0);
    s.sum.insert(s.sum.begin() + offset, 0.0);
    s.sum_squares.insert(s.sum_squares.begin() + offset, 0.0);
    s.numerator.insert(s.numerator.begin() + offset, 0.0);
    s.denominator.insert(s.denominator.begin() + offset, 0.0);
  }
  s.count[at] += t.count;
  s.sum[at] += t.sum;
  s.sum_squares[at] += t.sum_squares;
  s.numerator[at] += t.numerator;
  s.denominator[at] += t.denominator;
}

const AggregateSeries& MeasureAggregates::Series(const SeriesKey& key) const {
  static const AggregateSeries kEmpty;
  const auto found = series_.find(key);
  return found == series_.end() ? kEmpty : found->second;
}

std::vector<SeriesKey> MeasureAggregates::Keys() const {
  std::vector<SeriesKey> keys;
  keys.reserve(series_.size());
  for (const auto& [key, series] : series_) {
    keys.push_back(key);
  }
  return keys;
}

}  // namespace covalue::analytics
