// Process maps: teams' service blueprints, their revisions, journeys, scenarios and costs.

#include "app/process_maps/process_maps.h"

#include <map>
#include <set>

#include <fmt/format.h>

#include "app/costs/costs.h"
#include "domain/validation.h"
#include "domain/workbook.h"
#include "store/costing_repository.h"
#include "store/persona_repository.h"
#include "store/process_map_repository.h"
#include "store/team_repository.h"

namespace covalue::app {
namespace {

Subject MapSubject(Id id) { return {"process_map", std::to_string(id), {}}; }

// Every resource a step names must be one of the team's.
Status CheckResources(store::Repositories& r, Id team_id, const ProcessMapContent& content) {
  COVALUE_ASSIGN_OR_RETURN(auto resources, r.Costing().Resources(team_id));
  std::set<Id> ids;
  for (const Resource& resource : resources) ids.insert(resource.id);
  for (std::size_t i = 0; i < content.steps.size(); ++i) {
    const auto& uses = content.steps[i].resources;
    for (std::size_t j = 0; j < uses.size(); ++j) {
      if (ids.count(uses[j].resource_id) == 0) {
        return Fail(ErrorCode::kInvalidArgument,
                    fmt::format("no resource {} in the team's resources", uses[j].resource_id),
                    fmt::format("/steps/{}/resources/{}/resource_id", i, j));
      }
    }
  }
  return Ok();
}

ProcessMapView ViewOf(ProcessMap map) {
  std::optional<std::string> note = StepCountNote(map.latest.content);
  return ProcessMapView{std::move(map), std::move(note)};
}

// Keys added, removed, and kept but different, between two keyed lists.
template <typename T, typename Key, typename Same>
void DiffKeyed(const std::vector<T>& a, const std::vector<T>& b, Key key, Same same,
               std::vector<std::string>& added, std::vector<std::string>& removed,
               std::vector<std::string>* changed) {
  std::map<std::string, const T*> before;
  for (const T& x : a) before[key(x)] = &x;
  std::set<std::string> seen;
  for (const T& y : b) {
    const std::string k = key(y);
    seen.insert(k);
    const auto found = before.find(k);
    if (found == before.end()) {
      added.push_back(k);
    } else if (changed != nullptr && !same(*found->second, y)) {
      changed->push_back(k);
    }
  }
  for (const T& x : a) {
    if (seen.count(key(x)) == 0) removed.push_back(key(x));
  }
}

bool SameStep(const ProcessStep& a, const ProcessStep& b) {
  const auto uses = [](const ProcessStep& s) {
    std::vector<std::pair<Id, double>> out;
    for (const ResourceUse& u : s.resources) out.emplace_back(u.resource_id, u.minutes);
    return out;
  };
  return std::tie(a.lane_id, a.position, a.title, a.notes, a.configuration, a.coproduction,
                  a.value_generated, a.value_hindered, a.person_minutes, a.carer_minutes,
                  a.travel_cost, a.out_of_pocket) ==
             std::tie(b.lane_id, b.position, b.title, b.notes, b.configuration, b.coproduction,
                      b.value_generated, b.value_hindered, b.person_minutes, b.carer_minutes,
                      b.travel_cost, b.out_of_pocket) &&
         uses(a) == uses(b);
}

}  // namespace

Result<ProcessMaps::Access> ProcessMaps::Permit(const RequestContext& ctx, Id id, Action action) {
  COVALUE_ASSIGN_OR_RETURN(Principal principal, gate_.Require(ctx));
  Access access;
  COVALUE_RETURN_IF_ERROR(store_.Read([&](store::Repositories& r) -> Status {
    COVALUE_ASSIGN_OR_RETURN(access.map, r.ProcessMaps().Get(id));
    COVALUE_ASSIGN_OR_RETURN(const Team team, r.Teams().Get(access.map.team_id));
    access.target.site_id = team.site_id;
    access.target.team_id = team.id;
    return Ok();
  }));
  // A shared map is read, with its costs, by whoever follows the team's progress (facilitators).
  if (action == Action::kProcessMapRead && access.map.shared &&
      !Authorize(principal, action, access.target).allowed) {
    action = Action::kWorkbookProgress;
  }
  COVALUE_ASSIGN_OR_RETURN(access.decision,
                           gate_.Permit(ctx, principal, action, access.target, MapSubject(id)));
  return access;
}

Result<ProcessMapView> ProcessMaps::Create(const RequestContext& ctx, Id team_id, std::string name,
                                           ProcessMapContent content) {
  COVALUE_ASSIGN_OR_RETURN(Principal principal, gate_.Require(ctx));
  COVALUE_ASSIGN_OR_RETURN(const Team team,
                           store::ReadValue<Team>(store_, [&](store::Repositories& r) {
                             return r.Teams().Get(team_id);
                           }));
  Target target;
  target.site_id = team.site_id;
  target.team_id = team.id;
  COVALUE_ASSIGN_OR_RETURN(Decision decision,
                           gate_.Permit(ctx, principal, Action::kProcessMapWrite, target,
                                        {"process_map", "new", {}}));
  COVALUE_RETURN_IF_ERROR(ValidateText(name, "/name", 200));
  COVALUE_RETURN_IF_ERROR(ValidateProcessMap(content));
  const std::int64_t now = gate_.NowMs();
  ProcessMapRevision first;
  first.content = std::move(content);
  first.author_id = principal.user_id;
  first.created_ms = now;
  COVALUE_ASSIGN_OR_RETURN(
      ProcessMap made,
      store::WriteValue<ProcessMap>(store_, [&](store::Repositories& r) -> Result<ProcessMap> {
        COVALUE_RETURN_IF_ERROR(CheckResources(r, team_id, first.content));
        COVALUE_ASSIGN_OR_RETURN(ProcessMap map,
                                 r.ProcessMaps().Create({0, team_id, name, now, {}}, first));
        COVALUE_RETURN_IF_ERROR(gate_.AppendAudit(r, ctx, decision, Action::kProcessMapWrite,
                                                  target, MapSubject(map.id),
                                                  AuditOutcome::kAllowed));
        return map;
      }));
  made.latest.author = principal.username;
  return ViewOf(std::move(made));
}

Result<std::vector<ProcessMap>> ProcessMaps::List(const RequestContext& ctx, Id team_id) {
  COVALUE_ASSIGN_OR_RETURN(Principal principal, gate_.Require(ctx));
  COVALUE_ASSIGN_OR_RETURN(const Team team,
                           store::ReadValue<Team>(store_, [&](store::Repositories& r) {
                             return r.Teams().Get(team_id);
                           }));
  Target target;
  target.site_id = team.site_id;
  target.team_id = team.id;
  // Who follows the team's progress only (facilitators) lists the maps the team has shared.
  const bool reads = Authorize(principal, Action::kProcessMapRead, target).allowed;
  COVALUE_RETURN_IF_ERROR(gate_.Permit(ctx, principal,
                                       reads ? Action::kProcessMapRead : Action::kWorkbookProgress,
                                       target, {"process_map", "team " + std::to_string(team_id), {}}));
  COVALUE_ASSIGN_OR_RETURN(auto maps, store::ReadValue<std::vector<ProcessMap>>(
                                          store_, [&](store::Repositories& r) {
                                            return r.ProcessMaps().ListOfTeam(team_id);
                                          }));
  if (!reads) std::erase_if(maps, [](const ProcessMap& m) { return !m.shared; });
  return maps;
}

Status ProcessMaps::Share(const RequestContext& ctx, Id id, bool shared) {
  COVALUE_ASSIGN_OR_RETURN(Access access, Permit(ctx, id, Action::kWorkbookShare));
  return store_.Write([&](store::Repositories& r) -> Status {
    COVALUE_RETURN_IF_ERROR(r.ProcessMaps().SetShared(id, shared));
    return gate_.AppendAudit(r, ctx, access.decision, Action::kWorkbookShare, access.target,
                             MapSubject(id), AuditOutcome::kAllowed);
  });
}

Result<ProcessMapView> ProcessMaps::Get(const RequestContext& ctx, Id id) {
  COVALUE_ASSIGN_OR_RETURN(Access access, Permit(ctx, id, Action::kProcessMapRead));
  return ViewOf(std::move(access.map));
}

Result<ProcessMapView> ProcessMaps::WriteRevision(const RequestContext& ctx, const Access& access,
                                                  std::optional<std::string> name,
                                                  ProcessMapContent content,
                                                  std::optional<std::int64_t> restored_from,
                                                  const std::optional<std::string>& if_match) {
  if (name) COVALUE_RETURN_IF_ERROR(ValidateText(*name, "/name", 200));
  COVALUE_RETURN_IF_ERROR(ValidateProcessMap(content));
  if (!if_match) {
    return Fail(ErrorCode::kPreconditionRequired,
                "send If-Match with the ETag of the revision the change was made on", "If-Match");
  }
  const Id id = access.map.id;
  ProcessMapRevision revision;
  revision.map_id = id;
  revision.content = std::move(content);
  revision.author_id = ctx.principal ? ctx.principal->user_id : 0;
  revision.created_ms = gate_.NowMs();
  revision.restored_from = restored_from;
  return store::WriteValue<ProcessMapView>(
      store_, [&](store::Repositories& r) -> Result<ProcessMapView> {
        COVALUE_ASSIGN_OR_RETURN(ProcessMap current, r.ProcessMaps().Get(id));
        if (*if_match != RevisionEtag(current.latest.number)) {
          return Fail(ErrorCode::kConflict,
                      "the map changed since it was read: merge with the current revision",
                      "If-Match");
        }
        COVALUE_RETURN_IF_ERROR(CheckResources(r, current.team_id, revision.content));
        if (name) {
          COVALUE_RETURN_IF_ERROR(r.ProcessMaps().Rename(id, *name));
          current.name = *name;
        }
        COVALUE_ASSIGN_OR_RETURN(current.latest, r.ProcessMaps().AddRevision(revision));
        current.latest.author = ctx.principal ? ctx.principal->username : "";
        COVALUE_RETURN_IF_ERROR(gate_.AppendAudit(r, ctx, access.decision,
                                                  Action::kProcessMapWrite, access.target,
                                                  MapSubject(id), AuditOutcome::kAllowed));
        return ViewOf(std::move(current));
      });
}

Result<ProcessMapView> ProcessMaps::Save(const RequestContext& ctx, Id id,
                                         std::optional<std::string> name,
                                         ProcessMapContent content,
                                         const std::optional<std::string>& if_match) {
  COVALUE_ASSIGN_OR_RETURN(Access access, Permit(ctx, id, Action::kProcessMapWrite));
  return WriteRevision(ctx, access, std::move(name), std::move(content), std::nullopt, if_match);
}

Result<std::vector<ProcessMapRevision>> ProcessMaps::Revisions(const RequestContext& ctx, Id id) {
  COVALUE_RETURN_IF_ERROR(Permit(ctx, id, Action::kProcessMapRead));
  return store::ReadValue<std::vector<ProcessMapRevision>>(
      store_, [&](store::Repositories& r) { return r.ProcessMaps().Revisions(id); });
}

Result<ProcessMapRevision> ProcessMaps::GetRevision(const RequestContext& ctx, Id id,
                                                    std::int64_t number) {
  COVALUE_RETURN_IF_ERROR(Permit(ctx, id, Action::kProcessMapRead));
  return store::ReadValue<ProcessMapRevision>(
      store_, [&](store::Repositories& r) { return r.ProcessMaps().Revision(id, number); });
}

Result<ProcessMapDiff> ProcessMaps::Diff(const RequestContext& ctx, Id id, std::int64_t from,
                                         std::int64_t to) {
  COVALUE_ASSIGN_OR_RETURN(const ProcessMapRevision a, GetRevision(ctx, id, from));
  COVALUE_ASSIGN_OR_RETURN(const ProcessMapRevision b, GetRevision(ctx, id, to));
  ProcessMapDiff diff;
  diff.from = from;
  diff.to = to;
  DiffKeyed(
      a.content.lanes, b.content.lanes, [](const Lane& l) { return l.id; },
      [](const Lane& x, const Lane& y) {
        return x.title == y.title && x.perspective == y.perspective;
      },
      diff.lanes_added, diff.lanes_removed, &diff.lanes_changed);
  DiffKeyed(
      a.content.steps, b.content.steps, [](const ProcessStep& s) { return s.id; }, SameStep,
      diff.steps_added, diff.steps_removed, &diff.steps_changed);
  DiffKeyed(
      a.content.arrows, b.content.arrows,
      [](const Arrow& arrow) { return arrow.from + "->" + arrow.to; },
      [](const Arrow&, const Arrow&) { return true; }, diff.arrows_added, diff.arrows_removed,
      nullptr);
  return diff;
}

Result<ProcessMapView> ProcessMaps::Restore(const RequestContext& ctx, Id id, std::int64_t number,
                                            const std::optional<std::string>& if_match) {
  COVALUE_ASSIGN_OR_RETURN(Access access, Permit(ctx, id, Action::kProcessMapWrite));
  COVALUE_ASSIGN_OR_RETURN(ProcessMapRevision old,
                           store::ReadValue<ProcessMapRevision>(store_, [&](store::Repositories& r) {
                             return r.ProcessMaps().Revision(id, number);
                           }));
  return WriteRevision(ctx, access, std::nullopt, std::move(old.content), number, if_match);
}

Result<Journey> ProcessMaps::AddJourney(const RequestContext& ctx, Id id, Journey journey) {
  COVALUE_ASSIGN_OR_RETURN(Access access, Permit(ctx, id, Action::kProcessMapWrite));
  COVALUE_RETURN_IF_ERROR(ValidateJourney(journey, access.map.latest.content));
  journey.id = 0;
  journey.map_id = id;
  return store::WriteValue<Journey>(store_, [&](store::Repositories& r) -> Result<Journey> {
    if (journey.persona_id) {
      auto persona = r.Personas().Get(*journey.persona_id);
      if (!persona || persona->team_id != access.map.team_id) {
        return Fail(ErrorCode::kInvalidArgument, "no such persona of the team", "/persona_id");
      }
    }
    COVALUE_ASSIGN_OR_RETURN(Journey made, r.ProcessMaps().AddJourney(journey));
    COVALUE_RETURN_IF_ERROR(gate_.AppendAudit(r, ctx, access.decision, Action::kProcessMapWrite,
                                              access.target, MapSubject(id),
                                              AuditOutcome::kAllowed));
    return made;
  });
}

Result<std::vector<Journey>> ProcessMaps::Journeys(const RequestContext& ctx, Id id) {
  COVALUE_RETURN_IF_ERROR(Permit(ctx, id, Action::kProcessMapRead));
  return store::ReadValue<std::vector<Journey>>(
      store_, [&](store::Repositories& r) { return r.ProcessMaps().Journeys(id); });
}

Status ProcessMaps::DeleteJourney(const RequestContext& ctx, Id id, Id journey_id) {
  COVALUE_ASSIGN_OR_RETURN(Access access, Permit(ctx, id, Action::kProcessMapWrite));
  return store_.Write([&](store::Repositories& r) -> Status {
    COVALUE_ASSIGN_OR_RETURN(auto journeys, r.ProcessMaps().Journeys(id));
    const bool ours = std::any_of(journeys.begin(), journeys.end(),
                                  [&](const Journey& j) { return j.id == journey_id; });
    if (!ours) return Fail(ErrorCode::kNotFound, "no such journey on this map", "journey_id");
    COVALUE_RETURN_IF_ERROR(r.ProcessMaps().DeleteJourney(journey_id));
    return gate_.AppendAudit(r, ctx, access.decision, Action::kProcessMapWrite, access.target,
                             MapSubject(id), AuditOutcome::kAllowed);
  });
}

Result<Scenario> ProcessMaps::AddScenario(const RequestContext& ctx, Id id, Scenario scenario) {
  COVALUE_ASSIGN_OR_RETURN(Access access, Permit(ctx, id, Action::kProcessMapWrite));
  COVALUE_RETURN_IF_ERROR(ValidateScenario(scenario, access.map.latest.content));
  scenario.id = 0;
  scenario.map_id = id;
  scenario.author_id = ctx.principal ? ctx.principal->user_id : 0;
  scenario.created_ms = gate_.NowMs();
  return store::WriteValue<Scenario>(store_, [&](store::Repositories& r) -> Result<Scenario> {
    COVALUE_ASSIGN_OR_RETURN(Scenario made, r.ProcessMaps().AddScenario(scenario));
    COVALUE_RETURN_IF_ERROR(gate_.AppendAudit(r, ctx, access.decision, Action::kProcessMapWrite,
                                              access.target, MapSubject(id),
                                              AuditOutcome::kAllowed));
    return made;
  });
}

Result<std::vector<Scenario>> ProcessMaps::Scenarios(const RequestContext& ctx, Id id) {
  COVALUE_RETURN_IF_ERROR(Permit(ctx, id, Action::kProcessMapRead));
  return store::ReadValue<std::vector<Scenario>>(
      store_, [&](store::Repositories& r) { return r.ProcessMaps().Scenarios(id); });
}

Result<ProcessMapCosts> ProcessMaps::Costs(const RequestContext& ctx, Id id,
                                           std::optional<Id> scenario_id) {
  COVALUE_ASSIGN_OR_RETURN(Access access, Permit(ctx, id, Action::kProcessMapRead));
  ProcessMapContent content = access.map.latest.content;
  std::vector<Resource> resources;
  std::vector<Journey> journeys;
  SiteCosting costing;
  COVALUE_RETURN_IF_ERROR(store_.Read([&](store::Repositories& r) -> Status {
    COVALUE_ASSIGN_OR_RETURN(resources, r.Costing().Resources(access.map.team_id));
    COVALUE_ASSIGN_OR_RETURN(journeys, r.ProcessMaps().Journeys(id));
    COVALUE_ASSIGN_OR_RETURN(costing, app::Costs::CostingOf(r, *access.target.site_id));
    if (scenario_id) {
      auto scenario = r.ProcessMaps().GetScenario(*scenario_id);
      if (!scenario || scenario->map_id != id) {
        return Fail(ErrorCode::kNotFound, "no such scenario of this map", "scenario");
      }
      content = ApplyScenario(std::move(content), *scenario);
      journeys = ApplyScenario(std::move(journeys), *scenario);
    }
    return Ok();
  }));
  return ProcessMapCosts{costing.currency, scenario_id,
                         CostMap(content, resources, journeys,
                                 costing.person_time_value_per_minute)};
}

}  // namespace covalue::app
