#include <algorithm>

#include <fmt/format.h>

#include "app/accounts/accounts.h"
#include "http/api/api_routes.h"
#include "http/json/json_body.h"
#include "http/problem_json.h"

namespace covalue::http::api {
namespace {

std::string SessionCookie(const Request& request, const std::string& value, long max_age) {
  return fmt::format("{}={}; Path=/; Max-Age={}; HttpOnly; SameSite=Strict{}",
                     Router::kSessionCookie, value, max_age, request.tls ? "; Secure" : "");
}

Result<Response> Login(app::Accounts& accounts, RouteContext& route) {
  COVALUE_ASSIGN_OR_RETURN(auto body, ParseJsonObject(route.request.body));
  ObjectReader reader(body);
  COVALUE_ASSIGN_OR_RETURN(std::string username, reader.RequiredString("username"));
  COVALUE_ASSIGN_OR_RETURN(std::string password, reader.RequiredString("password"));
  COVALUE_RETURN_IF_ERROR(reader.Finish());
  auto signed_in = accounts.Login(route.ctx, username, password);
  if (!signed_in) {
    Response problem = ProblemResponse(signed_in.error(), route.request.request_id);
    if (signed_in.error().code == ErrorCode::kResourceExhausted) {
      problem.SetHeader("Retry-After",
                        std::to_string(std::max<std::int64_t>(
                            1, accounts.LoginRetryAfter(username, route.request.client_address))));
      // A tarpit: the refusal comes after a second, so a flood gets one answer a second per
      // connection instead of as many as the server can write.
      problem.delay = std::chrono::seconds(1);
    } else if (signed_in.error().code == ErrorCode::kUnavailable) {
      problem.SetHeader("Retry-After", "1");  // the password pool was full: the same tarpit
      problem.delay = std::chrono::seconds(1);
    }
    return problem;
  }
  Response response =
      Json(200, nlohmann::json{{"user", signed_in->user}, {"expires_ms", signed_in->expires_ms}});
  response.SetHeader("Set-Cookie", SessionCookie(route.request, signed_in->session_token,
                                                 app::Accounts::kSessionLifetimeMs / 1000));
  response.SetHeader("Cache-Control", "no-store");
  return response;
}

Result<Response> Logout(app::Accounts& accounts, RouteContext& route) {
  const std::string token = SessionToken(route.request);
  if (!token.empty()) {
    COVALUE_RETURN_IF_ERROR(accounts.Logout(route.ctx, token));
  }
  Response response = NoContent();
  response.SetHeader("Set-Cookie", SessionCookie(route.request, "", 0));
  return response;
}

Result<Response> CreateToken(app::Accounts& accounts, RouteContext& route) {
  COVALUE_ASSIGN_OR_RETURN(auto body, ParseJsonObject(route.request.body));
  ObjectReader reader(body);
  COVALUE_ASSIGN_OR_RETURN(std::string name, reader.RequiredString("name"));
  COVALUE_RETURN_IF_ERROR(reader.Finish());
  COVALUE_ASSIGN_OR_RETURN(auto issued, accounts.CreateToken(route.ctx, name));
  nlohmann::json answer = issued.token;
  answer["token"] = issued.secret;
  Response response = Json(201, answer);
  response.SetHeader("Cache-Control", "no-store");
  return response;
}

}  // namespace

void AddAuthRoutes(Router& router, app::Accounts& accounts) {
  router.Add({"POST", "/api/v1/auth/login",
              "Sign in with username and password; sets the session cookie", Access::kPublic,
              [&accounts](RouteContext& r) { return Login(accounts, r); }});
  router.Add({"POST", "/api/v1/auth/logout", "End the browser session", Access::kSignedIn,
              [&accounts](RouteContext& r) { return Logout(accounts, r); }, 0});
  router.Add({"POST", "/api/v1/auth/tokens", "Issue a bearer token (shown only once)",
              Access::kSignedIn,
              [&accounts](RouteContext& r) { return CreateToken(accounts, r); }});
  router.Add({"GET", "/api/v1/auth/tokens", "List the caller's live bearer tokens",
              Access::kSignedIn,
              [&accounts](RouteContext& r) -> Result<Response> {
                COVALUE_ASSIGN_OR_RETURN(auto tokens, accounts.ListTokens(r.ctx));
                return Json(200, nlohmann::json{{"items", tokens}, {"next", nullptr}});
              },
              0});
  router.Add({"DELETE", "/api/v1/auth/tokens/{id}", "Revoke one of the caller's bearer tokens",
              Access::kSignedIn,
              [&accounts](RouteContext& r) -> Result<Response> {
                COVALUE_ASSIGN_OR_RETURN(Id id, PathId(r, "id"));
                COVALUE_RETURN_IF_ERROR(accounts.RevokeToken(r.ctx, id));
                return NoContent();
              },
              0});
}

}  // namespace covalue::http::api
