#include "domain/measure.h"

#include <array>
#include <utility>

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

std::string_view MeasureKindName(MeasureKind kind) {
  for (const auto& [k, name] : kKinds) {
    if (k == kind) {
      return name;
    }
  }
  return "continuous";
}

std::optional<MeasureKind> ParseMeasureKind(std::string_view name) {
  for (const auto& [k, n] : kKinds) {
    if (n == name) {
      return k;
    }
  }
  return std::nullopt;
}

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
