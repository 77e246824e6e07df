#include "http/router.h"

#include <algorithm>
#include <charconv>
#include <exception>

#include <fmt/format.h>
#include <fmt/ranges.h>
#include <spdlog/spdlog.h>

#include "app/accounts/accounts.h"
#include "http/problem_json.h"
#include "http/transfer.h"

namespace covalue::http {
namespace {

std::vector<std::string_view> Segments(std::string_view path) {
  std::vector<std::string_view> out;
  while (!path.empty()) {
    if (path.front() == '/') {
      path.remove_prefix(1);
      continue;
    }
    const auto slash = path.find('/');
    out.push_back(path.substr(0, slash));
    path = slash == std::string_view::npos ? std::string_view{} : path.substr(slash);
  }
  return out;
}

bool IsWrite(const std::string& method) {
  return method == "POST" || method == "PUT" || method == "PATCH" || method == "DELETE";
}

bool IsJsonMediaType(const std::string& content_type) {
  const std::string_view type = std::string_view(content_type).substr(0, content_type.find(';'));
  // application/json+fhir: FHIR's media type before R3, which clients still send.
  return type == "application/json" || type == "application/json+fhir" ||
         (type.starts_with("application/") && type.ends_with("+json"));
}

bool AcceptsBody(const Route& route, const std::string& content_type) {
  if (route.body_types.empty()) {
    return IsJsonMediaType(content_type);
  }
  std::string type = content_type.substr(0, content_type.find(';'));
  type.erase(type.find_last_not_of(' ') + 1);
  return std::find(route.body_types.begin(), route.body_types.end(), type) !=
         route.body_types.end();
}

// An Origin header that names another site than the Host the request came to.
bool IsCrossOrigin(const Request& request) {
  const std::string& origin = request.Header("origin");
  if (origin.empty()) {
    return false;  // API clients send none
  }
  const std::string& host = request.Header("host");
  return origin != "http://" + host && origin != "https://" + host;
}

}  // namespace

std::string SessionToken(const Request& request) {
  const std::string_view name = Router::kSessionCookie;
  std::string_view rest = request.Header("cookie");
  while (!rest.empty()) {
    const auto semi = rest.find(';');
    std::string_view pair = rest.substr(0, semi);
    rest = semi == std::string_view::npos ? std::string_view{} : rest.substr(semi + 1);
    while (!pair.empty() && pair.front() == ' ') {
      pair.remove_prefix(1);
    }
    if (pair.size() > name.size() && pair.substr(0, name.size()) == name &&
        pair[name.size()] == '=') {
      return std::string(pair.substr(name.size() + 1));
    }
  }
  return {};
}

void Router::Add(Route route) {
  std::vector<std::string> pattern;
  for (std::string_view segment : Segments(route.pattern)) {
    pattern.emplace_back(segment);
  }
  patterns_.push_back(std::move(pattern));
  routes_.push_back(std::move(route));
}

void Router::SetFallback(std::function<Response(const Request&)> fallback) {
  fallback_ = std::move(fallback);
}

void Router::SetServedNames(std::vector<std::string> names, bool any_ip_literal) {
  for (std::string& name : names) {
    std::transform(name.begin(), name.end(), name.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  }
  served_names_ = std::move(names);
  any_ip_literal_ = any_ip_literal;
}

bool Router::Serves(const std::string& host_header) const {
  if (served_names_.empty()) {
    return true;
  }
  // "name:port", "[v6]:port" or either without the port.
  std::string host = host_header;
  if (!host.empty() && host.front() == '[') {
    host = host.substr(1, host.find(']') == std::string::npos ? 0 : host.find(']') - 1);
  } else if (const auto colon = host.rfind(':');
             colon != std::string::npos && host.find(':') == colon) {
    host = host.substr(0, colon);
  }
  std::transform(host.begin(), host.end(), host.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  if (std::find(served_names_.begin(), served_names_.end(), host) != served_names_.end()) {
    return true;
  }
  if (any_ip_literal_) {
    const bool v4 = !host.empty() && std::all_of(host.begin(), host.end(), [](char c) {
      return std::isdigit(static_cast<unsigned char>(c)) != 0 || c == '.';
    });
    const bool v6 = host.find(':') != std::string::npos;
    return v4 || v6;
  }
  return false;
}

const Route* Router::Match(const std::string& method, const std::string& path,
                           std::map<std::string, std::string>& params, bool& path_matched) const {
  const auto segments = Segments(path);
  path_matched = false;
  for (std::size_t r = 0; r < routes_.size(); ++r) {
    const std::vector<std::string>& pattern = patterns_[r];
    if (pattern.size() != segments.size()) {
      continue;
    }
    bool matches = true;
    for (std::size_t i = 0; i < pattern.size() && matches; ++i) {
      matches = pattern[i].front() == '{' || pattern[i] == segments[i];
    }
    if (!matches) {
      continue;
    }
    path_matched = true;
    if (routes_[r].method == method) {
      params.clear();
      for (std::size_t i = 0; i < pattern.size(); ++i) {
        if (pattern[i].front() == '{') {
          params.emplace(pattern[i].substr(1, pattern[i].size() - 2), segments[i]);
        }
      }
      return &routes_[r];
    }
  }
  return nullptr;
}

std::size_t Router::BodyLimit(const std::string& method, const std::string& path) const {
  std::map<std::string, std::string> params;
  bool path_matched = false;
  const Route* route = Match(method, path, params, path_matched);
  return route == nullptr ? 0 : route->max_body;
}

Result<app::RequestContext> Router::Authenticate(const Request& request, const Route& route) const {
  app::RequestContext ctx{std::nullopt, request.request_id, request.client_address};
  const std::string& authorization = request.Header("authorization");
  // Cookies ride along with cross-site requests; SameSite=Strict stops most, this the rest.
  // Bearer requests carry no ambient credential and pass.
  if (IsWrite(request.method) && !authorization.starts_with("Bearer ") && IsCrossOrigin(request)) {
    return Fail(ErrorCode::kPermissionDenied, "cross-origin writes are refused", "origin");
  }
  if (route.access == Access::kPublic) {
    return ctx;  // public routes ignore credentials, good or bad
  }
  if (authorization.starts_with("Bearer ")) {
    COVALUE_ASSIGN_OR_RETURN(ctx.principal, accounts_.AuthenticateToken(authorization.substr(7)));
    return ctx;
  }
  if (!authorization.empty()) {
    return Fail(ErrorCode::kUnauthenticated, "only Bearer authorization is supported");
  }
  const std::string cookie = SessionToken(request);
  if (cookie.empty()) {
    return Fail(ErrorCode::kUnauthenticated, "sign in, or send a bearer token");
  }
  COVALUE_ASSIGN_OR_RETURN(ctx.principal, accounts_.AuthenticateSession(cookie));
  return ctx;
}

Response Router::Failure(const Request& request, const Route* route, const Area* area, int status,
                         const Error& error) const {
  ErrorTranslator translate = route != nullptr ? route->on_error : nullptr;
  if (!translate && area != nullptr) {
    translate = area->on_error;
  }
  if (!translate) {
    return status == 0 ? ProblemResponse(error, request.request_id)
                       : ProblemResponse(status, error, request.request_id);
  }
  Response response = translate(error, request.request_id);
  if (status != 0) {
    response.status = status;
  }
  return response;
}

Response Router::Handle(const Request& request, std::string& route_label) const {
  std::map<std::string, std::string> params;
  bool path_matched = false;
  const Route* route = Match(request.method, request.path, params, path_matched);
  const Area* area = AreaOf(request.path);
  const std::string& origin = request.Header("origin");
  const bool cors = area != nullptr && !origin.empty() &&
                    std::find(area->cors_origins.begin(), area->cors_origins.end(), origin) !=
                        area->cors_origins.end();
  Response response;
  try {
    if (!Serves(request.Header("host"))) {
      route_label = "misdirected";
      response =
          Failure(request, route, area, 421,
                  {ErrorCode::kInvalidArgument,
                   fmt::format("this server does not serve the host '{}'", request.Header("host")),
                   "host"});
    } else if (cors && request.method == "OPTIONS" &&
               !request.Header("access-control-request-method").empty()) {
      // A preflight: what the page may send. Credentials are never allowed (bearer tokens only).
      route_label = "preflight";
      response.status = 204;
      response.content_type.clear();
      response.SetHeader("Access-Control-Allow-Methods", AllowedMethods(request.path));
      response.SetHeader("Access-Control-Allow-Headers",
                         "Authorization, Content-Type, Accept, Prefer, If-Match, If-None-Match");
      response.SetHeader("Access-Control-Max-Age", "600");
    } else if (route == nullptr) {
      route_label = path_matched ? "method_not_allowed" : "unmatched";
      if (path_matched) {
        response = Failure(request, route, area, 405,
                           {ErrorCode::kInvalidArgument,
                            fmt::format("{} is not allowed here", request.method), "method"});
        response.SetHeader("Allow", AllowedMethods(request.path));
      } else if (fallback_ && area == nullptr && !request.path.starts_with("/api/") &&
                 !request.path.starts_with("/fhir/")) {
        route_label = "static";
        response = fallback_(request);
      } else {
        response =
            Failure(request, route, area, 0,
                    {ErrorCode::kNotFound, fmt::format("no route for {}", request.path), {}});
      }
    } else {
      route_label = route->pattern;
      auto result = [&]() -> Result<Response> {
        if (area != nullptr && area->check) {
          if (std::optional<Response> refusal = area->check(request)) {
            return std::move(*refusal);
          }
        }
        if (cors && !request.Header("authorization").starts_with("Bearer ") &&
            route->access != Access::kPublic) {
          return Fail(ErrorCode::kUnauthenticated,
                      "a page of another origin calls this API with a bearer token",
                      "authorization");
        }
        COVALUE_ASSIGN_OR_RETURN(auto ctx, Authenticate(request, *route));
        if (route->max_body > 0 && IsWrite(request.method) &&
            !AcceptsBody(*route, request.Header("content-type"))) {
          return Fail(ErrorCode::kUnsupported,
                      fmt::format("send the body as {}",
                                  route->body_types.empty()
                                      ? std::string("application/json")
                                      : fmt::format("{}", fmt::join(route->body_types, " or "))),
                      "content-type");
        }
        RouteContext route_ctx{request, std::move(params), std::move(ctx)};
        COVALUE_ASSIGN_OR_RETURN(Response answer, route->handler(route_ctx));
        if (area != nullptr && area->finish) {
          area->finish(request, answer);
        }
        return answer;
      }();
      if (result) {
        response = std::move(*result);
      } else {
        const Error& error = result.error();
        response = Failure(request, route, area, 0, error);
        if (response.status >= 500) {
          // The client reads a short problem; the operator reads the cause, once per request.
          spdlog::error("request {} {} {} answered {}: {}", request.request_id, request.method,
                        request.path, response.status, error.message);
        }
        if (response.status == 507) {
          response.SetHeader("Retry-After", "60");
        } else if (response.status == 503 && response.FindHeader("Retry-After") == nullptr) {
          response.SetHeader("Retry-After", "5");
        }
      }
      if (response.status == 401) {
        response.SetHeader("WWW-Authenticate", "Bearer");
      }
    }
  } catch (const std::exception& e) {
    spdlog::error("request {} failed: {}", request.request_id, e.what());
    response = Failure(request, route, area, 500, {ErrorCode::kInternal, e.what(), {}});
  }
  response.SetHeader("X-Request-Id", request.request_id);
  if (cors) {
    response.SetHeader("Access-Control-Allow-Origin", origin);
    response.SetHeader("Access-Control-Expose-Headers",
                       "Location, ETag, Content-Location, Last-Modified, X-Request-Id");
  }
  if (area != nullptr && !area->cors_origins.empty()) {
    response.SetHeader("Vary", "Origin");  // the answer differs by origin: caches keep each
  }
  // What the APIs answer may be a person's data: never kept by a cache, never sniffed.
  if (request.path.starts_with("/api/") || request.path.starts_with("/fhir/")) {
    if (response.FindHeader("Cache-Control") == nullptr) {
      response.SetHeader("Cache-Control", "no-store");
    }
    response.SetHeader("X-Content-Type-Options", "nosniff");
  }
  PrepareTransfer(request, response, &compressed_);  // a 304, or gzip, when the client asks
  return response;
}

void Router::AddArea(Area area) { areas_.push_back(std::move(area)); }

const Area* Router::AreaOf(const std::string& path) const {
  for (const Area& area : areas_) {
    if (path.starts_with(area.prefix)) {
      return &area;
    }
  }
  return nullptr;
}

std::string Router::AllowedMethods(const std::string& path) const {
  const auto segments = Segments(path);
  std::string allowed;
  for (std::size_t r = 0; r < routes_.size(); ++r) {
    const std::vector<std::string>& pattern = patterns_[r];
    bool matches = pattern.size() == segments.size();
    for (std::size_t i = 0; i < pattern.size() && matches; ++i) {
      matches = pattern[i].front() == '{' || pattern[i] == segments[i];
    }
    if (matches && allowed.find(routes_[r].method) == std::string::npos) {
      allowed += (allowed.empty() ? "" : ", ") + routes_[r].method;
    }
  }
  return allowed;
}

Response JsonResponse(int status, std::string json_text) {
  Response response;
  response.status = status;
  response.body = std::move(json_text);
  return response;
}

Result<PageRequest> ReadPage(const Request& request) {
  PageRequest page;
  if (const std::string* limit = request.Query("limit")) {
    int value = 0;
    auto [end, ec] = std::from_chars(limit->data(), limit->data() + limit->size(), value);
    if (ec != std::errc() || end != limit->data() + limit->size() || value < 1 ||
        value > PageRequest::kMaxLimit) {
      return Fail(ErrorCode::kInvalidArgument,
                  fmt::format("limit must be an integer from 1 to {}", PageRequest::kMaxLimit),
                  "limit");
    }
    page.limit = value;
  }
  if (const std::string* cursor = request.Query("cursor")) {
    Id value = 0;
    auto [end, ec] = std::from_chars(cursor->data(), cursor->data() + cursor->size(), value);
    if (ec != std::errc() || end != cursor->data() + cursor->size() || value < 0) {
      return Fail(ErrorCode::kInvalidArgument,
                  "cursor must be the \"next\" value of the previous page", "cursor");
    }
    page.after = value;
  }
  return page;
}

namespace {

Result<Id> PositiveId(const std::string& text, const std::string& name) {
  Id value = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size() || value <= 0) {
    return Fail(ErrorCode::kInvalidArgument, fmt::format("{} must be a positive integer", name),
                name);
  }
  return value;
}

}  // namespace

Result<Id> PathId(const RouteContext& route, const std::string& name) {
  return PositiveId(route.params.at(name), name);
}

Result<std::optional<Id>> QueryId(const Request& request, const std::string& name) {
  const std::string* text = request.Query(name);
  if (text == nullptr) {
    return std::optional<Id>{};
  }
  COVALUE_ASSIGN_OR_RETURN(Id id, PositiveId(*text, name));
  return std::optional(id);
}

Result<std::vector<Id>> QueryIds(const Request& request, const std::string& name) {
  std::vector<Id> ids;
  const std::string* text = request.Query(name);
  for (std::string_view rest = text == nullptr ? std::string_view{} : std::string_view(*text);
       !rest.empty();) {
    const auto comma = rest.find(',');
    auto id = PositiveId(std::string(rest.substr(0, comma)), name);
    if (!id) {
      return Fail(ErrorCode::kInvalidArgument,
                  fmt::format("{} must be positive integers joined by commas", name), name);
    }
    ids.push_back(*id);
    rest = comma == std::string_view::npos ? std::string_view{} : rest.substr(comma + 1);
  }
  if (text != nullptr && text->ends_with(',')) {  // "1,2,": an empty last part
    return Fail(ErrorCode::kInvalidArgument,
                fmt::format("{} must be positive integers joined by commas", name), name);
  }
  return ids;
}

}  // namespace covalue::http
