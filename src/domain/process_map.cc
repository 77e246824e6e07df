#include "domain/process_map.h"

#include <cmath>
#include <map>
#include <set>

#include <fmt/format.h>

#include "domain/validation.h"

namespace covalue {
namespace {

template <typename Enum, std::size_t N>
std::optional<Enum> ParseName(std::string_view name, const std::string_view (&names)[N]) {
  for (std::size_t i = 0; i < N; ++i) {
    if (names[i] == name) return static_cast<Enum>(i);
  }
  return std::nullopt;
}

constexpr std::string_view kConfigurationNames[] = {"chain", "shop", "network", "access"};
constexpr std::string_view kCoproductionNames[] = {"none", "active", "opportunity"};
constexpr std::string_view kPerspectiveNames[] = {"person", "professional", "backstage", "support"};
constexpr std::string_view kResourceKindNames[] = {"staff", "room", "equipment"};

constexpr std::size_t kMaxLanes = 20;
constexpr std::size_t kMaxSteps = 200;
constexpr std::size_t kMaxArrows = 400;
constexpr std::size_t kMaxNotes = 10000;
constexpr double kMaxFrequency = 100000;

tl::unexpected<Error> Invalid(std::string message, std::string field) {
  return Fail(ErrorCode::kInvalidArgument, std::move(message), std::move(field));
}

bool IsKey(std::string_view id) {
  if (id.empty() || id.size() > 64) return false;
  for (const char c : id) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                    c == '_' || c == '.' || c == ':' || c == '-';
    if (!ok) return false;
  }
  return true;
}

Status ValidateAmount(double value, const std::string& field) {
  if (!std::isfinite(value) || value < 0) {
    return Invalid("must be a number of at least 0", field);
  }
  return Ok();
}

Status ValidateOptionalText(const std::string& text, const std::string& field) {
  return ValidateProse(text, field, kMaxNotes);
}

Status ValidateStep(const ProcessStep& step, const std::string& at,
                    const std::set<std::string>& lanes) {
  if (!IsKey(step.id)) {
    return Invalid("a step's id is 1–64 characters of letters, digits, _ . : -", at + "/id");
  }
  if (lanes.count(step.lane_id) == 0) {
    return Invalid(fmt::format("no lane \"{}\" in the map", step.lane_id), at + "/lane_id");
  }
  if (step.position < 1 || step.position > 100) {
    return Invalid("a position is from 1 to 100", at + "/position");
  }
  COVALUE_RETURN_IF_ERROR(ValidateText(step.title, at + "/title", 200));
  COVALUE_RETURN_IF_ERROR(ValidateOptionalText(step.notes, at + "/notes"));
  COVALUE_RETURN_IF_ERROR(ValidateOptionalText(step.value_generated, at + "/value_generated"));
  COVALUE_RETURN_IF_ERROR(ValidateOptionalText(step.value_hindered, at + "/value_hindered"));
  std::set<Id> used;
  for (std::size_t r = 0; r < step.resources.size(); ++r) {
    const std::string use = fmt::format("{}/resources/{}", at, r);
    if (!used.insert(step.resources[r].resource_id).second) {
      return Invalid("a resource is named once per step", use + "/resource_id");
    }
    COVALUE_RETURN_IF_ERROR(ValidateAmount(step.resources[r].minutes, use + "/minutes"));
  }
  COVALUE_RETURN_IF_ERROR(ValidateAmount(step.person_minutes, at + "/person_minutes"));
  COVALUE_RETURN_IF_ERROR(ValidateAmount(step.carer_minutes, at + "/carer_minutes"));
  COVALUE_RETURN_IF_ERROR(ValidateAmount(step.travel_cost, at + "/travel_cost"));
  return ValidateAmount(step.out_of_pocket, at + "/out_of_pocket");
}

std::set<std::string> StepIds(const ProcessMapContent& content) {
  std::set<std::string> ids;
  for (const ProcessStep& step : content.steps) ids.insert(step.id);
  return ids;
}

Status ValidateFrequency(double frequency, const std::string& field) {
  if (!std::isfinite(frequency) || frequency < 0 || frequency > kMaxFrequency) {
    return Invalid("a frequency is times a year, from 0 to 100,000", field);
  }
  return Ok();
}

}  // namespace

