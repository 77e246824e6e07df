#pragma once

#include <string>
#include <vector>

#include "http/router.h"

namespace covalue::app {
class App;
}  // namespace covalue::app

namespace covalue::fhir {

// Adds the FHIR R4 API under /fhir/r4 to router, each route file with the services it serves,
// as one area (fhir_area.h): its errors are OperationOutcomes; pages of cors_origins may call it
// with bearer tokens.
void AddFhirRoutes(http::Router& router, app::App& app, std::vector<std::string> cors_origins = {});

}  // namespace covalue::fhir
