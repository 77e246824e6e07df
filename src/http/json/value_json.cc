#include "http/json/value_json.h"

#include <fmt/format.h>

#include "domain/workbook.h"

namespace covalue::http {
namespace {

using json = nlohmann::json;

Result<std::string> OptionalText(ObjectReader& reader, const std::string& name) {
  COVALUE_ASSIGN_OR_RETURN(auto text, reader.OptionalString(name));
  return text.value_or("");
}

Result<double> OptionalAmount(ObjectReader& reader, const std::string& name) {
  COVALUE_ASSIGN_OR_RETURN(auto value, reader.OptionalNumber(name));
  return value.value_or(0);
}

Result<Lane> ReadLane(ObjectReader& r) {
  Lane lane;
  COVALUE_ASSIGN_OR_RETURN(lane.id, r.RequiredString("id"));
  COVALUE_ASSIGN_OR_RETURN(lane.title, r.RequiredString("title"));
  COVALUE_ASSIGN_OR_RETURN(lane.perspective,
                           ReadWord(r, "perspective", Perspective::kPerson, ParsePerspective,
                                    "person, professional, backstage, support"));
  return lane;
}

Result<ProcessStep> ReadStep(ObjectReader& r, std::size_t index) {
  ProcessStep step;
  COVALUE_ASSIGN_OR_RETURN(step.id, r.RequiredString("id"));
  COVALUE_ASSIGN_OR_RETURN(step.lane_id, r.RequiredString("lane_id"));
  COVALUE_ASSIGN_OR_RETURN(auto position, r.OptionalInt("position"));
  if (position && (*position < 1 || *position > 100)) {
    return Fail(ErrorCode::kInvalidArgument, "a position is from 1 to 100", r.Pointer("position"));
  }
  step.position = static_cast<int>(position.value_or(static_cast<std::int64_t>(index) + 1));
  COVALUE_ASSIGN_OR_RETURN(step.title, r.RequiredString("title"));
  COVALUE_ASSIGN_OR_RETURN(step.notes, OptionalText(r, "notes"));
  COVALUE_ASSIGN_OR_RETURN(step.configuration,
                           ReadWord(r, "configuration", ValueConfiguration::kChain,
                                    ParseValueConfiguration, "chain, shop, network, access"));
  COVALUE_ASSIGN_OR_RETURN(step.coproduction,
                           ReadWord(r, "coproduction", CoproductionState::kNone,
                                    ParseCoproductionState, "active, opportunity, none"));
  COVALUE_ASSIGN_OR_RETURN(step.value_generated, OptionalText(r, "value_generated"));
  COVALUE_ASSIGN_OR_RETURN(step.value_hindered, OptionalText(r, "value_hindered"));
  COVALUE_ASSIGN_OR_RETURN(json uses, r.OptionalArray("resources"));
  COVALUE_ASSIGN_OR_RETURN(
      step.resources,
      ReadObjects<ResourceUse>(uses, r.Pointer("resources"), 50,
                               "a resource use is {resource_id, minutes}",
                               [](ObjectReader& u) -> Result<ResourceUse> {
                                 ResourceUse use;
                                 COVALUE_ASSIGN_OR_RETURN(use.resource_id,
                                                          u.RequiredInt("resource_id"));
                                 COVALUE_ASSIGN_OR_RETURN(auto minutes, u.OptionalNumber("minutes"));
                                 if (!minutes) {
                                   return Fail(ErrorCode::kInvalidArgument,
                                               "minutes is required", u.Pointer("minutes"));
                                 }
                                 use.minutes = *minutes;
                                 return use;
                               }));
  COVALUE_ASSIGN_OR_RETURN(step.person_minutes, OptionalAmount(r, "person_minutes"));
  COVALUE_ASSIGN_OR_RETURN(step.carer_minutes, OptionalAmount(r, "carer_minutes"));
  COVALUE_ASSIGN_OR_RETURN(step.travel_cost, OptionalAmount(r, "travel_cost"));
  COVALUE_ASSIGN_OR_RETURN(step.out_of_pocket, OptionalAmount(r, "out_of_pocket"));
  return step;
}

json StepJson(const ProcessStep& s) {
  json uses = json::array();
  for (const ResourceUse& u : s.resources) {
    uses.push_back({{"resource_id", u.resource_id}, {"minutes", u.minutes}});
  }
  return {{"id", s.id},
          {"lane_id", s.lane_id},
          {"position", s.position},
          {"title", s.title},
          {"notes", s.notes},
          {"configuration", ValueConfigurationName(s.configuration)},
          {"coproduction", CoproductionStateName(s.coproduction)},
          {"value_generated", s.value_generated},
          {"value_hindered", s.value_hindered},
          {"resources", uses},
          {"person_minutes", s.person_minutes},
          {"carer_minutes", s.carer_minutes},
          {"travel_cost", s.travel_cost},
          {"out_of_pocket", s.out_of_pocket}};
}

void ContentInto(const ProcessMapContent& c, json& out) {
  out["lanes"] = json::array();
  for (const Lane& l : c.lanes) {
    out["lanes"].push_back(
        {{"id", l.id}, {"title", l.title}, {"perspective", PerspectiveName(l.perspective)}});
  }
  out["steps"] = json::array();
  for (const ProcessStep& s : c.steps) out["steps"].push_back(StepJson(s));
  out["arrows"] = json::array();
  for (const Arrow& a : c.arrows) {
    out["arrows"].push_back({{"from", a.from}, {"to", a.to}, {"label", a.label}});
  }
}

json RevisionMeta(const ProcessMapRevision& r) {
  return {{"revision", r.number},
          {"etag", RevisionEtag(r.number)},
          {"author", r.author},
          {"updated_ms", r.created_ms},
          {"restored_from", r.restored_from ? json(*r.restored_from) : json()}};
}

}  // namespace

Result<ProcessMapContent> ReadProcessMapContent(ObjectReader& reader) {
  ProcessMapContent c;
  COVALUE_ASSIGN_OR_RETURN(json lanes, reader.OptionalArray("lanes"));
  COVALUE_ASSIGN_OR_RETURN(c.lanes, ReadObjects<Lane>(lanes, "/lanes", 20,
                                                      "a lane is {id, title, perspective}",
                                                      ReadLane));
  COVALUE_ASSIGN_OR_RETURN(json steps, reader.OptionalArray("steps"));
  std::size_t index = 0;
  COVALUE_ASSIGN_OR_RETURN(
      c.steps, ReadObjects<ProcessStep>(steps, "/steps", 200, "a step is an object with id, "
                                        "lane_id and title",
                                        [&](ObjectReader& r) { return ReadStep(r, index++); }));
  COVALUE_ASSIGN_OR_RETURN(json arrows, reader.OptionalArray("arrows"));
  COVALUE_ASSIGN_OR_RETURN(
      c.arrows, ReadObjects<Arrow>(arrows, "/arrows", 400, "an arrow is {from, to, label?}",
                                   [](ObjectReader& r) -> Result<Arrow> {
                                     Arrow a;
                                     COVALUE_ASSIGN_OR_RETURN(a.from, r.RequiredString("from"));
                                     COVALUE_ASSIGN_OR_RETURN(a.to, r.RequiredString("to"));
                                     COVALUE_ASSIGN_OR_RETURN(a.label, OptionalText(r, "label"));
                                     return a;
                                   }));
  return c;
}

json ProcessMapJson(const app::ProcessMapView& view) {
  json out = {{"id", view.map.id},
              {"team_id", view.map.team_id},
              {"name", view.map.name},
              {"created_ms", view.map.created_ms},
              {"shared", view.map.shared}};
  out.update(RevisionMeta(view.map.latest));
  ContentInto(view.map.latest.content, out);
  out["note"] = view.note ? json(*view.note) : json();
  return out;
}

json ProcessMapSummaryJson(const ProcessMap& map) {
  json out = {{"id", map.id},
              {"team_id", map.team_id},
              {"name", map.name},
              {"created_ms", map.created_ms},
              {"shared", map.shared}};
  out.update(RevisionMeta(map.latest));
  return out;
}

json MapRevisionJson(const ProcessMapRevision& revision) {
  json out = RevisionMeta(revision);
  out["map_id"] = revision.map_id;
  if (!revision.content.lanes.empty()) ContentInto(revision.content, out);
  return out;
}

json MapDiffJson(const app::ProcessMapDiff& d) {
  return {{"from", d.from},
          {"to", d.to},
          {"lanes", {{"added", d.lanes_added}, {"removed", d.lanes_removed}, {"changed", d.lanes_changed}}},
          {"steps", {{"added", d.steps_added}, {"removed", d.steps_removed}, {"changed", d.steps_changed}}},
          {"arrows", {{"added", d.arrows_added}, {"removed", d.arrows_removed}}}};
}

json MapCostsJson(const app::ProcessMapCosts& c) {
  json steps = json::array();
  for (const StepCost& s : c.costs.steps) {
    steps.push_back({{"step_id", s.step_id},
                     {"configuration", ValueConfigurationName(s.configuration)},
                     {"lane_id", s.lane_id},
                     {"direct", s.direct},
                     {"person", s.person},
                     {"total", s.total}});
  }
  json by_configuration = json::object();
  for (const ValueConfiguration v : kValueConfigurations) {
    by_configuration[std::string(ValueConfigurationName(v))] =
        c.costs.by_configuration[static_cast<int>(v)];
  }
  json by_lane = json::object();
  for (const auto& [lane, total] : c.costs.by_lane) by_lane[lane] = total;
  json journeys = json::array();
  for (const JourneyCost& j : c.costs.journeys) {
    journeys.push_back({{"journey_id", j.journey_id}, {"name", j.name}, {"per_year", j.per_year}});
  }
  return {{"currency", c.currency},
          {"scenario_id", c.scenario_id ? json(*c.scenario_id) : json()},
          {"steps", steps},
          {"by_configuration", by_configuration},
          {"by_lane", by_lane},
          {"journeys", journeys},
          {"total", c.costs.total}};
}

Result<Resource> ReadResource(ObjectReader& r) {
  Resource resource;
  COVALUE_ASSIGN_OR_RETURN(resource.name, r.RequiredString("name"));
  COVALUE_ASSIGN_OR_RETURN(resource.kind, ReadWord(r, "kind", ResourceKind::kStaff,
                                                   ParseResourceKind, "staff, room, equipment"));
  COVALUE_ASSIGN_OR_RETURN(auto rate, r.OptionalNumber("rate_per_minute"));
  COVALUE_ASSIGN_OR_RETURN(resource.annual_cost, r.OptionalNumber("annual_cost"));
  COVALUE_ASSIGN_OR_RETURN(resource.capacity_minutes, r.OptionalNumber("capacity_minutes"));
  const bool annual = resource.annual_cost || resource.capacity_minutes;
  if (rate.has_value() == annual) {
    return Fail(ErrorCode::kInvalidArgument,
                "give rate_per_minute, or annual_cost and capacity_minutes", r.Pointer("rate_per_minute"));
  }
  resource.rate_per_minute = rate.value_or(0);
  return resource;
}

json ResourceJson(const Resource& r) {
  return {{"id", r.id},
          {"team_id", r.team_id},
          {"name", r.name},
          {"kind", ResourceKindName(r.kind)},
          {"rate_per_minute", r.rate_per_minute},
          {"annual_cost", r.annual_cost ? json(*r.annual_cost) : json()},
          {"capacity_minutes", r.capacity_minutes ? json(*r.capacity_minutes) : json()}};
}

Result<Journey> ReadJourney(ObjectReader& r) {
  Journey journey;
  COVALUE_ASSIGN_OR_RETURN(journey.name, r.RequiredString("name"));
  COVALUE_ASSIGN_OR_RETURN(journey.persona_id, r.OptionalInt("persona_id"));
  COVALUE_ASSIGN_OR_RETURN(json steps, r.OptionalArray("steps"));
  COVALUE_ASSIGN_OR_RETURN(
      journey.steps,
      ReadObjects<JourneyStep>(steps, "/steps", 200, "a journey's step is {step_id, frequency}",
                               [](ObjectReader& s) -> Result<JourneyStep> {
                                 JourneyStep step;
                                 COVALUE_ASSIGN_OR_RETURN(step.step_id, s.RequiredString("step_id"));
                                 COVALUE_ASSIGN_OR_RETURN(auto f, s.OptionalNumber("frequency"));
                                 step.frequency = f.value_or(1);
                                 return step;
                               }));
  return journey;
}

json JourneyJson(const Journey& j) {
  json steps = json::array();
  for (const JourneyStep& s : j.steps) steps.push_back({{"step_id", s.step_id}, {"frequency", s.frequency}});
  return {{"id", j.id},
          {"map_id", j.map_id},
          {"name", j.name},
          {"persona_id", j.persona_id ? json(*j.persona_id) : json()},
          {"steps", steps}};
}

Result<Scenario> ReadScenario(ObjectReader& r) {
  Scenario scenario;
  COVALUE_ASSIGN_OR_RETURN(scenario.name, r.RequiredString("name"));
  COVALUE_ASSIGN_OR_RETURN(json changes, r.OptionalArray("changes"));
  COVALUE_ASSIGN_OR_RETURN(
      scenario.changes,
      ReadObjects<ScenarioChange>(
          changes, "/changes", 200,
          "a change is {step_id, configuration?, minutes?, frequency?}",
          [](ObjectReader& c) -> Result<ScenarioChange> {
            ScenarioChange change;
            COVALUE_ASSIGN_OR_RETURN(change.step_id, c.RequiredString("step_id"));
            COVALUE_ASSIGN_OR_RETURN(auto configuration, c.OptionalString("configuration"));
            if (configuration) {
              change.configuration = ParseValueConfiguration(*configuration);
              if (!change.configuration) {
                return Fail(ErrorCode::kInvalidArgument,
                            "configuration is one of chain, shop, network, access",
                            c.Pointer("configuration"));
              }
            }
            COVALUE_ASSIGN_OR_RETURN(change.minutes, c.OptionalNumber("minutes"));
            COVALUE_ASSIGN_OR_RETURN(change.frequency, c.OptionalNumber("frequency"));
            return change;
          }));
  return scenario;
}

json ScenarioJson(const Scenario& s) {
  json changes = json::array();
  for (const ScenarioChange& c : s.changes) {
    changes.push_back(
        {{"step_id", c.step_id},
         {"configuration", c.configuration ? json(ValueConfigurationName(*c.configuration)) : json()},
         {"minutes", c.minutes ? json(*c.minutes) : json()},
         {"frequency", c.frequency ? json(*c.frequency) : json()}});
  }
  return {{"id", s.id}, {"map_id", s.map_id}, {"name", s.name}, {"changes", changes},
          {"created_ms", s.created_ms}};
}

json UnitCostsJson(Id site_id, const std::vector<UnitCost>& rows) {
  json items = json::array();
  for (const UnitCost& u : rows) {
    items.push_back({{"code", u.code},
                     {"unit_cost", u.unit_cost},
                     {"currency", u.currency},
                     {"valid_from", u.valid_from}});
  }
  return {{"site_id", site_id}, {"items", items}, {"next", nullptr}};
}

json SiteCostingJson(const SiteCosting& c) {
  return {{"currency", c.currency}, {"person_time_value_per_minute", c.person_time_value_per_minute}};
}

}  // namespace covalue::http
