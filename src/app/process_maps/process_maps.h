#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "app/kernel/context.h"
#include "app/kernel/gate.h"
#include "domain/error.h"
#include "domain/process_map.h"
#include "store/store.h"

namespace covalue::app {

// A map as the team reads it, with the gentle note on its number of steps.
struct ProcessMapView {
  ProcessMap map;
  std::optional<std::string> note;  // StepCountNote
};

// What changed between two revisions of a map, by the map's own keys.
struct ProcessMapDiff {
  std::int64_t from = 0;
  std::int64_t to = 0;
  std::vector<std::string> lanes_added, lanes_removed, lanes_changed;
  std::vector<std::string> steps_added, steps_removed, steps_changed;
  std::vector<std::string> arrows_added, arrows_removed;  // "from->to"
};

// A map's costs in its site's currency, as the map stands or as a scenario changes it.
struct ProcessMapCosts {
  std::string currency;
  std::optional<Id> scenario_id;
  MapCosts costs;
};

// Process maps as service blueprints (DESIGN.md §2 "Process map"): a team's lanes of
// perspectives and steps placed in value configurations and marked for coproduction, with
// time-driven activity-based costs (the team's resources, app/costs/, and the site's value of a
// person's time), journeys (a persona's path with yearly frequencies) and what-if scenarios.
// Every save is a whole new revision: history, a diff by step, restore, and a stale save (an
// If-Match ETag, domain/workbook.h RevisionEtag, not the latest) refused with kConflict, as the
// workbooks' answers. The team's members and leads and the site's admins read and write them;
// facilitators read the ones the team shares.
class ProcessMaps {
 public:
  ProcessMaps(store::Store& store, Gate& gate) : store_(store), gate_(gate) {}
  ProcessMaps(const ProcessMaps&) = delete;
  ProcessMaps& operator=(const ProcessMaps&) = delete;

  // kInvalidArgument from ValidateProcessMap, /name, or a step naming a resource that is not
  // the team's (/steps/i/resources/j/resource_id); kNotFound for an unknown team.
  [[nodiscard]] Result<ProcessMapView> Create(const RequestContext& ctx, Id team_id,
                                              std::string name, ProcessMapContent content);
  // Everyone who reads the team's maps lists them all; who follows its progress only
  // (facilitators), the shared ones.
  [[nodiscard]] Result<std::vector<ProcessMap>> List(const RequestContext& ctx, Id team_id);
  [[nodiscard]] Result<ProcessMapView> Get(const RequestContext& ctx, Id id);
  // A new revision (and the name, when given). if_match: the latest revision's ETag (absent →
  // kPreconditionRequired, stale → kConflict).
  [[nodiscard]] Result<ProcessMapView> Save(const RequestContext& ctx, Id id,
                                            std::optional<std::string> name,
                                            ProcessMapContent content,
                                            const std::optional<std::string>& if_match);
  // Shares the map with the community, or stops sharing it: the team's leads and the site's
  // admins, as for a workbook (Action::kWorkbookShare). A shared map, its revisions, journeys,
  // scenarios and costs are read by facilitators too; nothing of it names a person.
  [[nodiscard]] Status Share(const RequestContext& ctx, Id id, bool shared);
  // Newest first, without content.
  [[nodiscard]] Result<std::vector<ProcessMapRevision>> Revisions(const RequestContext& ctx, Id id);
  [[nodiscard]] Result<ProcessMapRevision> GetRevision(const RequestContext& ctx, Id id,
                                                       std::int64_t number);
  [[nodiscard]] Result<ProcessMapDiff> Diff(const RequestContext& ctx, Id id, std::int64_t from,
                                            std::int64_t to);
  // Saves an older revision's content as the newest (if_match as for Save).
  [[nodiscard]] Result<ProcessMapView> Restore(const RequestContext& ctx, Id id,
                                               std::int64_t number,
                                               const std::optional<std::string>& if_match);

  // kInvalidArgument from ValidateJourney.
  [[nodiscard]] Result<Journey> AddJourney(const RequestContext& ctx, Id id, Journey journey);
  [[nodiscard]] Result<std::vector<Journey>> Journeys(const RequestContext& ctx, Id id);
  [[nodiscard]] Status DeleteJourney(const RequestContext& ctx, Id id, Id journey_id);
  // kInvalidArgument from ValidateScenario.
  [[nodiscard]] Result<Scenario> AddScenario(const RequestContext& ctx, Id id, Scenario scenario);
  [[nodiscard]] Result<std::vector<Scenario>> Scenarios(const RequestContext& ctx, Id id);
  // kNotFound for a scenario that is not the map's.
  [[nodiscard]] Result<ProcessMapCosts> Costs(const RequestContext& ctx, Id id,
                                              std::optional<Id> scenario_id);

 private:
  struct Access {
    ProcessMap map;
    Decision decision;
    Target target;
  };
  // The map (latest revision) and the decision that lets ctx take action on it.
  Result<Access> Permit(const RequestContext& ctx, Id id, Action action);
  // Appends content as a new revision if if_match names the latest.
  Result<ProcessMapView> WriteRevision(const RequestContext& ctx, const Access& access,
                                       std::optional<std::string> name, ProcessMapContent content,
                                       std::optional<std::int64_t> restored_from,
                                       const std::optional<std::string>& if_match);

  store::Store& store_;
  Gate& gate_;
};

}  // namespace covalue::app
