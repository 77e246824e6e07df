#pragma once

#include <cstddef>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "app/kernel/context.h"
#include "domain/error.h"
#include "domain/page.h"
#include "http/message.h"
#include "http/transfer.h"

namespace covalue::app {
class Accounts;
}  // namespace covalue::app

namespace covalue::http {

// What a handler receives: the request, its path parameters and the app context (principal,
// request id) the router built.
struct RouteContext {
  const Request& request;
  std::map<std::string, std::string> params;
  app::RequestContext ctx;
};

using Handler = std::function<Result<Response>(RouteContext&)>;
// Turns an error into a response: problem+json by default, an OperationOutcome for FHIR.
using ErrorTranslator = std::function<Response(const Error&, const std::string& request_id)>;

enum class Access {
  kPublic,    // no credentials needed (login, the OpenAPI document, health, metrics)
  kSignedIn,  // a session cookie or bearer token; 401 otherwise
};

inline constexpr std::size_t kDefaultMaxBody = 1 << 20;  // 1 MiB

struct Route {
  std::string method;
  std::string pattern;  // "/api/v1/teams/{id}": a {name} segment matches one path segment
  std::string summary;  // one line, as in the OpenAPI document
  Access access = Access::kSignedIn;
  Handler handler;
  std::size_t max_body = kDefaultMaxBody;  // Default: 1 MiB; 0 for routes without a body
  ErrorTranslator on_error = nullptr;      // Default: problem+json (ProblemResponse)
  // The media types a body may have (without parameters); Default: JSON (application/json or
  // any application/*+json).
  std::vector<std::string> body_types = {};
};

// What the router does for every path under a prefix that is an API of its own (FHIR's under
// /fhir/): how its errors are written (unknown routes and methods, a misdirected host, a failed
// handler), what it refuses before any handler runs (a format it cannot write), what it adds to
// every answer (a Prefer header's return), and which browser origins may call it.
struct Area {
  std::string prefix;  // "/fhir/"
  ErrorTranslator on_error;
  // Runs before authentication: an answer refuses the request (an unknown format, say).
  // Default: none.
  std::function<std::optional<Response>(const Request&)> check = nullptr;
  // Runs on every answer a handler gave (not on errors). Default: none.
  std::function<void(const Request&, Response&)> finish = nullptr;
  // Origins (scheme://host[:port]) whose pages may call the area with bearer tokens (CORS,
  // https://fetch.spec.whatwg.org/#http-cors-protocol): preflights are answered, answers carry
  // Access-Control-Allow-Origin, never Allow-Credentials, so a session cookie never travels.
  std::vector<std::string> cors_origins = {};
};

// The route table and the one place requests meet credentials: authenticates, refuses
// cross-origin cookie writes, runs the handler and turns any Error into problem+json.
// Thread-safe once routes are added.
class Router {
 public:
  static constexpr const char* kSessionCookie = "covalue_session";

  // accounts: who a session cookie or bearer token belongs to.
  explicit Router(app::Accounts& accounts) : accounts_(accounts) {}

  // REQUIRES: no route with the same method and pattern exists.
  void Add(Route route);
  // REQUIRES: no area with the same prefix exists.
  void AddArea(Area area);
  // Serves paths no route matches (the web front end); Default: a 404 problem.
  void SetFallback(std::function<Response(const Request&)> fallback);

  // The names the server answers to in the Host header (without the port), so that a page
  // that rebinds its own DNS name to this address cannot reach it: a request naming another
  // host is refused (421). IP-literal hosts of a wildcard listener are always served (DNS
  // rebinding needs a name). Default: empty, which checks nothing (tests that build requests).
  void SetServedNames(std::vector<std::string> names, bool any_ip_literal);

  // The largest body the route for method and path accepts, decided from the request line
  // before the body is read.
  std::size_t BodyLimit(const std::string& method, const std::string& path) const;

  // Never throws: an exception in a handler becomes a 500 problem naming the request id. What
  // travels is prepared last (http/transfer.h: a 304 for a matching If-None-Match, gzip when the
  // client accepts it).
  // Sets route_label to the matched pattern (or "unmatched", "static").
  Response Handle(const Request& request, std::string& route_label) const;

  const std::vector<Route>& Routes() const { return routes_; }

 private:
  const Route* Match(const std::string& method, const std::string& path,
                     std::map<std::string, std::string>& params, bool& path_matched) const;
  Result<app::RequestContext> Authenticate(const Request& request, const Route& route) const;

  bool Serves(const std::string& host_header) const;
  // The area a path lies in, or nullptr.
  const Area* AreaOf(const std::string& path) const;
  // An error as the route, else its area, else problem+json writes it; status 0: the error
  // code's own.
  Response Failure(const Request& request, const Route* route, const Area* area, int status,
                   const Error& error) const;
  // The methods routed for a path ("GET, POST"), for a 405's Allow header.
  std::string AllowedMethods(const std::string& path) const;

  app::Accounts& accounts_;
  std::vector<std::string> served_names_;
  bool any_ip_literal_ = false;
  std::vector<Route> routes_;
  std::vector<Area> areas_;
  std::vector<std::vector<std::string>> patterns_;  // each route's pattern, split once
  std::function<Response(const Request&)> fallback_;
  mutable CompressedBodies compressed_;  // charts many readers ask for, compressed once
};

// The value of the session cookie, or "" when the request has none.
std::string SessionToken(const Request& request);

// Helpers for handlers.
Response JsonResponse(int status, std::string json_text);
// limit and cursor query parameters; kInvalidArgument naming the parameter.
[[nodiscard]] Result<PageRequest> ReadPage(const Request& request);
// A numeric path parameter; kInvalidArgument naming it.
[[nodiscard]] Result<Id> PathId(const RouteContext& route, const std::string& name);
// A numeric query parameter, nullopt when absent; kInvalidArgument naming it.
[[nodiscard]] Result<std::optional<Id>> QueryId(const Request& request, const std::string& name);
// A query parameter of positive ids joined by commas ("3,17,42"), empty when absent or empty;
// kInvalidArgument naming it when any part is not a positive integer.
[[nodiscard]] Result<std::vector<Id>> QueryIds(const Request& request, const std::string& name);

}  // namespace covalue::http
