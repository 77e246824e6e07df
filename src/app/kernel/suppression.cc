#include "app/kernel/suppression.h"

#include <algorithm>
#include <initializer_list>

namespace covalue::app {

CellCounts CellOf(const analytics::AggregateSeries& series, std::size_t i) {
  return {static_cast<double>(series.count[i]), series.numerator[i], series.denominator[i]};
}

bool IsSmallCell(MeasureKind kind, const CellCounts& cell, std::size_t min_cell) {
  if (min_cell <= 1) {
    return false;
  }
  const auto small = [&](std::initializer_list<double> counts) {
    return std::any_of(counts.begin(), counts.end(),
                       [&](double n) { return n > 0 && n < static_cast<double>(min_cell); });
  };
  switch (kind) {
    case MeasureKind::kProportion:
      return small(
          {cell.count, cell.denominator, cell.numerator, cell.denominator - cell.numerator});
    case MeasureKind::kRate:
      return small({cell.count, cell.denominator, cell.numerator});
    case MeasureKind::kContinuous:
      return small({cell.count});
    case MeasureKind::kCount:
    case MeasureKind::kDaysBetween:
    case MeasureKind::kCasesBetween:
      return small({cell.count, cell.numerator, cell.count - cell.numerator});
  }
  return true;
}

std::vector<std::int64_t> QuartersOfSmallMonths(const std::vector<std::int64_t>& months,
                                                const std::vector<bool>& withheld) {
  std::vector<std::int64_t> quarters;
  for (std::size_t i = 0; i < months.size() && i < withheld.size(); ++i) {
    if (withheld[i]) {
      quarters.push_back(analytics::PeriodOf(
          PeriodKind::kQuarter, analytics::PeriodStartMs(PeriodKind::kMonth, months[i])));
    }
  }
  std::sort(quarters.begin(), quarters.end());
  quarters.erase(std::unique(quarters.begin(), quarters.end()), quarters.end());
  return quarters;
}

}  // namespace covalue::app
