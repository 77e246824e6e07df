#pragma once

#include <string>

#include "domain/error.h"
#include "http/message.h"

namespace covalue::fhir {

inline constexpr const char* kFhirJson = "application/fhir+json";

// The one place a failure of the FHIR API becomes an OperationOutcome
// (https://hl7.org/fhir/R4/operationoutcome.html) with the HTTP status of its error code; the
// field at fault, if any, is the expression.
http::Response OperationOutcomeResponse(const Error& error, const std::string& request_id);

}  // namespace covalue::fhir
