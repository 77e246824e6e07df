#include "fhir/operation_outcome.h"

#include <nlohmann/json.hpp>

#include "http/problem_json.h"

namespace covalue::fhir {
namespace {

// The issue-type code of an error (https://hl7.org/fhir/R4/valueset-issue-type.html).
const char* IssueCode(ErrorCode code) {
  switch (code) {
    case ErrorCode::kInvalidArgument:
      return "invalid";
    case ErrorCode::kNotFound:
      return "not-found";
    case ErrorCode::kConflict:
      return "conflict";
    case ErrorCode::kPreconditionRequired:
      return "required";
    case ErrorCode::kGone:
      return "deleted";
    case ErrorCode::kUnauthenticated:
      return "login";
    case ErrorCode::kPermissionDenied:
      return "forbidden";
    case ErrorCode::kResourceExhausted:
      return "too-costly";
    case ErrorCode::kUnsupported:
      return "not-supported";
    case ErrorCode::kUnavailable:
    case ErrorCode::kStorageFull:
      return "transient";
    case ErrorCode::kInternal:
      return "exception";
  }
  return "exception";
}

}  // namespace

http::Response OperationOutcomeResponse(const Error& error, const std::string& request_id) {
  const int status = http::HttpStatus(error);
  nlohmann::json issue = {
      {"severity", status >= 500 ? "fatal" : "error"},
      {"code", IssueCode(error.code)},
      {"diagnostics", status == 500 ? "an internal error occurred; quote request id " + request_id
                                    : error.message + " (request id " + request_id + ")"},
  };
  if (!error.field.empty()) {
    issue["expression"] = {error.field};
  }
  http::Response response;
  response.status = status;
  response.content_type = kFhirJson;
  response.body = nlohmann::json{{"resourceType", "OperationOutcome"}, {"issue", {issue}}}.dump(
      -1, ' ', false, nlohmann::json::error_handler_t::replace);
  return response;
}

}  // namespace covalue::fhir
