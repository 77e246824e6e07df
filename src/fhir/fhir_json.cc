#include "fhir/fhir_json.h"

#include <ctime>

#include <fmt/format.h>

#include "fhir/operation_outcome.h"

namespace covalue::fhir {

http::Response FhirJson(int status, const nlohmann::json& body) {
  http::Response response;
  response.status = status;
  response.content_type = kFhirJson;
  response.body = body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  return response;
}

std::string BaseUrl(const http::Request& request) {
  return std::string(request.tls ? "https://" : "http://") + request.Header("host") + "/fhir/r4";
}

std::string Instant(std::int64_t ms) {
  const auto seconds = static_cast<std::time_t>(ms / 1000);
  std::tm utc{};
  gmtime_r(&seconds, &utc);
  return fmt::format("{:04}-{:02}-{:02}T{:02}:{:02}:{:02}Z", utc.tm_year + 1900, utc.tm_mon + 1,
                     utc.tm_mday, utc.tm_hour, utc.tm_min, utc.tm_sec);
}

}  // namespace covalue::fhir
