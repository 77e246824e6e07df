#include "fhir/fhir_json.h"

#include <cmath>
#include <ctime>

#include <fmt/format.h>

#include "fhir/operation_outcome.h"

namespace covalue::fhir {

namespace {

// Whole numbers as integers ("count": 35, "value": 12), never 35.0: JSON readers that type
// FHIR's integers strictly refuse a fraction, and a decimal's value is the same either way.
void WriteWholeNumbersAsIntegers(nlohmann::json& value) {
  constexpr double kExact = 9007199254740992.0;  // 2^53: every integer below is a double
  if (value.is_number_float()) {
    const double number = value.get<double>();
    if (std::isfinite(number) && std::floor(number) == number && std::fabs(number) < kExact) {
      value = static_cast<std::int64_t>(number);
    }
  } else if (value.is_structured()) {
    for (nlohmann::json& element : value) {
      WriteWholeNumbersAsIntegers(element);
    }
  }
}

}  // namespace

http::Response FhirJson(int status, nlohmann::json body) {
  WriteWholeNumbersAsIntegers(body);
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
