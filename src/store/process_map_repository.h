#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "domain/error.h"
#include "domain/process_map.h"

namespace covalue::store {

// Teams' process maps with their revisions, journeys and what-if scenarios.
class ProcessMapRepository {
 public:
  virtual ~ProcessMapRepository() = default;
  // A new map (id set) with first as its revision 1 (map_id and number filled).
  [[nodiscard]] virtual Result<ProcessMap> Create(const ProcessMap& map,
                                                  const ProcessMapRevision& first) = 0;
  // The map with its latest revision; kNotFound when absent.
  [[nodiscard]] virtual Result<ProcessMap> Get(Id id) = 0;
  // The team's maps in id order, each with its latest revision's number, author and time (not
  // its content).
  [[nodiscard]] virtual Result<std::vector<ProcessMap>> ListOfTeam(Id team_id) = 0;
  [[nodiscard]] virtual Status Rename(Id id, const std::string& name) = 0;
  // kNotFound when absent.
  [[nodiscard]] virtual Status SetShared(Id id, bool shared) = 0;
  // Appends a revision numbered one after the map's latest; fills number.
  [[nodiscard]] virtual Result<ProcessMapRevision> AddRevision(ProcessMapRevision revision) = 0;
  // One revision with its content; kNotFound when absent.
  [[nodiscard]] virtual Result<ProcessMapRevision> Revision(Id map_id, std::int64_t number) = 0;
  // Every revision of the map, newest first, without content.
  [[nodiscard]] virtual Result<std::vector<ProcessMapRevision>> Revisions(Id map_id) = 0;

  [[nodiscard]] virtual Result<Journey> AddJourney(const Journey& journey) = 0;
  // The map's journeys in id order.
  [[nodiscard]] virtual Result<std::vector<Journey>> Journeys(Id map_id) = 0;
  // kNotFound when absent.
  [[nodiscard]] virtual Status DeleteJourney(Id id) = 0;

  [[nodiscard]] virtual Result<Scenario> AddScenario(const Scenario& scenario) = 0;
  // kNotFound when absent.
  [[nodiscard]] virtual Result<Scenario> GetScenario(Id id) = 0;
  // The map's scenarios in id order.
  [[nodiscard]] virtual Result<std::vector<Scenario>> Scenarios(Id map_id) = 0;
};

}  // namespace covalue::store