std::string_view ValueConfigurationName(ValueConfiguration c) {
  return kConfigurationNames[static_cast<int>(c)];
}
std::optional<ValueConfiguration> ParseValueConfiguration(std::string_view name) {
  return ParseName<ValueConfiguration>(name, kConfigurationNames);
}
std::string_view CoproductionStateName(CoproductionState s) {
  return kCoproductionNames[static_cast<int>(s)];
}
std::optional<CoproductionState> ParseCoproductionState(std::string_view name) {
  return ParseName<CoproductionState>(name, kCoproductionNames);
}
std::string_view PerspectiveName(Perspective p) { return kPerspectiveNames[static_cast<int>(p)]; }
std::optional<Perspective> ParsePerspective(std::string_view name) {
  return ParseName<Perspective>(name, kPerspectiveNames);
}
std::string_view ResourceKindName(ResourceKind k) { return kResourceKindNames[static_cast<int>(k)]; }
std::optional<ResourceKind> ParseResourceKind(std::string_view name) {
  return ParseName<ResourceKind>(name, kResourceKindNames);
}

Status CompleteResource(Resource& resource) {
  COVALUE_RETURN_IF_ERROR(ValidateText(resource.name, "/name", 200));
  if (resource.annual_cost || resource.capacity_minutes) {
    if (!resource.annual_cost || !resource.capacity_minutes) {
      return Invalid("give both the annual cost and the practical capacity in minutes",
                     resource.annual_cost ? "/capacity_minutes" : "/annual_cost");
    }
    COVALUE_RETURN_IF_ERROR(ValidateAmount(*resource.annual_cost, "/annual_cost"));
    if (!std::isfinite(*resource.capacity_minutes) || *resource.capacity_minutes <= 0) {
      return Invalid("the practical capacity is a number of minutes above 0", "/capacity_minutes");
    }
    resource.rate_per_minute = *resource.annual_cost / *resource.capacity_minutes;
  }
  return ValidateAmount(resource.rate_per_minute, "/rate_per_minute");
}

Status ValidateProcessMap(const ProcessMapContent& content) {
  if (content.lanes.empty() || content.lanes.size() > kMaxLanes) {
    return Invalid("a map has 1 to 20 lanes", "/lanes");
  }
  if (content.steps.size() > kMaxSteps) return Invalid("a map has at most 200 steps", "/steps");
  if (content.arrows.size() > kMaxArrows) return Invalid("a map has at most 400 arrows", "/arrows");
  std::set<std::string> lanes;
  for (std::size_t i = 0; i < content.lanes.size(); ++i) {
    const Lane& lane = content.lanes[i];
    const std::string at = fmt::format("/lanes/{}", i);
    if (!IsKey(lane.id)) {
      return Invalid("a lane's id is 1–64 characters of letters, digits, _ . : -", at + "/id");
    }
    if (!lanes.insert(lane.id).second) return Invalid("two lanes have this id", at + "/id");
    COVALUE_RETURN_IF_ERROR(ValidateText(lane.title, at + "/title", 200));
  }
  std::set<std::string> steps;
  for (std::size_t i = 0; i < content.steps.size(); ++i) {
    const std::string at = fmt::format("/steps/{}", i);
    COVALUE_RETURN_IF_ERROR(ValidateStep(content.steps[i], at, lanes));
    if (!steps.insert(content.steps[i].id).second) return Invalid("two steps have this id", at + "/id");
  }
  std::set<std::pair<std::string, std::string>> arrows;
  for (std::size_t i = 0; i < content.arrows.size(); ++i) {
    const Arrow& arrow = content.arrows[i];
    const std::string at = fmt::format("/arrows/{}", i);
    if (steps.count(arrow.from) == 0) {
      return Invalid(fmt::format("no step \"{}\" in the map", arrow.from), at + "/from");
    }
    if (steps.count(arrow.to) == 0) {
      return Invalid(fmt::format("no step \"{}\" in the map", arrow.to), at + "/to");
    }
    if (arrow.from == arrow.to) return Invalid("an arrow joins two different steps", at + "/to");
    if (!arrows.emplace(arrow.from, arrow.to).second) {
      return Invalid("these two steps are joined already", at);
    }
    if (!arrow.label.empty()) COVALUE_RETURN_IF_ERROR(ValidateText(arrow.label, at + "/label", 200));
  }
  return Ok();
}

