#include "http/api/api_routes.h"
#include "http/json/json_body.h"
#include "http/json/membership_json.h"

namespace covalue::http::api {

void AddUserRoutes(Router& router, app::App& app) {
  router.Add({"GET", "/api/v1/users", "List accounts (admins: the users of their sites)",
              Access::kSignedIn,
              [&app](RouteContext& r) -> Result<Response> {
                COVALUE_ASSIGN_OR_RETURN(auto page, ReadPage(r.request));
                COVALUE_ASSIGN_OR_RETURN(auto users, app.ListUsers(r.ctx, page));
                return Json(200, PageJson(users));
              },
              0});
  router.Add({"POST", "/api/v1/users", "Add an account with its memberships (admins)",
              Access::kSignedIn, [&app](RouteContext& r) -> Result<Response> {
                COVALUE_ASSIGN_OR_RETURN(auto body, ParseJsonObject(r.request.body));
                ObjectReader reader(body);
                app::NewUser user;
                COVALUE_ASSIGN_OR_RETURN(user.username, reader.RequiredString("username"));
                COVALUE_ASSIGN_OR_RETURN(user.display_name, reader.RequiredString("display_name"));
                COVALUE_ASSIGN_OR_RETURN(user.password, reader.RequiredString("password"));
                COVALUE_ASSIGN_OR_RETURN(auto memberships, reader.OptionalArray("memberships"));
                COVALUE_RETURN_IF_ERROR(reader.Finish());
                COVALUE_ASSIGN_OR_RETURN(user.memberships, ReadMemberships(memberships));
                COVALUE_ASSIGN_OR_RETURN(User created, app.CreateUser(r.ctx, user));
                return Json(201, created);
              }});
  router.Add({"GET", "/api/v1/users/me", "Read the caller's own account", Access::kSignedIn,
              [&app](RouteContext& r) -> Result<Response> {
                COVALUE_ASSIGN_OR_RETURN(User user, app.Me(r.ctx));
                return Json(200, user);
              },
              0});
  router.Add({"GET", "/api/v1/users/{id}", "Read an account (its owner, or an admin of its site)",
              Access::kSignedIn,
              [&app](RouteContext& r) -> Result<Response> {
                COVALUE_ASSIGN_OR_RETURN(Id id, PathId(r, "id"));
                COVALUE_ASSIGN_OR_RETURN(User user, app.GetUser(r.ctx, id));
                return Json(200, user);
              },
              0});
  router.Add({"PATCH", "/api/v1/users/{id}", "Change an account's display name or password",
              Access::kSignedIn, [&app](RouteContext& r) -> Result<Response> {
                COVALUE_ASSIGN_OR_RETURN(Id id, PathId(r, "id"));
                COVALUE_ASSIGN_OR_RETURN(auto body, ParseJsonObject(r.request.body));
                ObjectReader reader(body);
                app::UserChanges changes;
                COVALUE_ASSIGN_OR_RETURN(changes.display_name,
                                         reader.OptionalString("display_name"));
                COVALUE_ASSIGN_OR_RETURN(changes.password, reader.OptionalString("password"));
                COVALUE_RETURN_IF_ERROR(reader.Finish());
                COVALUE_ASSIGN_OR_RETURN(User user, app.UpdateUser(r.ctx, id, changes));
                return Json(200, user);
              }});
}

}  // namespace covalue::http::api
