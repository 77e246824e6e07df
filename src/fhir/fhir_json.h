#pragma once

#include <cstdint>
#include <string>

#include <nlohmann/json.hpp>

#include "http/message.h"

namespace covalue::fhir {

// A response of the FHIR API: status and body as application/fhir+json, whole numbers written
// as integers.
http::Response FhirJson(int status, nlohmann::json body);

// The absolute base of this server's FHIR API, from the request's Host.
std::string BaseUrl(const http::Request& request);

// An instant as a FHIR instant/dateTime in UTC ("2026-11-22T21:40:54Z").
std::string Instant(std::int64_t ms);

}  // namespace covalue::fhir
