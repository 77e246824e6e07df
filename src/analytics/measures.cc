#include "analytics/measures.h"

namespace covalue::analytics {

Contribution ContributionOf(const MeasureDefinition& measure, double value) {
  const double meets = measure.Meets(value) ? 1 : 0;
  switch (measure.kind) {
    case MeasureKind::kProportion:
      return {value, meets, 1};
    case MeasureKind::kRate:
      return {value, value, 1};
    case MeasureKind::kContinuous:
      return {value, 0, 0};
    case MeasureKind::kCount:
    case MeasureKind::kDaysBetween:
    case MeasureKind::kCasesBetween:
      return {value, meets, 0};
  }
  return {value, 0, 0};
}

spc::ChartType ChartTypeOf(MeasureKind kind) {
  switch (kind) {
    case MeasureKind::kProportion:
      return spc::ChartType::kP;
    case MeasureKind::kRate:
      return spc::ChartType::kU;
    case MeasureKind::kCount:
      return spc::ChartType::kC;
    case MeasureKind::kContinuous:
      return spc::ChartType::kI;
    case MeasureKind::kDaysBetween:
      return spc::ChartType::kT;
    case MeasureKind::kCasesBetween:
      return spc::ChartType::kG;
  }
  return spc::ChartType::kI;
}

std::vector<spc::Subgroup> SubgroupsOf(const AggregateSeries& series, MeasureKind kind) {
  std::vector<spc::Subgroup> out;
  out.reserve(series.Periods());
  for (std::size_t i = 0; i < series.Periods(); ++i) {
    switch (kind) {
      case MeasureKind::kProportion:
      case MeasureKind::kRate:
        out.push_back({{series.numerator[i]}, {series.denominator[i]}});
        break;
      case MeasureKind::kContinuous:
        out.push_back({{series.sum[i] / static_cast<double>(series.count[i])}, {}});
        break;
      default:
        out.push_back({{series.numerator[i]}, {}});
        break;
    }
  }
  return out;
}

}  // namespace covalue::analytics
