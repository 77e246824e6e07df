#pragma once

#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "app/kernel/context.h"
#include "app/kernel/gate.h"
#include "app/measures/measure_store.h"
#include "app/measures/measure_views.h"
#include "app/questionnaires/questionnaires.h"
#include "app/workbooks/workbooks.h"
#include "domain/error.h"
#include "domain/measure.h"
#include "store/store.h"

namespace covalue::app {

// The measures of the learning health system: definitions, SPC charts of a site's, a team's
// and every site's series from the measure store (an in-memory copy of the aggregates that
// observations add to as they are written), previews and rebuilds from the observations
// themselves, and a team's six-domain coproduction value profile. Everything that leaves a
// site's staff passes the kernel's small-cell rule.
class Measures {
 public:
  // Definitions and names changed at the other servers on the database reach this one's copy
  // of the measure store at once (Store::Publish, channel "measures"); their aggregates within
  // MeasureStore::kRecheckInterval.
  Measures(store::Store& store, Gate& gate, Workbooks& workbooks, Questionnaires& questionnaires)
      : store_(store),
        gate_(gate),
        workbooks_(workbooks),
        questionnaires_(questionnaires),
        events_(store.Subscribe("measures",
                                [this](std::string_view) { measure_store_.Invalidate(); })) {}
  Measures(const Measures&) = delete;
  Measures& operator=(const Measures&) = delete;

  // Definitions are the community's: any signed-in user lists them, the
  // community's admin defines them (kConflict for a taken id; the new measure's aggregates are
  // built from the observations already stored, in the same write). Charts come from the measure
  // store: a site's staff see its series whole; facilitators, researchers and the community's
  // admin see every site's with cells under the minimum cell size suppressed. kNotFound for an
  // unknown measure or team.
  [[nodiscard]] Result<std::vector<MeasureDefinition>> ListMeasures(const RequestContext& ctx);
  [[nodiscard]] Result<MeasureDefinition> DefineMeasure(const RequestContext& ctx,
                                                        const MeasureDefinition& measure);
  // The core set's draft measures, proposed from Delphi studies (app/studies/studies.h), with
  // their provenance, by id: any signed-in user, as the definitions.
  [[nodiscard]] Result<std::vector<MeasureDraft>> ListDrafts(const RequestContext& ctx);
  // The community's admin makes a draft a measure: the draft's id, name, kind, direction,
  // quadrant, domain and unit with the observations given here (system, code, threshold,
  // at_least, target; unit when not empty), defined as DefineMeasure does, and the draft marked
  // adopted in the same write. kNotFound for an unknown draft, kConflict for an adopted one.
  [[nodiscard]] Result<MeasureDefinition> AdoptDraft(const RequestContext& ctx,
                                                     const std::string& draft_id,
                                                     const MeasureDefinition& observations);
  // One site's series (one population's, or each of the site's).
  [[nodiscard]] Result<MeasureChartView> SiteMeasureChart(const RequestContext& ctx,
                                                          const std::string& measure_id, Id site_id,
                                                          std::optional<Id> population_id,
                                                          const MeasureChartQuery& query);
  // Every site's series, small cells suppressed.
  [[nodiscard]] Result<MeasureChartView> CrossSiteMeasure(const RequestContext& ctx,
                                                          const std::string& measure_id,
                                                          const MeasureChartQuery& query);
  // The team's series (its site and population) with the changes it tested, from its
  // improvement passports, placed on the time axis and taken as limits says.
  [[nodiscard]] Result<MeasureChartView> TeamMeasureChart(const RequestContext& ctx, Id team_id,
                                                          const std::string& measure_id,
                                                          MeasureChartQuery query,
                                                          ChangeLimits limits);
  // A note on the point of period of the team's chart of measure_id (period: 1–40 characters,
  // text 1–500; kInvalidArgument naming "/period" or "/text"; an unknown measure is
  // kNotFound): the team's members and leads and the site's admins. Shown on the team's chart.
  [[nodiscard]] Result<ChartNote> AddChartNote(const RequestContext& ctx, Id team_id,
                                               const std::string& measure_id,
                                               const std::string& period, const std::string& text);
  // Removes a note: those who may write its team's notes (an unknown id is refused as another
  // team's note would be).
  [[nodiscard]] Status DeleteChartNote(const RequestContext& ctx, Id id);
  // The team's six-domain coproduction value profile : the people's view from
  // the measures of the people's coproduction value questionnaire's subscales (the measure
  // store's quarters), the team's from its improvement passports' self-ratings (when the reader
  // may read them). Readers as for TeamMeasureChart.
  [[nodiscard]] Result<ValueProfile> TeamValueProfile(const RequestContext& ctx, Id team_id);
  // The community's view of measures not (necessarily) defined yet, computed from every stored
  // observation (the rescan path): a researcher's preview of a definition. Small cells
  // suppressed as in CrossSiteMeasure. kInvalidArgument for a bad definition.
  [[nodiscard]] Result<std::vector<MeasureChartView>> PreviewMeasures(
      const RequestContext& ctx, const std::vector<MeasureDefinition>& measures,
      const MeasureChartQuery& query);
  // A team's view of a measure not (necessarily) defined yet, computed from its population's
  // stored observations (the rescan path): the team tries a definition on its own data, every
  // cell, as its site's staff see its charts (team_preview.cc). Readers as for
  // TeamMeasureChart; kInvalidArgument for a bad definition.
  [[nodiscard]] Result<MeasureChartView> PreviewTeamMeasure(const RequestContext& ctx, Id team_id,
                                                            const MeasureDefinition& measure,
                                                            const MeasureChartQuery& query);
  // Recomputes every stored aggregate of every measure from the observations (the community's
  // admin; after a change to how a measure adds up, or to repair); the rows now stored.
  [[nodiscard]] Result<std::size_t> RebuildMeasures(const RequestContext& ctx);
  // Cells of fewer observations (denominator, or count) are suppressed for the community
  // (default kDefaultMinCell; at least 1).
  static constexpr std::size_t kDefaultMinCell = 5;
  void SetMinCell(std::size_t min_cell);
  // Loads the measure store's copy from the database (at start; otherwise the first read does).
  [[nodiscard]] Status LoadMeasures();

