#include <fmt/format.h>

#include "app/community/community.h"
#include "http/api/api_routes.h"
#include "http/json/json_body.h"
#include "http/json/membership_json.h"

namespace covalue::http::api {
namespace {

nlohmann::json TeamJson(const app::TeamDetail& detail) {
  nlohmann::json out = detail.team;
  out["members"] = detail.members;
  return out;
}

}  // namespace

void AddTeamRoutes(Router& router, app::Community& community) {
  router.Add({"GET", "/api/v1/teams",
              "List the caller's teams (every team for admins and facilitators)", Access::kSignedIn,
              [&community](RouteContext& r) -> Result<Response> {
                COVALUE_ASSIGN_OR_RETURN(auto page, ReadPage(r.request));
                COVALUE_ASSIGN_OR_RETURN(auto teams, community.ListTeams(r.ctx, page));
                return Json(200, PageJson(teams));
              },
              0});
  router.Add({"POST", "/api/v1/teams", "Add a team for a population (site admins)",
              Access::kSignedIn, [&community](RouteContext& r) -> Result<Response> {
                COVALUE_ASSIGN_OR_RETURN(auto body, ParseJsonObject(r.request.body));
                ObjectReader reader(body);
                Team team;
                COVALUE_ASSIGN_OR_RETURN(team.population_id, reader.RequiredInt("population_id"));
                COVALUE_ASSIGN_OR_RETURN(team.name, reader.RequiredString("name"));
                COVALUE_ASSIGN_OR_RETURN(auto names, reader.OptionalTranslations("names"));
                team.names = names.value_or(Translations{});
                COVALUE_RETURN_IF_ERROR(reader.Finish());
                COVALUE_ASSIGN_OR_RETURN(Team created, community.CreateTeam(r.ctx, team));
                return Json(201, created);
              }});
  router.Add({"GET", "/api/v1/teams/{id}", "Read a team with its members", Access::kSignedIn,
              [&community](RouteContext& r) -> Result<Response> {
                COVALUE_ASSIGN_OR_RETURN(Id id, PathId(r, "id"));
                COVALUE_ASSIGN_OR_RETURN(auto detail, community.GetTeam(r.ctx, id));
                return Json(200, TeamJson(detail));
              },
              0});
  router.Add({"PATCH", "/api/v1/teams/{id}", "Rename a team or change its population",
              Access::kSignedIn, [&community](RouteContext& r) -> Result<Response> {
                COVALUE_ASSIGN_OR_RETURN(Id id, PathId(r, "id"));
                COVALUE_ASSIGN_OR_RETURN(auto body, ParseJsonObject(r.request.body));
                ObjectReader reader(body);
                app::TeamChanges changes;
                COVALUE_ASSIGN_OR_RETURN(changes.name, reader.OptionalString("name"));
                COVALUE_ASSIGN_OR_RETURN(changes.names, reader.OptionalTranslations("names"));
                COVALUE_ASSIGN_OR_RETURN(changes.population_id,
                                         reader.OptionalInt("population_id"));
                COVALUE_RETURN_IF_ERROR(reader.Finish());
                COVALUE_ASSIGN_OR_RETURN(Team team, community.UpdateTeam(r.ctx, id, changes));
                return Json(200, team);
              }});
  router.Add({"POST", "/api/v1/teams/{id}/members",
              "Give a user a team role (site admins and the team's leads)", Access::kSignedIn,
              [&community](RouteContext& r) -> Result<Response> {
                COVALUE_ASSIGN_OR_RETURN(Id id, PathId(r, "id"));
                COVALUE_ASSIGN_OR_RETURN(auto body, ParseJsonObject(r.request.body));
                ObjectReader reader(body);
                COVALUE_ASSIGN_OR_RETURN(Id user_id, reader.RequiredInt("user_id"));
                COVALUE_ASSIGN_OR_RETURN(std::string role_text, reader.RequiredString("role"));
                COVALUE_RETURN_IF_ERROR(reader.Finish());
                COVALUE_ASSIGN_OR_RETURN(Role role, ReadRole(role_text, "/role"));
                COVALUE_ASSIGN_OR_RETURN(auto detail,
                                         community.AddTeamMember(r.ctx, id, user_id, role));
                return Json(201, TeamJson(detail));
              }});
  router.Add({"DELETE", "/api/v1/teams/{id}/members/{user_id}",
              "Take a user's team roles away (site admins and the team's leads)", Access::kSignedIn,
              [&community](RouteContext& r) -> Result<Response> {
                COVALUE_ASSIGN_OR_RETURN(Id id, PathId(r, "id"));
                COVALUE_ASSIGN_OR_RETURN(Id user_id, PathId(r, "user_id"));
                COVALUE_ASSIGN_OR_RETURN(auto detail,
                                         community.RemoveTeamMember(r.ctx, id, user_id));
                return Json(200, TeamJson(detail));
              },
              0});
}

}  // namespace covalue::http::api
