#include "http/problem_json.h"

#include <nlohmann/json.hpp>

namespace covalue::http {
namespace {

struct Kind {
  int status;
  const char* slug;
  const char* title;
};

Kind KindOf(const Error& error) {
  switch (error.code) {
    case ErrorCode::kInvalidArgument:
      return {400, "invalid-argument", "Bad Request"};
    case ErrorCode::kNotFound:
      return {404, "not-found", "Not Found"};
    case ErrorCode::kConflict:
      return {409, "conflict", "Conflict"};
    case ErrorCode::kPreconditionRequired:
      return {428, "precondition-required", "Precondition Required"};
    case ErrorCode::kGone:
      return {410, "gone", "Gone"};
    case ErrorCode::kUnauthenticated:
      return {401, "unauthenticated", "Unauthorized"};
    case ErrorCode::kPermissionDenied:
      return {403, "permission-denied", "Forbidden"};
    case ErrorCode::kResourceExhausted:
      // 413 when the request body is what is too large (field "body"), else 429.
      return error.field == "body" ? Kind{413, "payload-too-large", "Content Too Large"}
                                   : Kind{429, "too-many-requests", "Too Many Requests"};
    case ErrorCode::kUnsupported:
      return {415, "unsupported", "Unsupported Media Type"};
    case ErrorCode::kUnavailable:
      return {503, "unavailable", "Service Unavailable"};
    case ErrorCode::kStorageFull:
      return {507, "insufficient-storage", "Insufficient Storage"};
    case ErrorCode::kInternal:
      return {500, "internal", "Internal Server Error"};
  }
  return {500, "internal", "Internal Server Error"};
}

// The statuses a transport answers without an error code of its own.
Kind KindOfStatus(int status, const Error& error) {
  switch (status) {
    case 405:
      return {405, "method-not-allowed", "Method Not Allowed"};
    case 413:
      return {413, "payload-too-large", "Content Too Large"};
    case 421:
      return {421, "misdirected-request", "Misdirected Request"};
    case 431:
      return {431, "request-header-fields-too-large", "Request Header Fields Too Large"};
    case 503:
      return {503, "unavailable", "Service Unavailable"};
    default: {
      Kind kind = KindOf(error);
      kind.status = status;
      return kind;
    }
  }
}

Response ProblemOf(const Kind& kind, const Error& error, const std::string& request_id,
                   const nlohmann::json& extensions) {
  nlohmann::json body = {
      {"type", std::string("/problems/") + kind.slug},
      {"title", kind.title},
      {"status", kind.status},
      {"detail",
       kind.status == 500 ? "an internal error occurred; quote the request id" : error.message},
      {"request_id", request_id},
  };
  if (!error.field.empty()) {
    body["field"] = error.field;
  }
  body.update(extensions);
  Response response;
  response.status = kind.status;
  response.content_type = "application/problem+json";
  response.body = body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  return response;
}

}  // namespace

int HttpStatus(const Error& error) { return KindOf(error).status; }

Response ProblemResponse(const Error& error, const std::string& request_id) {
  return ProblemOf(KindOf(error), error, request_id, nlohmann::json::object());
}

Response ProblemResponse(const Error& error, const std::string& request_id,
                         const nlohmann::json& extensions) {
  return ProblemOf(KindOf(error), error, request_id, extensions);
}

Response ProblemResponse(int status, const Error& error, const std::string& request_id) {
  return ProblemOf(KindOfStatus(status, error), error, request_id, nlohmann::json::object());
}

}  // namespace covalue::http
