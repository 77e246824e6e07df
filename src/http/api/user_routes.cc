#include "app/accounts/accounts.h"
#include "http/api/api_routes.h"
#include "http/json/json_body.h"
#include "http/json/membership_json.h"

namespace covalue::http::api {

void AddUserRoutes(Router& router, app::Accounts& accounts) {
  router.Add({"GET", "/api/v1/users", "List accounts (admins: the users of their sites)",
              Access::kSignedIn,
              [&accounts](RouteContext& r) -> Result<Response> {
                COVALUE_ASSIGN_OR_RETURN(auto page, ReadPage(r.request));
                COVALUE_ASSIGN_OR_RETURN(auto users, accounts.ListUsers(r.ctx, page));
                return Json(200, PageJson(users));
              },
              0});
  router.Add({"POST", "/api/v1/users", "Add an account with its memberships (admins)",
              Access::kSignedIn, [&accounts](RouteContext& r) -> Result<Response> {
                COVALUE_ASSIGN_OR_RETURN(auto body, ParseJsonObject(r.request.body));
                ObjectReader reader(body);
                app::NewUser user;
                COVALUE_ASSIGN_OR_RETURN(user.username, reader.RequiredString("username"));
                COVALUE_ASSIGN_OR_RETURN(user.display_name, reader.RequiredString("display_name"));
                COVALUE_ASSIGN_OR_RETURN(user.password, reader.RequiredString("password"));
                COVALUE_ASSIGN_OR_RETURN(auto memberships, reader.OptionalArray("memberships"));
                COVALUE_RETURN_IF_ERROR(reader.Finish());
                COVALUE_ASSIGN_OR_RETURN(user.memberships, ReadMemberships(memberships));
                COVALUE_ASSIGN_OR_RETURN(User created, accounts.CreateUser(r.ctx, user));
                return Json(201, created);
              }});
  router.Add({"GET", "/api/v1/users/me", "Read the caller's own account", Access::kSignedIn,
              [&accounts](RouteContext& r) -> Result<Response> {
                COVALUE_ASSIGN_OR_RETURN(User user, accounts.Me(r.ctx));
                return Json(200, user);
              },
              0});
  router.Add({"GET", "/api/v1/users/{id}", "Read an account (its owner, or an admin of its site)",
              Access::kSignedIn,
              [&accounts](RouteContext& r) -> Result<Response> {
                COVALUE_ASSIGN_OR_RETURN(Id id, PathId(r, "id"));
                COVALUE_ASSIGN_OR_RETURN(User user, accounts.GetUser(r.ctx, id));
                return Json(200, user);
              },
              0});
  router.Add({"PATCH", "/api/v1/users/{id}",
              "Change an account: display name, password (one's own with current_password), "
              "active (those who administer it)",
              Access::kSignedIn, [&accounts](RouteContext& r) -> Result<Response> {
                COVALUE_ASSIGN_OR_RETURN(Id id, PathId(r, "id"));
                COVALUE_ASSIGN_OR_RETURN(auto body, ParseJsonObject(r.request.body));
                ObjectReader reader(body);
                app::UserChanges changes;
                COVALUE_ASSIGN_OR_RETURN(changes.display_name,
                                         reader.OptionalString("display_name"));
                COVALUE_ASSIGN_OR_RETURN(changes.password, reader.OptionalString("password"));
                COVALUE_ASSIGN_OR_RETURN(changes.current_password,
                                         reader.OptionalString("current_password"));
                COVALUE_ASSIGN_OR_RETURN(changes.active, reader.OptionalBool("active"));
                COVALUE_RETURN_IF_ERROR(reader.Finish());
                COVALUE_ASSIGN_OR_RETURN(User user, accounts.UpdateUser(r.ctx, id, changes));
                return Json(200, user);
              }});
  router.Add({"POST", "/api/v1/users/{id}/memberships",
              "Give an account a role (the grant rule: a site's admins at their site, a team "
              "lead to their own team's staff)",
              Access::kSignedIn, [&accounts](RouteContext& r) -> Result<Response> {
                COVALUE_ASSIGN_OR_RETURN(Id id, PathId(r, "id"));
                COVALUE_ASSIGN_OR_RETURN(auto body, ParseJsonObject(r.request.body));
                COVALUE_ASSIGN_OR_RETURN(auto memberships,
                                         ReadMemberships(nlohmann::json::array({body})));
                COVALUE_ASSIGN_OR_RETURN(User user,
                                         accounts.GrantMembership(r.ctx, id, memberships.front()));
                return Json(201, user);
              }});
  router.Add({"DELETE", "/api/v1/memberships/{id}",
              "Revoke a role by its grant id (the site's admins, a team lead for their team)",
              Access::kSignedIn,
              [&accounts](RouteContext& r) -> Result<Response> {
                COVALUE_ASSIGN_OR_RETURN(Id id, PathId(r, "id"));
                COVALUE_RETURN_IF_ERROR(accounts.RevokeMembership(r.ctx, id));
                return NoContent();
              },
              0});
  router.Add(
      {"GET", "/api/v1/sites/{id}/access",
       "Who can see the site: every role held there and community-wide, who granted it "
       "and when (the site's admins)",
       Access::kSignedIn,
       [&accounts](RouteContext& r) -> Result<Response> {
         COVALUE_ASSIGN_OR_RETURN(Id id, PathId(r, "id"));
         COVALUE_ASSIGN_OR_RETURN(auto grants, accounts.SiteAccess(r.ctx, id));
         nlohmann::json items = nlohmann::json::array();
         for (const app::SiteGrant& g : grants) {
           items.push_back(
               {{"id", g.grant.id},
                {"user_id", g.grant.user_id},
                {"username", g.grant.username},
                {"display_name", g.grant.display_name},
                {"role", RoleName(g.grant.membership.role)},
                {"site_id", g.grant.membership.site_id ? nlohmann::json(*g.grant.membership.site_id)
                                                       : nlohmann::json(nullptr)},
                {"team_id", g.grant.membership.team_id ? nlohmann::json(*g.grant.membership.team_id)
                                                       : nlohmann::json(nullptr)},
                {"granted_by", g.grant.granted_by ? nlohmann::json(*g.grant.granted_by)
                                                  : nlohmann::json(nullptr)},
                {"granted_by_username", g.grant.granted_by_username},
                {"granted_ms", g.grant.granted_ms},
                {"community_wide", g.community_wide},
                {"from_outside", g.from_outside},
                {"revocable", g.revocable}});
         }
         return Json(200, nlohmann::json{{"items", items}, {"next", nullptr}});
       },
       0});
}

}  // namespace covalue::http::api