Status ValidateJourney(const Journey& journey, const ProcessMapContent& content) {
  COVALUE_RETURN_IF_ERROR(ValidateText(journey.name, "/name", 200));
  const std::set<std::string> ids = StepIds(content);
  std::set<std::string> seen;
  for (std::size_t i = 0; i < journey.steps.size(); ++i) {
    const std::string at = fmt::format("/steps/{}", i);
    if (ids.count(journey.steps[i].step_id) == 0) {
      return Invalid(fmt::format("no step \"{}\" in the map", journey.steps[i].step_id),
                     at + "/step_id");
    }
    if (!seen.insert(journey.steps[i].step_id).second) {
      return Invalid("a step is named once per journey", at + "/step_id");
    }
    COVALUE_RETURN_IF_ERROR(ValidateFrequency(journey.steps[i].frequency, at + "/frequency"));
  }
  return Ok();
}

Status ValidateScenario(const Scenario& scenario, const ProcessMapContent& content) {
  COVALUE_RETURN_IF_ERROR(ValidateText(scenario.name, "/name", 200));
  if (scenario.changes.size() > kMaxSteps) return Invalid("at most 200 changes", "/changes");
  const std::set<std::string> ids = StepIds(content);
  for (std::size_t i = 0; i < scenario.changes.size(); ++i) {
    const ScenarioChange& change = scenario.changes[i];
    const std::string at = fmt::format("/changes/{}", i);
    if (ids.count(change.step_id) == 0) {
      return Invalid(fmt::format("no step \"{}\" in the map", change.step_id), at + "/step_id");
    }
    if (change.minutes) COVALUE_RETURN_IF_ERROR(ValidateAmount(*change.minutes, at + "/minutes"));
    if (change.frequency) COVALUE_RETURN_IF_ERROR(ValidateFrequency(*change.frequency, at + "/frequency"));
  }
  return Ok();
}

std::optional<std::string> StepCountNote(const ProcessMapContent& content) {
  const std::size_t n = content.steps.size();
  if (n >= 10 && n <= 15) return std::nullopt;
  return fmt::format(
      "This map has {} step{}. A bird's-eye view usually has 10 to 15: {}", n, n == 1 ? "" : "s",
      n < 10 ? "are there steps the person or a professional takes that are not shown yet?"
             : "could some steps be joined, so the whole service reads at a glance?");
}

ProcessMapContent ApplyScenario(ProcessMapContent content, const Scenario& scenario) {
  for (const ScenarioChange& change : scenario.changes) {
    for (ProcessStep& step : content.steps) {
      if (step.id != change.step_id) continue;
      if (change.configuration) step.configuration = *change.configuration;
      if (change.minutes) {
        for (ResourceUse& use : step.resources) use.minutes = *change.minutes;
      }
    }
  }
  return content;
}

std::vector<Journey> ApplyScenario(std::vector<Journey> journeys, const Scenario& scenario) {
  for (const ScenarioChange& change : scenario.changes) {
    if (!change.frequency) continue;
    for (Journey& journey : journeys) {
      for (JourneyStep& step : journey.steps) {
        if (step.step_id == change.step_id) step.frequency = *change.frequency;
      }
    }
  }
  return journeys;
}

MapCosts CostMap(const ProcessMapContent& content, const std::vector<Resource>& resources,
                 const std::vector<Journey>& journeys, double person_time_value_per_minute) {
  std::map<Id, double> rate;
  for (const Resource& resource : resources) rate[resource.id] = resource.rate_per_minute;
  MapCosts costs;
  std::map<std::string, double> step_total;
  std::map<std::string, double> lane_total;
  for (const ProcessStep& step : content.steps) {
    StepCost cost{step.id, step.configuration, step.lane_id};
    for (const ResourceUse& use : step.resources) {
      const auto found = rate.find(use.resource_id);
      if (found != rate.end()) cost.direct += use.minutes * found->second;
    }
    cost.person = (step.person_minutes + step.carer_minutes) * person_time_value_per_minute +
                  step.travel_cost + step.out_of_pocket;
    cost.total = cost.direct + cost.person;
    costs.by_configuration[static_cast<int>(step.configuration)] += cost.total;
    lane_total[step.lane_id] += cost.total;
    step_total[step.id] = cost.total;
    costs.total += cost.total;
    costs.steps.push_back(std::move(cost));
  }
  for (const Lane& lane : content.lanes) costs.by_lane.emplace_back(lane.id, lane_total[lane.id]);
  for (const Journey& journey : journeys) {
    JourneyCost cost{journey.id, journey.name};
    for (const JourneyStep& step : journey.steps) {
      const auto found = step_total.find(step.step_id);
      if (found != step_total.end()) cost.per_year += step.frequency * found->second;
    }
    costs.journeys.push_back(std::move(cost));
  }
  return costs;
}

}  // namespace covalue
