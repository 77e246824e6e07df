#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/community.h"
#include "domain/error.h"

namespace covalue {

// Process maps as service blueprints (DESIGN.md §2 "Process map", "Value configurations"): a
// bird's-eye flow of a service's steps in lanes, one lane per perspective, each step placed in
// a value configuration and marked for coproduction, with what it costs the service and the
// person (time-driven activity-based costing, Kaplan and Anderson).

enum class ValueConfiguration { kChain, kShop, kNetwork, kAccess };
inline constexpr ValueConfiguration kValueConfigurations[] = {
    ValueConfiguration::kChain, ValueConfiguration::kShop, ValueConfiguration::kNetwork,
    ValueConfiguration::kAccess};
std::string_view ValueConfigurationName(ValueConfiguration configuration);  // "chain", …
std::optional<ValueConfiguration> ParseValueConfiguration(std::string_view name);

enum class CoproductionState { kNone, kActive, kOpportunity };
std::string_view CoproductionStateName(CoproductionState state);  // "none", "active", …
std::optional<CoproductionState> ParseCoproductionState(std::string_view name);

// Whose view a lane shows.
enum class Perspective { kPerson, kProfessional, kBackstage, kSupport };
std::string_view PerspectiveName(Perspective perspective);  // "person", "professional", …
std::optional<Perspective> ParsePerspective(std::string_view name);

// What a team's resource is.
enum class ResourceKind { kStaff, kRoom, kEquipment };
std::string_view ResourceKindName(ResourceKind kind);  // "staff", "room", "equipment"
std::optional<ResourceKind> ParseResourceKind(std::string_view name);

// A team's resource with its capacity cost rate (TDABC): given per minute, or computed as the
// annual cost ÷ the practical capacity in minutes (then both are kept).
struct Resource {
  Id id = 0;
  Id team_id = 0;
  std::string name = {};  // 1–200 characters
  ResourceKind kind = ResourceKind::kStaff;
  double rate_per_minute = 0;
  std::optional<double> annual_cost = {};
  std::optional<double> capacity_minutes = {};
};

// kInvalidArgument naming /name, /rate_per_minute, /annual_cost or /capacity_minutes. Fills
// rate_per_minute from the annual cost and capacity when both are given.
[[nodiscard]] Status CompleteResource(Resource& resource);

struct Lane {
  std::string id = {};  // the map's own key, referenced by its steps
  std::string title = {};
  Perspective perspective = Perspective::kPerson;
};

struct ResourceUse {
  Id resource_id = 0;
  double minutes = 0;
};

struct ProcessStep {
  std::string id = {};  // the map's own key, kept across revisions; journeys and scenarios name it
  std::string lane_id = {};
  int position = 1;  // the column, counted from 1; steps of different lanes may share one
  std::string title = {};
  std::string notes = {};  // Markdown
  ValueConfiguration configuration = ValueConfiguration::kChain;
  CoproductionState coproduction = CoproductionState::kNone;
  std::string value_generated = {};  // where value is generated here
  std::string value_hindered = {};   // where value is hindered here
  std::vector<ResourceUse> resources = {};
  // The person's side: their own time and a carer's (valued at the site's value of a person's
  // time), travel and out-of-pocket costs, each per occurrence of the step.
  double person_minutes = 0;
  double carer_minutes = 0;
  double travel_cost = 0;
  double out_of_pocket = 0;
};

// A hand-off from one step to another.
struct Arrow {
  std::string from = {};
  std::string to = {};
  std::string label = {};
};

struct ProcessMapContent {
  std::vector<Lane> lanes = {};  // in order, top to bottom
  std::vector<ProcessStep> steps = {};
  std::vector<Arrow> arrows = {};
};

// One saved version of a map: every save is a new revision, numbered from 1.
struct ProcessMapRevision {
  Id map_id = 0;
  std::int64_t number = 0;
  ProcessMapContent content = {};
  Id author_id = 0;
  std::string author = {};  // username, filled when read
  std::int64_t created_ms = 0;
  std::optional<std::int64_t> restored_from = {};
};

struct ProcessMap {
  Id id = 0;
  Id team_id = 0;
  std::string name = {};  // 1–200 characters
  std::int64_t created_ms = 0;
  ProcessMapRevision latest = {};
  bool shared = false;  // shared with the community: facilitators may read it with its costs
};

// A persona's path through a map: steps, each with how many times a year it happens.
struct JourneyStep {
  std::string step_id = {};
  double frequency = 1;
};
struct Journey {
  Id id = 0;
  Id map_id = 0;
  std::string name = {};
  std::optional<Id> persona_id = {};
  std::vector<JourneyStep> steps = {};
};

// A what-if over a map: changes to some of its steps. minutes replaces the minutes of every
// resource the step uses; frequency replaces the step's frequency in every journey.
struct ScenarioChange {
  std::string step_id = {};
  std::optional<ValueConfiguration> configuration = {};
  std::optional<double> minutes = {};
  std::optional<double> frequency = {};
};
struct Scenario {
  Id id = 0;
  Id map_id = 0;
  std::string name = {};
  std::vector<ScenarioChange> changes = {};
  Id author_id = 0;
  std::int64_t created_ms = 0;
};

// The map's rules, each failure kInvalidArgument naming its member as a JSON pointer
// ("/steps/3/lane_id"): 1–20 lanes and at most 200 steps and 400 arrows with unique ids of
// 1–64 characters from [A-Za-z0-9_.:-], steps in a lane of the map at positions 1–100, titles
// 1–200 characters, notes and value notes up to 10,000, minutes and costs finite and ≥ 0,
// resources named at most once per step, arrows between two different steps of the map.
[[nodiscard]] Status ValidateProcessMap(const ProcessMapContent& content);
// kInvalidArgument naming /name or /steps/i/… for a step the map does not have, a frequency
// below 0 or over 100,000.
[[nodiscard]] Status ValidateJourney(const Journey& journey, const ProcessMapContent& content);
[[nodiscard]] Status ValidateScenario(const Scenario& scenario, const ProcessMapContent& content);

// A gentle note when the map has fewer than 10 or more than 15 steps (the guide's bird's-eye
// view); nullopt otherwise. Never a refusal.
std::optional<std::string> StepCountNote(const ProcessMapContent& content);

// The map and its journeys as the scenario changes them.
ProcessMapContent ApplyScenario(ProcessMapContent content, const Scenario& scenario);
std::vector<Journey> ApplyScenario(std::vector<Journey> journeys, const Scenario& scenario);

// What the map costs (GET /api/v1/process-maps/{id}/costs). Unrounded.
struct StepCost {
  std::string step_id = {};
  ValueConfiguration configuration = ValueConfiguration::kChain;
  std::string lane_id = {};
  double direct = 0;  // Σ over its resources of minutes × rate per minute
  double person = 0;  // (person + carer minutes) × value of time per minute + travel + pocket
  double total = 0;   // direct + person
};
struct JourneyCost {
  Id journey_id = 0;
  std::string name = {};
  double per_year = 0;  // Σ over its steps of frequency × the step's total
};
struct MapCosts {
  std::vector<StepCost> steps = {};                        // in the map's order
  double by_configuration[4] = {0, 0, 0, 0};          // in kValueConfigurations' order
  std::vector<std::pair<std::string, double>> by_lane = {};  // in the lanes' order
  std::vector<JourneyCost> journeys = {};
  double total = 0;  // Σ of the steps' totals
};

// resources: the team's, by id; a step naming one not there costs it at 0 (a removed resource).
MapCosts CostMap(const ProcessMapContent& content, const std::vector<Resource>& resources,
                 const std::vector<Journey>& journeys, double person_time_value_per_minute);

}  // namespace covalue
