#pragma once

#include <nlohmann/json.hpp>

#include "app/alerts/alerts.h"
#include "domain/alert.h"
#include "http/router.h"

namespace covalue::fhir {

// Clinical alerts as FHIR R4 Flags (https://hl7.org/fhir/R4/flag.html): read, and search by
// patient (or subject) and status; without a patient, the open alerts of the caller's sites.
// Status is active until a professional acknowledges the alert, then inactive; category
// clinical; code the rule (urn:covalue:fhir:codesystem:alert-rule) with the message as its
// text; priority in the flag-priority extension; the response that raised it in covalue's
// alert-source extension. Same access as the patient's record.
void AddFlagRoutes(http::Router& router, app::Alerts& alerts);

nlohmann::json FlagJson(const Alert& alert);

}  // namespace covalue::fhir
