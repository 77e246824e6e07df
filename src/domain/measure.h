#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "domain/community.h"
#include "domain/error.h"
#include "domain/translations.h"
#include "domain/value_domain.h"

namespace covalue {

// A measure (DESIGN.md §2): a defined quantity over time, with a direction of improvement, a
// place on the value compass and a coproduction value domain, computed from the registry's
// observations of one code.

enum class MeasureKind {
  kProportion,    // the share of observations meeting a threshold (p chart)
  kRate,          // events (the values summed) per observation (u chart)
  kCount,         // observations per period (c chart)
  kContinuous,    // the mean value per period (I chart of the means, Xbar of the values)
  kDaysBetween,   // days between consecutive events (t chart)
  kCasesBetween,  // observations between consecutive events (g chart)
};
std::string_view MeasureKindName(MeasureKind kind);  // "proportion", "rate", …
std::optional<MeasureKind> ParseMeasureKind(std::string_view name);

enum class Direction { kHigherIsBetter, kLowerIsBetter };
std::string_view DirectionName(Direction direction);  // "higher", "lower"
std::optional<Direction> ParseDirection(std::string_view name);

// The value compass (Nelson EC, Mohr JJ, Batalden PB, Plume SK. Improving health care, part 1:
// the clinical value compass. Jt Comm J Qual Improv 1996;22(4):243-58).
enum class CompassQuadrant { kClinical, kFunctional, kExperience, kCost };
std::string_view QuadrantName(CompassQuadrant quadrant);  // "clinical", "functional", …
std::optional<CompassQuadrant> ParseQuadrant(std::string_view name);

// The periods a measure is aggregated over (UTC): weeks from Monday, calendar months and
// quarters.
enum class PeriodKind { kWeek, kMonth, kQuarter };
inline constexpr PeriodKind kAllPeriodKinds[] = {PeriodKind::kWeek, PeriodKind::kMonth,
                                                 PeriodKind::kQuarter};
std::string_view PeriodKindName(PeriodKind kind);  // "week", "month", "quarter"
std::optional<PeriodKind> ParsePeriodKind(std::string_view name);

struct MeasureDefinition {
  std::string id;  // "phq9-mean"
  std::string name;
  Translations names = {};  // the name in other languages
  MeasureKind kind = MeasureKind::kContinuous;
  std::string system;  // the observations it is computed from
  std::string code;
  // Proportions: an observation meets the measure when its value is at least (or at most)
  // the threshold; the other kinds that count events count these observations too.
  std::optional<double> threshold;
  bool at_least = true;
  Direction direction = Direction::kHigherIsBetter;
  std::optional<double> target;
  CompassQuadrant quadrant = CompassQuadrant::kClinical;
  std::optional<ValueDomain> domain;
  std::string unit;

  // Whether an observation of value counts as an event (meets the threshold; every one
  // without a threshold).
  bool Meets(double value) const {
    return !threshold || (at_least ? value >= *threshold : value <= *threshold);
  }
};

// The thresholds the community's previews and definitions may take for a code without severity
// bands of its own: a fixed list, so that thresholds cannot be swept over a cell.
inline constexpr double kCommunityCutPoints[] = {0,  1,  2,  3,  4,  5,  10,  15,  20,  25,  30,
                                                 40, 50, 60, 70, 80, 90, 100, 200, 500, 1000};

// kInvalidArgument naming the field: an id of 1–64 characters from [a-z0-9-] starting with a
// letter or digit, a name, a code system and code, finite numbers, and a threshold for the
// kinds that count events meeting one (proportions).
[[nodiscard]] Status ValidateMeasure(const MeasureDefinition& measure);

// Where a measure of the core set comes from: a Delphi study's item and the round in which it
// reached consensus (app/studies/studies.h states the rule), with the numbers that decided it.
struct MeasureProvenance {
  Id study_id = 0;
  std::string study_title;
  Id statement_id = 0;
  std::string item;  // the item's text
  int round = 0;
  std::size_t n = 0;  // panelists who rated it in that round
  double median = 0;
  double pct_7_9 = 0;  // 0–100
  double pct_1_3 = 0;
  std::string rand_classification;  // appropriate, uncertain, inappropriate
  std::string percent_rule;         // consensus_in
};

// A draft measure of the core set: proposed by a study's researcher with its kind, direction,
// compass quadrant and value domain, not yet computed from anything; the community's admin adopts
// it by choosing the observations (system, code, threshold), which makes it a MeasureDefinition
// of the same id. The draft and its provenance stay, marked adopted.
struct MeasureDraft {
  MeasureDefinition definition;  // system, code, threshold and target empty until adopted
  MeasureProvenance provenance;
  Id proposed_by = 0;
  std::int64_t proposed_ms = 0;
  std::optional<std::int64_t> adopted_ms;
};

// kInvalidArgument naming the field: a draft's id, name, names and unit as ValidateMeasure's.
[[nodiscard]] Status ValidateDraft(const MeasureDefinition& draft);

}  // namespace covalue
