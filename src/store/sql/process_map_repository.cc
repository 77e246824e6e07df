#include "store/process_map_repository.h"

#include "store/sql/sql_repositories.h"

namespace covalue::store::sql {
namespace {

constexpr const char* kRevisionColumns =
    "SELECT r.map_id, r.number, r.author_id, u.username, r.created_ms, r.restored_from FROM "
    "process_map_revisions r JOIN users u ON u.id = r.author_id ";

ProcessMapRevision ReadRevision(const Statement& row) {
  ProcessMapRevision revision;
  revision.map_id = row.Int(0);
  revision.number = row.Int(1);
  revision.author_id = row.Int(2);
  revision.author = row.Text(3);
  revision.created_ms = row.Int(4);
  revision.restored_from = row.OptionalInt(5);
  return revision;
}

}  // namespace

Status SqlProcessMapRepository::WriteContent(const ProcessMapRevision& r) {
  const ProcessMapContent& c = r.content;
  for (std::size_t i = 0; i < c.lanes.size(); ++i) {
    COVALUE_ASSIGN_OR_RETURN(
        auto insert, db_.Prepare("INSERT INTO process_map_lanes (map_id, revision, ord, lane_key, "
                                 "title, perspective) VALUES (?, ?, ?, ?, ?, ?)"));
    COVALUE_RETURN_IF_ERROR(insert.Bind(r.map_id)
                                .Bind(r.number)
                                .Bind(static_cast<std::int64_t>(i))
                                .Bind(c.lanes[i].id)
                                .Bind(c.lanes[i].title)
                                .Bind(PerspectiveName(c.lanes[i].perspective))
                                .Run());
  }
  for (std::size_t i = 0; i < c.steps.size(); ++i) {
    const ProcessStep& s = c.steps[i];
    COVALUE_ASSIGN_OR_RETURN(
        auto insert,
        db_.Prepare("INSERT INTO process_map_steps (map_id, revision, ord, step_key, lane_key, "
                    "position, title, notes, configuration, coproduction, value_generated, "
                    "value_hindered, person_minutes, carer_minutes, travel_cost, out_of_pocket) "
                    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"));
    COVALUE_RETURN_IF_ERROR(insert.Bind(r.map_id)
                                .Bind(r.number)
                                .Bind(static_cast<std::int64_t>(i))
                                .Bind(s.id)
                                .Bind(s.lane_id)
                                .Bind(std::int64_t{s.position})
                                .Bind(s.title)
                                .Bind(s.notes)
                                .Bind(ValueConfigurationName(s.configuration))
                                .Bind(CoproductionStateName(s.coproduction))
                                .Bind(s.value_generated)
                                .Bind(s.value_hindered)
                                .BindReal(s.person_minutes)
                                .BindReal(s.carer_minutes)
                                .BindReal(s.travel_cost)
                                .BindReal(s.out_of_pocket)
                                .Run());
    for (std::size_t j = 0; j < s.resources.size(); ++j) {
      COVALUE_ASSIGN_OR_RETURN(
          auto use, db_.Prepare("INSERT INTO process_map_step_resources (map_id, revision, "
                                "step_ord, ord, resource_id, minutes) VALUES (?, ?, ?, ?, ?, ?)"));
      COVALUE_RETURN_IF_ERROR(use.Bind(r.map_id)
                                  .Bind(r.number)
                                  .Bind(static_cast<std::int64_t>(i))
                                  .Bind(static_cast<std::int64_t>(j))
                                  .Bind(s.resources[j].resource_id)
                                  .BindReal(s.resources[j].minutes)
                                  .Run());
    }
  }
  for (std::size_t i = 0; i < c.arrows.size(); ++i) {
    COVALUE_ASSIGN_OR_RETURN(
        auto insert, db_.Prepare("INSERT INTO process_map_arrows (map_id, revision, ord, "
                                 "from_key, to_key, label) VALUES (?, ?, ?, ?, ?, ?)"));
    COVALUE_RETURN_IF_ERROR(insert.Bind(r.map_id)
                                .Bind(r.number)
                                .Bind(static_cast<std::int64_t>(i))
                                .Bind(c.arrows[i].from)
                                .Bind(c.arrows[i].to)
                                .Bind(c.arrows[i].label)
                                .Run());
  }
  return Ok();
}

Status SqlProcessMapRepository::ReadContent(ProcessMapRevision& r) {
  ProcessMapContent& c = r.content;
  COVALUE_ASSIGN_OR_RETURN(
      auto lanes, db_.Prepare("SELECT lane_key, title, perspective FROM process_map_lanes WHERE "
                              "map_id = ? AND revision = ? ORDER BY ord"));
  lanes.Bind(r.map_id).Bind(r.number);
  COVALUE_ASSIGN_OR_RETURN(c.lanes, CollectRows(lanes, [](const Statement& row) {
                             return Lane{row.Text(0), row.Text(1),
                                         ParsePerspective(row.TextView(2))
                                             .value_or(Perspective::kPerson)};
                           }));
  COVALUE_ASSIGN_OR_RETURN(
      auto steps,
      db_.Prepare("SELECT step_key, lane_key, position, title, notes, configuration, "
                  "coproduction, value_generated, value_hindered, person_minutes, carer_minutes, "
                  "travel_cost, out_of_pocket FROM process_map_steps WHERE map_id = ? AND "
                  "revision = ? ORDER BY ord"));
  steps.Bind(r.map_id).Bind(r.number);
  COVALUE_ASSIGN_OR_RETURN(c.steps, CollectRows(steps, [](const Statement& row) {
                             ProcessStep s;
                             s.id = row.Text(0);
                             s.lane_id = row.Text(1);
                             s.position = static_cast<int>(row.Int(2));
                             s.title = row.Text(3);
                             s.notes = row.Text(4);
                             s.configuration = ParseValueConfiguration(row.TextView(5))
                                                   .value_or(ValueConfiguration::kChain);
                             s.coproduction = ParseCoproductionState(row.TextView(6))
                                                  .value_or(CoproductionState::kNone);
                             s.value_generated = row.Text(7);
                             s.value_hindered = row.Text(8);
                             s.person_minutes = row.Real(9);
                             s.carer_minutes = row.Real(10);
                             s.travel_cost = row.Real(11);
                             s.out_of_pocket = row.Real(12);
                             return s;
                           }));
  COVALUE_ASSIGN_OR_RETURN(
      auto uses, db_.Prepare("SELECT step_ord, resource_id, minutes FROM "
                             "process_map_step_resources WHERE map_id = ? AND revision = ? "
                             "ORDER BY step_ord, ord"));
  uses.Bind(r.map_id).Bind(r.number);
  for (;;) {
    COVALUE_ASSIGN_OR_RETURN(const bool row, uses.Step());
    if (!row) break;
    const auto step = static_cast<std::size_t>(uses.Int(0));
    if (step < c.steps.size()) c.steps[step].resources.push_back({uses.Int(1), uses.Real(2)});
  }
  COVALUE_ASSIGN_OR_RETURN(
      auto arrows, db_.Prepare("SELECT from_key, to_key, label FROM process_map_arrows WHERE "
                               "map_id = ? AND revision = ? ORDER BY ord"));
  arrows.Bind(r.map_id).Bind(r.number);
  COVALUE_ASSIGN_OR_RETURN(c.arrows, CollectRows(arrows, [](const Statement& row) {
                             return Arrow{row.Text(0), row.Text(1), row.Text(2)};
                           }));
  return Ok();
}

Result<ProcessMap> SqlProcessMapRepository::Create(const ProcessMap& map,
                                                   const ProcessMapRevision& first) {
  COVALUE_ASSIGN_OR_RETURN(
      auto insert, db_.Prepare("INSERT INTO process_maps (team_id, name, created_ms) VALUES (?, "
                               "?, ?) RETURNING id"));
  insert.Bind(map.team_id).Bind(map.name).Bind(map.created_ms);
  ProcessMap stored = map;
  COVALUE_ASSIGN_OR_RETURN(stored.id, InsertedId(insert));
  ProcessMapRevision revision = first;
  revision.map_id = stored.id;
  COVALUE_ASSIGN_OR_RETURN(stored.latest, AddRevision(std::move(revision)));
  return stored;
}

Result<ProcessMap> SqlProcessMapRepository::Get(Id id) {
  COVALUE_ASSIGN_OR_RETURN(
      auto query,
      db_.Prepare("SELECT m.id, m.team_id, m.name, m.created_ms, (SELECT max(number) FROM "
                  "process_map_revisions WHERE map_id = m.id), m.shared FROM process_maps m WHERE "
                  "m.id = ?"));
  query.Bind(id);
  COVALUE_ASSIGN_OR_RETURN(const bool found, query.Step());
  if (!found) return Fail(ErrorCode::kNotFound, "no such process map");
  ProcessMap map{query.Int(0), query.Int(1), query.Text(2), query.Int(3)};
  const std::int64_t latest = query.Int(4);
  map.shared = query.Int(5) != 0;
  COVALUE_ASSIGN_OR_RETURN(map.latest, Revision(id, latest));
  return map;
}

Result<std::vector<ProcessMap>> SqlProcessMapRepository::ListOfTeam(Id team_id) {
  COVALUE_ASSIGN_OR_RETURN(
      auto query,
      db_.Prepare("SELECT m.id, m.team_id, m.name, m.created_ms, r.number, r.author_id, "
                  "u.username, r.created_ms, r.restored_from, m.shared FROM process_maps m JOIN "
                  "process_map_revisions r ON r.map_id = m.id AND r.number = (SELECT max(number) "
                  "FROM process_map_revisions WHERE map_id = m.id) JOIN users u ON u.id = "
                  "r.author_id WHERE m.team_id = ? ORDER BY m.id"));
  query.Bind(team_id);
  return CollectRows(query, [](const Statement& row) {
    ProcessMap map{row.Int(0), row.Int(1), row.Text(2), row.Int(3)};
    map.latest.map_id = map.id;
    map.latest.number = row.Int(4);
    map.latest.author_id = row.Int(5);
    map.latest.author = row.Text(6);
    map.latest.created_ms = row.Int(7);
    map.latest.restored_from = row.OptionalInt(8);
    map.shared = row.Int(9) != 0;
    return map;
  });
}

Status SqlProcessMapRepository::Rename(Id id, const std::string& name) {
  COVALUE_ASSIGN_OR_RETURN(auto update,
                           db_.Prepare("UPDATE process_maps SET name = ? WHERE id = ?"));
  COVALUE_RETURN_IF_ERROR(update.Bind(name).Bind(id).Run());
  if (db_.Changes() == 0) return Fail(ErrorCode::kNotFound, "no such process map");
  return Ok();
}

Status SqlProcessMapRepository::SetShared(Id id, bool shared) {
  COVALUE_ASSIGN_OR_RETURN(auto update,
                           db_.Prepare("UPDATE process_maps SET shared = ? WHERE id = ?"));
  COVALUE_RETURN_IF_ERROR(update.Bind(std::int64_t{shared ? 1 : 0}).Bind(id).Run());
  if (db_.Changes() == 0) return Fail(ErrorCode::kNotFound, "no such process map");
  return Ok();
}

Result<ProcessMapRevision> SqlProcessMapRepository::AddRevision(ProcessMapRevision revision) {
  COVALUE_ASSIGN_OR_RETURN(
      auto insert,
      db_.Prepare("INSERT INTO process_map_revisions (map_id, number, author_id, created_ms, "
                  "restored_from) SELECT ?, COALESCE(max(number), 0) + 1, ?, ?, ? FROM "
                  "process_map_revisions WHERE map_id = ? RETURNING number"));
  insert.Bind(revision.map_id)
      .Bind(revision.author_id)
      .Bind(revision.created_ms)
      .Bind(revision.restored_from)
      .Bind(revision.map_id);
  COVALUE_ASSIGN_OR_RETURN(revision.number, InsertedId(insert));
  COVALUE_RETURN_IF_ERROR(WriteContent(revision));
  return revision;
}

Result<ProcessMapRevision> SqlProcessMapRepository::Revision(Id map_id, std::int64_t number) {
  COVALUE_ASSIGN_OR_RETURN(
      auto query,
      db_.Prepare(std::string(kRevisionColumns) + "WHERE r.map_id = ? AND r.number = ?"));
  query.Bind(map_id).Bind(number);
  COVALUE_ASSIGN_OR_RETURN(ProcessMapRevision revision,
                           ReadOne(query, ReadRevision, "no such revision of the map"));
  COVALUE_RETURN_IF_ERROR(ReadContent(revision));
  return revision;
}

Result<std::vector<ProcessMapRevision>> SqlProcessMapRepository::Revisions(Id map_id) {
  COVALUE_ASSIGN_OR_RETURN(
      auto query,
      db_.Prepare(std::string(kRevisionColumns) + "WHERE r.map_id = ? ORDER BY r.number DESC"));
  query.Bind(map_id);
  return CollectRows(query, ReadRevision);
}

Result<Journey> SqlProcessMapRepository::AddJourney(const Journey& journey) {
  COVALUE_ASSIGN_OR_RETURN(
      auto insert, db_.Prepare("INSERT INTO journeys (map_id, name, persona_id) VALUES (?, ?, ?) "
                               "RETURNING id"));
  insert.Bind(journey.map_id).Bind(journey.name).Bind(journey.persona_id);
  Journey stored = journey;
  COVALUE_ASSIGN_OR_RETURN(stored.id, InsertedId(insert));
  for (std::size_t i = 0; i < journey.steps.size(); ++i) {
    COVALUE_ASSIGN_OR_RETURN(
        auto step, db_.Prepare("INSERT INTO journey_steps (journey_id, ord, step_key, frequency) "
                               "VALUES (?, ?, ?, ?)"));
    COVALUE_RETURN_IF_ERROR(step.Bind(stored.id)
                                .Bind(static_cast<std::int64_t>(i))
                                .Bind(journey.steps[i].step_id)
                                .BindReal(journey.steps[i].frequency)
                                .Run());
  }
  return stored;
}

Result<std::vector<Journey>> SqlProcessMapRepository::Journeys(Id map_id) {
  COVALUE_ASSIGN_OR_RETURN(
      auto query,
      db_.Prepare("SELECT id, map_id, name, persona_id FROM journeys WHERE map_id = ? ORDER BY id"));
  query.Bind(map_id);
  COVALUE_ASSIGN_OR_RETURN(auto journeys, CollectRows(query, [](const Statement& row) {
                             return Journey{row.Int(0), row.Int(1), row.Text(2),
                                            row.OptionalInt(3), {}};
                           }));
  for (Journey& journey : journeys) {
    COVALUE_ASSIGN_OR_RETURN(
        auto steps, db_.Prepare("SELECT step_key, frequency FROM journey_steps WHERE "
                                "journey_id = ? ORDER BY ord"));
    steps.Bind(journey.id);
    COVALUE_ASSIGN_OR_RETURN(journey.steps, CollectRows(steps, [](const Statement& row) {
                               return JourneyStep{row.Text(0), row.Real(1)};
                             }));
  }
  return journeys;
}

Status SqlProcessMapRepository::DeleteJourney(Id id) {
  COVALUE_ASSIGN_OR_RETURN(auto steps,
                           db_.Prepare("DELETE FROM journey_steps WHERE journey_id = ?"));
  COVALUE_RETURN_IF_ERROR(steps.Bind(id).Run());
  COVALUE_ASSIGN_OR_RETURN(auto remove, db_.Prepare("DELETE FROM journeys WHERE id = ?"));
  COVALUE_RETURN_IF_ERROR(remove.Bind(id).Run());
  if (db_.Changes() == 0) return Fail(ErrorCode::kNotFound, "no such journey");
  return Ok();
}

Result<Scenario> SqlProcessMapRepository::AddScenario(const Scenario& scenario) {
  COVALUE_ASSIGN_OR_RETURN(
      auto insert, db_.Prepare("INSERT INTO scenarios (map_id, name, author_id, created_ms) "
                               "VALUES (?, ?, ?, ?) RETURNING id"));
  insert.Bind(scenario.map_id).Bind(scenario.name).Bind(scenario.author_id).Bind(scenario.created_ms);
  Scenario stored = scenario;
  COVALUE_ASSIGN_OR_RETURN(stored.id, InsertedId(insert));
  for (std::size_t i = 0; i < scenario.changes.size(); ++i) {
    const ScenarioChange& c = scenario.changes[i];
    COVALUE_ASSIGN_OR_RETURN(
        auto change,
        db_.Prepare("INSERT INTO scenario_changes (scenario_id, ord, step_key, configuration, "
                    "minutes, frequency) VALUES (?, ?, ?, ?, ?, ?)"));
    change.Bind(stored.id).Bind(static_cast<std::int64_t>(i)).Bind(c.step_id);
    if (c.configuration) {
      change.Bind(ValueConfigurationName(*c.configuration));
    } else {
      change.Bind(std::optional<std::int64_t>());
    }
    COVALUE_RETURN_IF_ERROR(change.BindReal(c.minutes).BindReal(c.frequency).Run());
  }
  return stored;
}

Result<Scenario> SqlProcessMapRepository::GetScenario(Id id) {
  COVALUE_ASSIGN_OR_RETURN(
      auto query, db_.Prepare("SELECT id, map_id, name, author_id, created_ms FROM scenarios "
                              "WHERE id = ?"));
  query.Bind(id);
  COVALUE_ASSIGN_OR_RETURN(Scenario scenario, ReadOne(query, [](const Statement& row) {
                             return Scenario{row.Int(0), row.Int(1), row.Text(2), {},
                                             row.Int(3), row.Int(4)};
                           }, "no such scenario"));
  COVALUE_ASSIGN_OR_RETURN(
      auto changes, db_.Prepare("SELECT step_key, configuration, minutes, frequency FROM "
                                "scenario_changes WHERE scenario_id = ? ORDER BY ord"));
  changes.Bind(id);
  COVALUE_ASSIGN_OR_RETURN(scenario.changes, CollectRows(changes, [](const Statement& row) {
                             ScenarioChange c;
                             c.step_id = row.Text(0);
                             if (!row.IsNull(1)) c.configuration = ParseValueConfiguration(row.TextView(1));
                             c.minutes = row.OptionalReal(2);
                             c.frequency = row.OptionalReal(3);
                             return c;
                           }));
  return scenario;
}

Result<std::vector<Scenario>> SqlProcessMapRepository::Scenarios(Id map_id) {
  COVALUE_ASSIGN_OR_RETURN(auto query,
                           db_.Prepare("SELECT id FROM scenarios WHERE map_id = ? ORDER BY id"));
  query.Bind(map_id);
  COVALUE_ASSIGN_OR_RETURN(auto ids,
                           CollectRows(query, [](const Statement& row) { return row.Int(0); }));
  std::vector<Scenario> scenarios;
  for (const Id id : ids) {
    COVALUE_ASSIGN_OR_RETURN(Scenario s, GetScenario(id));
    scenarios.push_back(std::move(s));
  }
  return scenarios;
}

}  // namespace covalue::store::sql
