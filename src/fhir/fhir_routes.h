#pragma once

#include "http/router.h"

namespace covalue::app {
class App;
}  // namespace covalue::app

namespace covalue::fhir {

// Adds the FHIR R4 API under /fhir/r4 to router, each route file with the services it serves;
// its errors are OperationOutcomes.
// Questionnaire: read (https://hl7.org/fhir/R4/http.html#read) and search of the guides.
void AddFhirRoutes(http::Router& router, app::App& app);

}  // namespace covalue::fhir
