// Measures: definitions, and their charts from the measure store (DESIGN.md §3, §6).
//
// Reads of aggregates are not written to the audit trail (they hold no one's record, as the
// site list does not); denials are, through Permit.

#include "analytics/measures.h"

#include <algorithm>
#include <map>

#include <fmt/format.h>

#include "analytics/aggregate_builder.h"
#include "app/kernel/suppression.h"
#include "app/measures/measures.h"
#include "domain/dates.h"
#include "store/measure_repository.h"
#include "store/questionnaire_repository.h"
#include "store/registry_repository.h"
#include "store/team_repository.h"

namespace covalue::app {
namespace {

namespace spc = analytics::spc;

// A series before charting: its points' labels, subgroups, cell sizes and the counts the
// small-cell rule looks at.
struct Points {
  std::vector<std::string> x;
  std::vector<spc::Subgroup> subgroups;
  std::vector<std::optional<double>> n;
  std::vector<std::int64_t> start_ms;  // where each point begins, to place changes
  std::vector<CellCounts> cells;
};

std::string NameOf(const std::map<Id, std::string>& names, Id id) {
  const auto found = names.find(id);
  return found == names.end() ? std::string() : found->second;
}

bool CountsEvents(MeasureKind kind) {
  return kind == MeasureKind::kDaysBetween || kind == MeasureKind::kCasesBetween;
}

// Outside the site, a measure of time or cases between events is charted per period, never one
// point per event (an event's date would point at a person): the events in each period (c) for
// days between, the events per observation (u) for cases between.
spc::ChartType CommunityChartOf(MeasureKind kind) {
  switch (kind) {
    case MeasureKind::kDaysBetween:
      return spc::ChartType::kC;
    case MeasureKind::kCasesBetween:
      return spc::ChartType::kU;
    default:
      return analytics::ChartTypeOf(kind);
  }
}

Points FromAggregates(const MeasureDefinition& m, PeriodKind period,
                      const analytics::AggregateSeries& s) {
  Points out;
  out.subgroups = analytics::SubgroupsOf(s, m.kind);
  out.x.reserve(s.Periods());
  out.start_ms.reserve(s.Periods());
  out.n.reserve(s.Periods());
  out.cells.reserve(s.Periods());
  for (std::size_t i = 0; i < s.Periods(); ++i) {
    out.x.push_back(analytics::PeriodLabel(period, s.period[i]));
    out.start_ms.push_back(analytics::PeriodStartMs(period, s.period[i]));
    const bool per_observation = m.kind == MeasureKind::kProportion || m.kind == MeasureKind::kRate;
    out.n.emplace_back(per_observation ? s.denominator[i] : static_cast<double>(s.count[i]));
    out.cells.push_back(CellOf(s, i));
    if (m.kind == MeasureKind::kCasesBetween) {
      // Events per observation (the u chart outside the site).
      out.subgroups[i] = {{s.numerator[i]}, {static_cast<double>(s.count[i])}};
      out.n.back() = static_cast<double>(s.count[i]);
    }
  }
  return out;
}

// Days (t) or observations (g) between consecutive events, one point per event after the
// first, labelled with the event's date. Every point is one event: a cell of 1.
Points FromEvents(const MeasureDefinition& m, std::vector<Observation> observations) {
  std::stable_sort(
      observations.begin(), observations.end(),
      [](const Observation& a, const Observation& b) { return a.effective_ms < b.effective_ms; });
  Points out;
  std::optional<std::int64_t> last_event;
  double between = 0;
  for (const Observation& o : observations) {
    if (!m.Meets(o.value)) {
      between += 1;
      continue;
    }
    if (last_event) {
      const double y = m.kind == MeasureKind::kDaysBetween
                           ? static_cast<double>(o.effective_ms - *last_event) / 86'400'000.0
                           : between;
      out.x.push_back(FormatDate(o.effective_ms));
      out.start_ms.push_back(o.effective_ms);
      out.subgroups.push_back({{y}, {}});
      out.n.emplace_back(1.0);
      out.cells.push_back({1, 1, 0});
    }
    last_event = o.effective_ms;
    between = 0;
  }
  return out;
}

// Withholds every statistic of the cells the small-cell rule (app/kernel/suppression.h) names,
// and of the periods starting at withheld_starts (complementary suppression).
void Suppress(Points& points, MeasureKind kind, std::size_t min_cell,
              const std::vector<std::int64_t>& withheld_starts, std::vector<bool>& suppressed) {
  suppressed.assign(points.subgroups.size(), false);
  for (std::size_t i = 0; i < points.subgroups.size(); ++i) {
    const bool small =
        IsSmallCell(kind, points.cells[i], min_cell) ||
        std::binary_search(withheld_starts.begin(), withheld_starts.end(), points.start_ms[i]);
    if (min_cell > 0 && small) {
      suppressed[i] = true;
      points.n[i].reset();
      points.cells[i] = {};
      spc::Subgroup& g = points.subgroups[i];
      g.y.assign(1, std::nullopt);
      if (!g.n.empty()) {
        g.n.assign(1, std::nullopt);
      }
    }
  }
}

Result<MeasureDefinition> Find(const std::vector<MeasureDefinition>& definitions,
                               const std::string& id) {
  const auto found = std::find_if(definitions.begin(), definitions.end(),
                                  [&](const MeasureDefinition& m) { return m.id == id; });
  if (found == definitions.end()) {
    return Fail(ErrorCode::kNotFound, fmt::format("measure {} does not exist", id), "measure_id");
  }
  return *found;
}

// How many of the points begin before ms.
std::size_t Before(const std::vector<std::int64_t>& start_ms, std::int64_t ms) {
  return static_cast<std::size_t>(std::lower_bound(start_ms.begin(), start_ms.end(), ms) -
                                  start_ms.begin());
}

using SeriesPoints = std::map<std::pair<Id, Id>, Points>;

// Each wanted (site, population) series of the measure in aggregates.
SeriesPoints FromAggregates(const analytics::MeasureAggregates& aggregates,
                            const MeasureDefinition& m, PeriodKind period,
                            const std::function<bool(Id, Id)>& wanted) {
  SeriesPoints found;
  aggregates.ForEachOf(
      m.id, period, [&](const analytics::SeriesKey& key, const analytics::AggregateSeries& series) {
        if (wanted(key.site_id, key.population_id)) {
          found.emplace(std::make_pair(key.site_id, key.population_id),
                        FromAggregates(m, period, series));
        }
      });
  return found;
}

// The starts of the quarters of each wanted series that complementary suppression withholds:
// those with a month the small-cell rule withholds.
using Withheld = std::map<std::pair<Id, Id>, std::vector<std::int64_t>>;
Withheld QuartersToWithhold(const analytics::MeasureAggregates& aggregates,
                            const MeasureDefinition& m, std::size_t min_cell,
                            const std::function<bool(Id, Id)>& wanted) {
  Withheld out;
  aggregates.ForEachOf(
      m.id, PeriodKind::kMonth,
      [&](const analytics::SeriesKey& key, const analytics::AggregateSeries& months) {
        if (!wanted(key.site_id, key.population_id)) {
          return;
        }
        std::vector<bool> small(months.Periods());
        for (std::size_t i = 0; i < months.Periods(); ++i) {
          small[i] = IsSmallCell(m.kind, CellOf(months, i), min_cell);
        }
        std::vector<std::int64_t>& starts = out[{key.site_id, key.population_id}];
        for (std::int64_t q : QuartersOfSmallMonths(months.period, small)) {
          starts.push_back(analytics::PeriodStartMs(PeriodKind::kQuarter, q));
        }
      });
  return out;
}

// Each wanted series of a measure of events, charted one event at a time from the
// observations (events are few by nature).
Result<SeriesPoints> FromEvents(store::Repositories& repos, const MeasureDefinition& m,
                                const std::function<bool(Id, Id)>& wanted) {
  std::map<std::pair<Id, Id>, std::vector<Observation>> events;
  COVALUE_RETURN_IF_ERROR(
      repos.Registry().ScanObservations(m.system, m.code, [&](const Observation& o) {
        if (wanted(o.site_id, o.population_id)) {
          events[{o.site_id, o.population_id}].push_back(o);
        }
        return true;
      }));
  SeriesPoints found;
  for (auto& [key, observations] : events) {
    found.emplace(key, FromEvents(m, std::move(observations)));
  }
  return found;
}

// The names of the sites and populations of found (all of them when all: a read that finds
// its series later).
void NamesOf(const MeasureStore::Snapshot& s, const SeriesPoints& found, bool all,
             std::map<Id, std::string>& sites, std::map<Id, std::string>& populations) {
  if (all) {
    sites = s.sites;
    populations = s.populations;
    return;
  }
  for (const auto& [key, points] : found) {
    sites.emplace(key.first, NameOf(s.sites, key.first));
    populations.emplace(key.second, NameOf(s.populations, key.second));
  }
}

// The view with one chart per series of found (whose points it takes), cells under min_cell
// suppressed (0: none).
Result<MeasureChartView> Charted(MeasureChartView view, SeriesPoints& found,
                                 const std::map<Id, std::string>& sites,
                                 const std::map<Id, std::string>& populations,
                                 const MeasureChartQuery& query, std::size_t min_cell,
                                 const Withheld& withheld = {}) {
  view.period = query.period;
  view.rules = query.rules;
  view.min_cell = min_cell;
  view.chart = min_cell > 0 ? CommunityChartOf(view.measure.kind)
                            : analytics::ChartTypeOf(view.measure.kind);
  static const std::vector<std::int64_t> kNone;
  for (auto& [key, points] : found) {
    if (points.subgroups.empty()) {
      continue;  // fewer than two events: nothing between them yet
    }
    MeasureSeries series;
    series.site_id = key.first;
    series.site = NameOf(sites, key.first);
    series.population_id = key.second;
    series.population = NameOf(populations, key.second);
    const auto quarters = withheld.find(key);
    Suppress(points, view.measure.kind, min_cell,
             quarters == withheld.end() ? kNone : quarters->second, series.suppressed);
    spc::ChartOptions options;
    options.type = view.chart;
    options.rules = query.rules;
    options.target = view.measure.target;
    options.mr_screening = query.mr_screening;
    const std::size_t count = points.start_ms.size();
    if (query.baseline_before_ms) {
      const std::size_t k = Before(points.start_ms, *query.baseline_before_ms);
      if (k > 0 && k < count) {
        options.freeze = k;
      }
    }
    for (std::int64_t start : query.phase_starts_ms) {
      const std::size_t k = Before(points.start_ms, start);
      if (k > 0 && k < count) {
        options.parts.push_back(k);
      }
    }
    std::sort(options.parts.begin(), options.parts.end());
    options.parts.erase(std::unique(options.parts.begin(), options.parts.end()),
                        options.parts.end());
    COVALUE_ASSIGN_OR_RETURN(series.chart, spc::ComputeChart(points.subgroups, options));
    if (query.rules == spc::Rules::kMdc) {
      series.icons = spc::IconsOf(series.chart, view.measure.direction, view.measure.target);
    }
    series.x = std::move(points.x);
    series.start_ms = std::move(points.start_ms);
    series.n = std::move(points.n);
    series.cells = std::move(points.cells);
    view.series.push_back(std::move(series));
  }
  return view;
}

// The rescan path: the aggregates of measures by periods, from every stored observation.
Result<analytics::MeasureAggregates> Rescan(store::Repositories& repos,
                                            std::vector<MeasureDefinition> measures,
                                            std::vector<PeriodKind> periods) {
  analytics::AggregateBuilder builder(std::move(measures), std::move(periods));
  COVALUE_RETURN_IF_ERROR(repos.Registry().ScanObservationRecords(
      [&](std::span<const ObservationSeries> series, std::span<const ObservationRecord> records) {
        builder.Add(series, records);
      }));
  return builder.Aggregates();
}

}  // namespace

std::size_t PointAt(const MeasureSeries& series, std::int64_t ms) {
  const std::size_t before = Before(series.start_ms, ms);
  return before == 0 || before >= series.start_ms.size() ? 0 : before + 1;
}

void Measures::SetMinCell(std::size_t min_cell) { min_cell_ = std::max<std::size_t>(1, min_cell); }

Status Measures::LoadMeasures() { return measure_store_.Load(store_); }

Result<std::vector<MeasureDefinition>> Measures::ListMeasures(const RequestContext& ctx) {
  COVALUE_ASSIGN_OR_RETURN(Principal principal, gate_.Require(ctx));
  COVALUE_RETURN_IF_ERROR(
      gate_.Permit(ctx, principal, Action::kMeasureList, {}, {"measure", "", {}}));
  std::vector<MeasureDefinition> out;
  COVALUE_RETURN_IF_ERROR(
      measure_store_.Read(store_, [&](const MeasureStore::Snapshot& s) -> Status {
        out = s.definitions;
        return Ok();
      }));
  return out;
}

Result<MeasureDefinition> Measures::DefineMeasure(const RequestContext& ctx,
                                                  const MeasureDefinition& measure) {
  // A draft's id is kept for its adoption (AdoptDraft).
  return Define(ctx, measure, [&](store::Repositories& repos) -> Status {
    auto draft = repos.Measures().GetDraft(measure.id);
    if (draft) {
      return Fail(ErrorCode::kConflict,
                  "a draft measure of the core set has this id: adopt it instead", "id");
    }
    return draft.error().code == ErrorCode::kNotFound ? Ok() : Fail(draft.error());
  });
}

Result<MeasureDefinition> Measures::Define(
    const RequestContext& ctx, const MeasureDefinition& measure,
    const std::function<Status(store::Repositories&)>& also) {
  COVALUE_ASSIGN_OR_RETURN(Principal principal, gate_.Require(ctx));
  COVALUE_ASSIGN_OR_RETURN(Decision decision, gate_.Permit(ctx, principal, Action::kMeasureDefine,
                                                           {}, {"measure", measure.id, {}}));
  COVALUE_RETURN_IF_ERROR(ValidateMeasure(measure));
  // Definitions are the community's: their thresholds come from the same fixed cut-points as
  // its previews. The command line's operator, who holds the database file, is not bound.
  if (principal.user_id != 0) {
    COVALUE_RETURN_IF_ERROR(CheckCutPoint(measure));
  }
  // The new measure's aggregates come from every observation already stored (the rescan
  // path), in the write that defines it.
  CatchUpScan();
  COVALUE_RETURN_IF_ERROR(store_.Write([&](store::Repositories& repos) -> Status {
    COVALUE_RETURN_IF_ERROR(also(repos));
    COVALUE_RETURN_IF_ERROR(repos.Measures().CreateDefinition(measure));
    COVALUE_ASSIGN_OR_RETURN(
        const analytics::MeasureAggregates aggregates,
        Rescan(repos, {measure}, {std::begin(kAllPeriodKinds), std::end(kAllPeriodKinds)}));
    if (aggregates.SeriesCount() > 0) {
      COVALUE_RETURN_IF_ERROR(repos.Measures().AddAggregates(MeasureStore::RowsOf(aggregates)));
    }
    return gate_.AppendAudit(repos, ctx, decision, Action::kMeasureDefine, {},
                             {"measure", measure.id, {}}, AuditOutcome::kAllowed);
  }));
  Invalidate();
  return measure;
}

Result<std::vector<MeasureDraft>> Measures::ListDrafts(const RequestContext& ctx) {
  COVALUE_ASSIGN_OR_RETURN(Principal principal, gate_.Require(ctx));
  COVALUE_RETURN_IF_ERROR(gate_.Permit(ctx, principal, Action::kMeasureList, {}, {}));
  return store::ReadValue<std::vector<MeasureDraft>>(
      store_, [](store::Repositories& r) { return r.Measures().Drafts(); });
}

Result<MeasureDefinition> Measures::AdoptDraft(const RequestContext& ctx,
                                               const std::string& draft_id,
                                               const MeasureDefinition& observations) {
  COVALUE_RETURN_IF_ERROR(gate_.Require(ctx));
  COVALUE_ASSIGN_OR_RETURN(const MeasureDraft draft,
                           store::ReadValue<MeasureDraft>(store_, [&](store::Repositories& r) {
                             return r.Measures().GetDraft(draft_id);
                           }));
  MeasureDefinition measure = draft.definition;
  measure.system = observations.system;
  measure.code = observations.code;
  measure.threshold = observations.threshold;
  measure.at_least = observations.at_least;
  measure.target = observations.target;
  if (!observations.unit.empty()) measure.unit = observations.unit;
  return Define(ctx, measure, [&](store::Repositories& repos) {
    return repos.Measures().MarkDraftAdopted(draft_id, gate_.NowMs());
  });
}

Result<MeasureChartView> Measures::SiteMeasureChart(const RequestContext& ctx,
                                                    const std::string& measure_id, Id site_id,
                                                    std::optional<Id> population_id,
                                                    const MeasureChartQuery& query) {
  COVALUE_ASSIGN_OR_RETURN(Principal principal, gate_.Require(ctx));
  const Target target{site_id, std::nullopt, std::nullopt, {}};
  const Subject subject{"measure", measure_id, {}};
  // The site's staff see every cell; the community sees the site as in the cross-site view.
  std::size_t min_cell = 0;
  if (!Authorize(principal, Action::kMeasureRead, target).allowed) {
    COVALUE_RETURN_IF_ERROR(gate_.Permit(ctx, principal, Action::kMeasureCompare, target, subject));
    min_cell = min_cell_;
  }
  return ChartMeasure(measure_id, query, min_cell, [&](Id site, Id population) {
    return site == site_id && (!population_id || population == *population_id);
  });
}

Result<MeasureChartView> Measures::CrossSiteMeasure(const RequestContext& ctx,
                                                    const std::string& measure_id,
                                                    const MeasureChartQuery& query) {
  COVALUE_ASSIGN_OR_RETURN(Principal principal, gate_.Require(ctx));
  COVALUE_RETURN_IF_ERROR(
      gate_.Permit(ctx, principal, Action::kMeasureCompare, {}, {"measure", measure_id, {}}));
  return ChartMeasure(measure_id, query, min_cell_, [](Id, Id) { return true; });
}

Result<MeasureChartView> Measures::TeamMeasureChart(const RequestContext& ctx, Id team_id,
                                                    const std::string& measure_id,
                                                    MeasureChartQuery query, ChangeLimits limits) {
  COVALUE_ASSIGN_OR_RETURN(Principal principal, gate_.Require(ctx));
  COVALUE_ASSIGN_OR_RETURN(Team team, TeamById(team_id));
  const Target target{team.site_id, team.id, std::nullopt, {}};
  COVALUE_RETURN_IF_ERROR(
      gate_.Permit(ctx, principal, Action::kMeasureRead, target, {"measure", measure_id, {}}));
  // The changes the team tested, from its passports (when the reader may read them).
  std::vector<TestedChange> changes;
  if (Authorize(principal, Action::kWorkbookRead, target).allowed) {
    COVALUE_ASSIGN_OR_RETURN(changes, workbooks_.TestedChanges(team.id));
  }
  for (const TestedChange& change : changes) {
    if (const auto at = ParseDateMs(change.date)) {
      if (limits == ChangeLimits::kPhases) {
        query.phase_starts_ms.push_back(*at);
      } else if (!query.baseline_before_ms || *at < *query.baseline_before_ms) {
        query.baseline_before_ms = *at;
      }
    }
  }
  COVALUE_ASSIGN_OR_RETURN(MeasureChartView view,
                           ChartMeasure(measure_id, query, 0, [&](Id site, Id population) {
                             return site == team.site_id && population == team.population_id;
                           }));
  for (TestedChange& change : changes) {
    const auto at = ParseDateMs(change.date);
    change.point = at && !view.series.empty() ? PointAt(view.series.front(), *at) : 0;
  }
  view.changes = std::move(changes);
  COVALUE_ASSIGN_OR_RETURN(
      view.notes, store::ReadValue<std::vector<ChartNote>>(store_, [&](store::Repositories& r) {
        return r.Measures().ChartNotes(team.id, measure_id);
      }));
  view.limits = limits;
  return view;
}

Status Measures::CheckCommunityQuery(const MeasureChartQuery& query) const {
  if (query.period == PeriodKind::kWeek) {
    return Fail(ErrorCode::kInvalidArgument,
                "the community's views are monthly or quarterly: weeks do not nest in months, so "
                "their small cells could be recovered by subtraction",
                "period");
  }
  return Ok();
}

Result<MeasureChartView> Measures::ChartMeasure(const std::string& measure_id,
                                                const MeasureChartQuery& query,
                                                std::size_t min_cell,
                                                const std::function<bool(Id, Id)>& wanted) {
  if (min_cell > 0) {
    COVALUE_RETURN_IF_ERROR(CheckCommunityQuery(query));
  }
  MeasureChartView view;
  SeriesPoints found;
  Withheld withheld;
  std::map<Id, std::string> sites;
  std::map<Id, std::string> populations;
  // The site's own staff see events one by one; outside the site they come per period.
  bool one_by_one = false;
  COVALUE_RETURN_IF_ERROR(
      measure_store_.Read(store_, [&](const MeasureStore::Snapshot& s) -> Status {
        COVALUE_ASSIGN_OR_RETURN(view.measure, Find(s.definitions, measure_id));
        one_by_one = CountsEvents(view.measure.kind) && min_cell == 0;
        if (!one_by_one) {
          found = FromAggregates(s.aggregates, view.measure, query.period, wanted);
          if (min_cell > 0 && query.period == PeriodKind::kQuarter) {
            withheld = QuartersToWithhold(s.aggregates, view.measure, min_cell, wanted);
          }
        }
        NamesOf(s, found, one_by_one, sites, populations);
        return Ok();
      }));
  if (one_by_one) {
    COVALUE_RETURN_IF_ERROR(store_.Read([&](store::Repositories& repos) -> Status {
      COVALUE_ASSIGN_OR_RETURN(found, FromEvents(repos, view.measure, wanted));
      return Ok();
    }));
  }
  return Charted(std::move(view), found, sites, populations, query, min_cell, withheld);
}

Result<std::vector<MeasureChartView>> Measures::PreviewMeasures(
    const RequestContext& ctx, const std::vector<MeasureDefinition>& measures,
    const MeasureChartQuery& query) {
  COVALUE_ASSIGN_OR_RETURN(Principal principal, gate_.Require(ctx));
  COVALUE_RETURN_IF_ERROR(
      gate_.Permit(ctx, principal, Action::kMeasureCompare, {}, {"measure", "preview", {}}));
  COVALUE_RETURN_IF_ERROR(CheckCommunityQuery(query));
  for (const MeasureDefinition& m : measures) {
    COVALUE_RETURN_IF_ERROR(ValidateMeasure(m));
    // As for definitions: the command line's operator (the benchmarks' harness among them), who
    // holds the database file, is not bound to the cut-points; every signed-in reader is.
    if (principal.user_id != 0) {
      COVALUE_RETURN_IF_ERROR(CheckCutPoint(m));
    }
  }
  return Previewed(measures, query, min_cell_, [](Id, Id) { return true; });
}

Result<std::vector<MeasureChartView>> Measures::Previewed(
    const std::vector<MeasureDefinition>& measures, const MeasureChartQuery& query,
    std::size_t min_cell, const std::function<bool(Id, Id)>& wanted) {
  // Every kind per period, events too; quarters need their months.
  std::vector<PeriodKind> periods = {query.period};
  if (query.period == PeriodKind::kQuarter) {
    periods.push_back(PeriodKind::kMonth);
  }
  CatchUpScan();
  std::vector<SeriesPoints> found(measures.size());
  std::vector<Withheld> withheld(measures.size());
  COVALUE_RETURN_IF_ERROR(store_.Read([&](store::Repositories& repos) -> Status {
    COVALUE_ASSIGN_OR_RETURN(const analytics::MeasureAggregates aggregates,
                             Rescan(repos, measures, periods));
    for (std::size_t i = 0; i < measures.size(); ++i) {
      found[i] = FromAggregates(aggregates, measures[i], query.period, wanted);
      if (min_cell > 0 && query.period == PeriodKind::kQuarter) {
        withheld[i] = QuartersToWithhold(aggregates, measures[i], min_cell, wanted);
      }
    }
    return Ok();
  }));
  std::map<Id, std::string> sites;
  std::map<Id, std::string> populations;
  COVALUE_RETURN_IF_ERROR(
      measure_store_.Read(store_, [&](const MeasureStore::Snapshot& s) -> Status {
        NamesOf(s, {}, /*all=*/true, sites, populations);
        return Ok();
      }));
  std::vector<MeasureChartView> views;
  for (std::size_t i = 0; i < measures.size(); ++i) {
    MeasureChartView view;
    view.measure = measures[i];
    COVALUE_ASSIGN_OR_RETURN(
        views.emplace_back(),
        Charted(std::move(view), found[i], sites, populations, query, min_cell, withheld[i]));
  }
  return views;
}

Result<std::size_t> Measures::RebuildMeasures(const RequestContext& ctx) {
  COVALUE_ASSIGN_OR_RETURN(Principal principal, gate_.Require(ctx));
  COVALUE_ASSIGN_OR_RETURN(Decision decision, gate_.Permit(ctx, principal, Action::kMeasureDefine,
                                                           {}, {"measure", "rebuild", {}}));
  CatchUpScan();
  std::size_t rows = 0;
  COVALUE_RETURN_IF_ERROR(store_.Write([&](store::Repositories& repos) -> Status {
    COVALUE_ASSIGN_OR_RETURN(std::vector<MeasureDefinition> definitions,
                             repos.Measures().Definitions());
    COVALUE_ASSIGN_OR_RETURN(
        const analytics::MeasureAggregates aggregates,
        Rescan(repos, definitions, {std::begin(kAllPeriodKinds), std::end(kAllPeriodKinds)}));
    const std::vector<store::MeasureAggregateRow> replaced = MeasureStore::RowsOf(aggregates);
    rows = replaced.size();
    COVALUE_RETURN_IF_ERROR(repos.Measures().ReplaceAggregates(replaced));
    return gate_.AppendAudit(repos, ctx, decision, Action::kMeasureDefine, {},
                             {"measure", "rebuild", {}}, AuditOutcome::kAllowed);
  }));
  Invalidate();
  return rows;
}

void Measures::CatchUpScan() {
  // Best effort: it only makes the rescan fast; without it the rescan reads every observation
  // from the database.
  (void)store_.Read([](store::Repositories& repos) { return repos.Registry().CatchUpScan(); });
}

Result<Team> Measures::TeamById(Id id) {
  return store::ReadValue<Team>(store_, [&](store::Repositories& r) { return r.Teams().Get(id); });
}

}  // namespace covalue::app
