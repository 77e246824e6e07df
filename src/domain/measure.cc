#include "domain/measure.h"

#include <array>
#include <cmath>
#include <utility>

#include "domain/name_table.h"
#include "domain/validation.h"

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

constexpr std::array<std::pair<Direction, std::string_view>, 2> kDirections = {{
    {Direction::kHigherIsBetter, "higher"},
    {Direction::kLowerIsBetter, "lower"},
}};

constexpr std::array<std::pair<CompassQuadrant, std::string_view>, 4> kQuadrants = {{
    {CompassQuadrant::kClinical, "clinical"},
    {CompassQuadrant::kFunctional, "functional"},
    {CompassQuadrant::kExperience, "experience"},
    {CompassQuadrant::kCost, "cost"},
}};

constexpr std::array<std::pair<PeriodKind, std::string_view>, 3> kPeriodKinds = {{
    {PeriodKind::kWeek, "week"},
    {PeriodKind::kMonth, "month"},
    {PeriodKind::kQuarter, "quarter"},
}};

}  // namespace

std::string_view MeasureKindName(MeasureKind kind) { return NameIn(kKinds, kind, "continuous"); }

std::optional<MeasureKind> ParseMeasureKind(std::string_view name) { return ParseIn(kKinds, name); }

std::string_view DirectionName(Direction direction) {
  return NameIn(kDirections, direction, "higher");
}

std::optional<Direction> ParseDirection(std::string_view name) {
  return ParseIn(kDirections, name);
}

std::string_view QuadrantName(CompassQuadrant quadrant) {
  return NameIn(kQuadrants, quadrant, "clinical");
}

std::optional<CompassQuadrant> ParseQuadrant(std::string_view name) {
  return ParseIn(kQuadrants, name);
}

std::string_view PeriodKindName(PeriodKind kind) { return NameIn(kPeriodKinds, kind, "month"); }

std::optional<PeriodKind> ParsePeriodKind(std::string_view name) {
  return ParseIn(kPeriodKinds, name);
}

Status ValidateDraft(const MeasureDefinition& draft) {
  MeasureDefinition as_defined = draft;
  as_defined.system = "draft";
  as_defined.code = "draft";
  as_defined.threshold = 0;
  as_defined.target.reset();
  return ValidateMeasure(as_defined);
}

Status ValidateMeasure(const MeasureDefinition& m) {
  // 40 characters at most, so that the ids of its FHIR MeasureReports (the measure id, the
  // site, population and period after it) stay within FHIR's 64.
  const bool id_ok =
      !m.id.empty() && m.id.size() <= 40 && m.id.front() != '-' &&
      m.id.find_first_not_of("abcdefghijklmnopqrstuvwxyz0123456789-") == std::string::npos;
  if (!id_ok) {
    return Fail(ErrorCode::kInvalidArgument,
                "a measure id is 1-40 characters of a-z, 0-9 and '-', starting with a letter "
                "or digit",
                "id");
  }
  COVALUE_RETURN_IF_ERROR(ValidateText(m.name, "name", 200));
  COVALUE_RETURN_IF_ERROR(ValidateTranslations(m.names, "names"));
  COVALUE_RETURN_IF_ERROR(ValidateText(m.system, "system", 500));
  COVALUE_RETURN_IF_ERROR(ValidateText(m.code, "code", 200));
  if (m.threshold && !std::isfinite(*m.threshold)) {
    return Fail(ErrorCode::kInvalidArgument, "the threshold is a finite number", "threshold");
  }
  if (m.kind == MeasureKind::kProportion && !m.threshold) {
    return Fail(ErrorCode::kInvalidArgument,
                "a proportion needs the threshold an observation meets", "threshold");
  }
  if (m.target && !std::isfinite(*m.target)) {
    return Fail(ErrorCode::kInvalidArgument, "the target is a finite number", "target");
  }
  if (m.unit.size() > 50) {
    return Fail(ErrorCode::kInvalidArgument, "the unit has at most 50 characters", "unit");
  }
  return Ok();
}

}  // namespace covalue
