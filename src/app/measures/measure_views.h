#pragma once

#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "analytics/spc/chart.h"
#include "analytics/spc/mdc.h"
#include "app/kernel/suppression.h"
#include "app/workbooks/workbooks.h"
#include "domain/chart_note.h"
#include "domain/community.h"
#include "domain/measure.h"
#include "domain/value_domain.h"

namespace covalue::app {

// What a measure's charts are asked for.
struct MeasureChartQuery {
  PeriodKind period = PeriodKind::kMonth;
  analytics::spc::Rules rules = analytics::spc::Rules::kAnhoej;
  // The baseline: the points that begin before this instant give the centre and limits of
  // every point (qicharts2's freeze, placed by date so that it means the same in every site's
  // series).
  std::optional<std::int64_t> baseline_before_ms;
  // Phases: each starts a new part with its own centre and limits (qicharts2's part), at the
  // first point that begins at or after it. Takes precedence over the baseline, as in qicharts2.
  std::vector<std::int64_t> phase_starts_ms;
  bool mr_screening = true;  // Nelson's screening of moving ranges (i charts), as qicharts2
};

// One site's (and population's) series of a measure, charted.
struct MeasureSeries {
  Id site_id = 0;
  std::string site;
  Id population_id = 0;
  std::string population;
  std::vector<std::string> x;  // the periods' labels (analytics::PeriodLabel) or event dates
  std::vector<std::int64_t> start_ms;  // where each point begins (UTC ms)
  // Per point: the cell's size (denominator, or observations), and whether it is under the
  // minimum cell size and so left out (its y, limits and n are absent; it is not used for the
  // centre, limits or runs).
  std::vector<std::optional<double>> n;
  std::vector<bool> suppressed;
  // Per point: the counts of the cell (observations, numerator, denominator); zero where
  // suppressed.
  std::vector<CellCounts> cells;
  analytics::spc::Chart chart;
  // Making Data Count's icons, with its rules.
  analytics::spc::MdcIcons icons;
};

// The 1-based index of the first point that begins at or after ms; 0 when every point does or
// none does (the instant splits nothing).
std::size_t PointAt(const MeasureSeries& series, std::int64_t ms);

// How a team's chart takes its changes: limits from the baseline before the first change
// (points after it judged against them: a shift shows as a signal), or recomputed for each
// phase the changes split.
enum class ChangeLimits { kBaseline, kPhases };

struct MeasureChartView {
  MeasureDefinition measure;
  PeriodKind period = PeriodKind::kMonth;
  analytics::spc::Rules rules = analytics::spc::Rules::kAnhoej;
  // Cells under it are suppressed; 0 when the reader sees every cell (the site's own staff).
  std::size_t min_cell = 0;
  // The chart drawn: the measure's own, or outside the site for events the per-period one
  // (c for days between events, u for cases between; never t or g, whose points are events).
  analytics::spc::ChartType chart = analytics::spc::ChartType::kRun;
  std::vector<MeasureSeries> series;
  std::vector<TestedChange> changes;   // a team's chart only
  std::optional<ChangeLimits> limits;  // a team's chart only
  std::vector<ChartNote> notes;        // a team's chart only: its notes, oldest first
};

// One domain of a team's coproduction value profile, as the people it serves see it and as the
// team rates itself, both on the scale of 1 to 5.
struct DomainValue {
  ValueDomain domain = ValueDomain::kCommunication;
  // The people's view: the mean item score of the domain's subscale of the people's
  // coproduction value questionnaire in the profile's quarter, the answers behind it, and the
  // quarter before's.
  std::optional<double> people;
  std::int64_t people_n = 0;
  std::optional<double> people_previous;
  // The team's view: the self-rating of its latest rated passport, and of the one before.
  std::optional<int> team;
  std::optional<int> team_previous;
  // Whether the people's view of the quarter is withheld under the minimum cell.
  bool people_suppressed = false;
};

// The six-domain coproduction value profile of a team (Forcino et al. 2024's domains): the
// people's and the professionals' views side by side.
struct ValueProfile {
  Id team_id = 0;
  std::string quarter;  // "2026-Q3": the latest with the people's answers; "" when none
  std::string previous_quarter;
  std::optional<Id> passport_id;  // the latest passport with a rating
  std::string passport_date;      // its change's date, when given
  std::optional<Id> previous_passport_id;
  std::vector<DomainValue> domains;  // the six, in kAllValueDomains' order
};

}  // namespace covalue::app
