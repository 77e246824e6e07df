#pragma once

#include "http/router.h"

namespace covalue::app {
class Registry;
}  // namespace covalue::app

namespace covalue::fhir {

// The registry at /fhir/r4: metadata (the CapabilityStatement), Patient (read, search,
// create), QuestionnaireResponse (read, search by patient, authored and questionnaire, create:
// validated, scored, stored with its Observations) and Observation (read, search by patient,
// date and code). Searches page with _count and _cursor; every read of a patient's data goes
// through the policy and the audit trail.
void AddRegistryRoutes(http::Router& router, app::Registry& registry);

}  // namespace covalue::fhir
