#pragma once

#include "app/app.h"
#include "http/router.h"

namespace covalue::fhir {

// Adds the FHIR R4 API under /fhir/r4 to router; its errors are OperationOutcomes.
// Questionnaire: read (https://hl7.org/fhir/R4/http.html#read) and search of the guides.
void AddFhirRoutes(http::Router& router, app::App& app);

}  // namespace covalue::fhir
