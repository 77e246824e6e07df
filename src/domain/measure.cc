#include "domain/measure.h"

#include <array>
#include <utility>

#include "domain/name_table.h"

namespace covalue {
namespace {

constexpr std::array<std::pair<MeasureKind, std::string_view>, 6> kKinds = {{
    {MeasureKind::kProportion, "proportion"},
    {MeasureKind::kRate, "rate"},
    {MeasureKind::kCount, "count"},
    {MeasureKind::kContinuous, "continuous"},
    {MeasureKind::kDaysBetween, "days-between"},
    {MeasureKind::kCasesBetween, "cases-between"},
}};

}  // namespace

std::string_view MeasureKindName(MeasureKind kind) { return NameIn(kKinds, kind, "continuous"); }

std::optional<MeasureKind> ParseMeasureKind(std::string_view name) { return ParseIn(kKinds, name); }

std::string_view QuadrantName(CompassQuadrant quadrant) {
  switch (quadrant) {
    case CompassQuadrant::kClinical:
      return "clinical";
    case CompassQuadrant::kFunctional:
      return "functional";
    case CompassQuadrant::kExperience:
      return "experience";
    case CompassQuadrant::kCost:
      return "cost";
  }
  return "clinical";
}

}  // namespace covalue