  // For the services that write observations (the registry): a write's aggregates, begun inside
  // the write and applied to the in-memory copy once it has committed (MeasureStore::Batch),
  // and a change that the copy must be reloaded after (a site renamed or added).
  [[nodiscard]] Result<MeasureStore::Batch> BeginBatch(store::Repositories& repos) {
    return measure_store_.BeginBatch(repos);
  }
  void Apply(const MeasureStore::Batch& batch) { measure_store_.Apply(batch); }
  void Invalidate() {
    measure_store_.Invalidate();
    store_.Publish("measures", "changed");
  }

 private:
  // The chart of each wanted (site, population) series of a measure, cells under min_cell
  // suppressed (0: none).
  Result<MeasureChartView> ChartMeasure(const std::string& measure_id,
                                        const MeasureChartQuery& query, std::size_t min_cell,
                                        const std::function<bool(Id site, Id population)>& wanted);
  // DefineMeasure's write, with also run in the same transaction.
  Result<MeasureDefinition> Define(const RequestContext& ctx, const MeasureDefinition& measure,
                                   const std::function<Status(store::Repositories&)>& also);
  // Refuses what the community may not ask of measures: weekly views (weeks do not nest in
  // months, so complementary suppression cannot hold).
  Status CheckCommunityQuery(const MeasureChartQuery& query) const;
  // Refuses a threshold that is not one of the fixed cut-points: a score's severity band
  // boundaries where its questionnaire has bands (min for "at least", max for "at most"), else
  // kCommunityCutPoints. Sweeping thresholds over one cell would otherwise single out a person.
  Status CheckCutPoint(const MeasureDefinition& measure);
  // The previews' rescan: each definition charted over the series wanted keeps, cells under
  // min_cell suppressed (0: none).
  Result<std::vector<MeasureChartView>> Previewed(
      const std::vector<MeasureDefinition>& measures, const MeasureChartQuery& query,
      std::size_t min_cell, const std::function<bool(Id site, Id population)>& wanted);
  // Brings the store's scan up to date before a rescan (best effort).
  void CatchUpScan();
  Result<Team> TeamById(Id id);

  store::Store& store_;
  Gate& gate_;
  Workbooks& workbooks_;
  Questionnaires& questionnaires_;
  MeasureStore measure_store_;
  std::size_t min_cell_ = kDefaultMinCell;
  std::unique_ptr<store::Subscription> events_;  // last: calls into measure_store_
};

}  // namespace covalue::app
