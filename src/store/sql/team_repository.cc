#include "store/team_repository.h"

#include <fmt/format.h>

#include "store/sql/sql_repositories.h"

namespace covalue::store::sql {
namespace {

Team ReadTeam(const Statement& row) {
  return {row.Int(0), row.Int(1), row.Int(2), row.Text(3), DecodeTranslations(row.Text(4))};
}

Error NameTaken(const Team& team) {
  return {ErrorCode::kConflict,
          fmt::format("site {} has a team named '{}'", team.site_id, team.name), "/name"};
}

}  // namespace

Result<Team> SqlTeamRepository::Create(const Team& team) {
  COVALUE_ASSIGN_OR_RETURN(
      auto insert,
      db_.Prepare("INSERT INTO teams (site_id, population_id, name, names) VALUES (?, ?, ?, ?)"));
  if (auto s = insert.Bind(team.site_id)
                   .Bind(team.population_id)
                   .Bind(team.name)
                   .Bind(EncodeTranslations(team.names))
                   .Run();
      !s) {
    return Fail(s.error().code == ErrorCode::kConflict ? NameTaken(team) : s.error());
  }
  Team created = team;
  created.id = db_.LastInsertId();
  return created;
}

Result<Team> SqlTeamRepository::Get(Id id) {
  COVALUE_ASSIGN_OR_RETURN(
      auto query,
      db_.Prepare("SELECT id, site_id, population_id, name, names FROM teams WHERE id = ?"));
  query.Bind(id);
  return ReadOne(query, ReadTeam, fmt::format("team {} does not exist", id));
}

Result<Page<Team>> SqlTeamRepository::List(const PageRequest& page, const TeamFilter& filter) {
  COVALUE_ASSIGN_OR_RETURN(
      auto query, db_.Prepare("SELECT id, site_id, population_id, name, names FROM teams t "
                              "WHERE id > ? "
                              "AND (? IS NULL OR site_id = ?) "
                              "AND (? IS NULL OR EXISTS (SELECT 1 FROM memberships m "
                              "  WHERE m.team_id = t.id AND m.user_id = ?)) "
                              "ORDER BY id LIMIT ?"));
  query.Bind(page.after)
      .Bind(filter.site_id)
      .Bind(filter.site_id)
      .Bind(filter.member_user_id)
      .Bind(filter.member_user_id)
      .Bind(FetchLimit(page));
  COVALUE_ASSIGN_OR_RETURN(auto rows, CollectRows(query, ReadTeam));
  return MakePage(std::move(rows), page.limit, [](const Team& t) { return t.id; });
}

Status SqlTeamRepository::Update(const Team& team) {
  COVALUE_ASSIGN_OR_RETURN(
      auto update,
      db_.Prepare("UPDATE teams SET name = ?, names = ?, population_id = ? WHERE id = ?"));
  if (auto s = update.Bind(team.name)
                   .Bind(EncodeTranslations(team.names))
                   .Bind(team.population_id)
                   .Bind(team.id)
                   .Run();
      !s) {
    return Fail(s.error().code == ErrorCode::kConflict ? NameTaken(team) : s.error());
  }
  if (db_.Changes() == 0) {
    return Fail(ErrorCode::kNotFound, fmt::format("team {} does not exist", team.id));
  }
  return Ok();
}

Result<std::vector<TeamMember>> SqlTeamRepository::Members(Id team_id) {
  COVALUE_ASSIGN_OR_RETURN(auto query,
                           db_.Prepare("SELECT u.id, u.username, u.display_name, m.role "
                                       "FROM memberships m JOIN users u ON u.id = m.user_id "
                                       "WHERE m.team_id = ? ORDER BY u.username, m.role"));
  query.Bind(team_id);
  return CollectRows(query, [](const Statement& row) {
    return TeamMember{row.Int(0), row.Text(1), row.Text(2),
                      ParseRole(row.Text(3)).value_or(Role::kTeamMember)};
  });
}

}  // namespace covalue::store::sql
