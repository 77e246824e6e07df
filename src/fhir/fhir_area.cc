#include "fhir/fhir_area.h"

#include <nlohmann/json.hpp>

#include "fhir/operation_outcome.h"

namespace covalue::fhir {
namespace {

constexpr std::string_view kLegacyJson = "application/json+fhir";

bool Names(std::string_view list, std::string_view type) {
  return list.find(type) != std::string_view::npos;
}

// Whether a _format value or an Accept header admits a JSON answer. An absent or wildcard
// Accept does.
bool AdmitsJson(std::string_view wanted) {
  return wanted.empty() || Names(wanted, "json") || Names(wanted, "*/*") ||
         Names(wanted, "application/*");
}

std::optional<http::Response> Refusal(const http::Request& request) {
  const std::string* format = request.Query("_format");
  const bool json = format != nullptr ? AdmitsJson(*format) : AdmitsJson(request.Header("accept"));
  if (json) {
    return std::nullopt;
  }
  http::Response refusal = OperationOutcomeResponse(
      Error{ErrorCode::kUnsupported, "this server writes FHIR as JSON only (application/fhir+json)",
            format != nullptr ? "_format" : "accept"},
      request.request_id);
  refusal.status = 406;
  return refusal;
}

// Whether a body is an OperationOutcome already (a route that writes its own, with warnings or
// alerts, for Prefer: return=OperationOutcome).
bool IsOutcome(const std::string& body) {
  const auto parsed = nlohmann::json::parse(body, nullptr, false);
  return parsed.is_object() && parsed.value("resourceType", "") == "OperationOutcome";
}

void Finish(const http::Request& request, http::Response& response) {
  const std::string* format = request.Query("_format");
  const std::string& wanted = format != nullptr ? *format : request.Header("accept");
  if (Names(wanted, kLegacyJson) && !Names(wanted, kFhirJson)) {
    response.content_type = kLegacyJson;
  }
  const bool write = request.method == "POST" || request.method == "PUT";
  if (!write || (response.status != 200 && response.status != 201)) {
    return;
  }
  const std::string& prefer = request.Header("prefer");
  if (Names(prefer, "return=minimal")) {
    response.body.clear();
    response.content_type.clear();
  } else if (Names(prefer, "return=OperationOutcome") && !IsOutcome(response.body)) {
    const std::string* location = response.FindHeader("Location");
    const nlohmann::json outcome = {
        {"resourceType", "OperationOutcome"},
        {"issue", nlohmann::json::array(
                      {{{"severity", "information"},
                        {"code", "informational"},
                        {"diagnostics",
                         location == nullptr ? std::string("done") : "stored as " + *location}}})}};
    response.body = outcome.dump();
  }
}

}  // namespace

http::Area FhirArea(std::vector<std::string> cors_origins) {
  return http::Area{"/fhir/", OperationOutcomeResponse, Refusal, Finish, std::move(cors_origins)};
}

}  // namespace covalue::fhir
