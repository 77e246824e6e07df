#pragma once

#include <string>
#include <vector>

#include "http/router.h"

namespace covalue::fhir {

// What every answer under /fhir/ shares (https://hl7.org/fhir/R4/http.html): every error, an
// unknown route or method included, is an OperationOutcome with the status it travels with;
// _format and Accept may name JSON only (application/fhir+json, or application/json+fhir,
// which is answered in kind), else 406; a write's `Prefer: return=minimal` answers without a
// body and `return=OperationOutcome` with an OperationOutcome instead of the resource; pages of
// cors_origins may call it with bearer tokens.
http::Area FhirArea(std::vector<std::string> cors_origins);

}  // namespace covalue::fhir
