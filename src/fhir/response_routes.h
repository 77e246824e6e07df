#pragma once

#include <functional>
#include <string>

#include "app/kernel/context.h"
#include "http/router.h"

namespace covalue::app {
class Questionnaires;
class Registry;
}  // namespace covalue::app

namespace covalue::fhir {

// Submitting questionnaire responses: the FHIR create (POST /fhir/r4/QuestionnaireResponse) and
// its JSON twin (POST /api/v1/patients/{id}/responses), both taking a FHIR R4
// QuestionnaireResponse. Each answers the clinical alerts the answers raised with what the person
// is told to do now: the FHIR create as warning issues of an OperationOutcome contained in the
// 201's resource and referenced from it (extension kAlertsExtension), or alone with
// `Prefer: return=OperationOutcome`; the JSON route as `alerts` and `crisis_contacts` members.
// The questionnaire a response names is looked up in questionnaires
// (fhir/questionnaire_reference.h); one that is_guide names (a self-assessment guide, answered
// as a workbook, never as a response) is refused saying so.
using GuideTest = std::function<bool(const app::RequestContext&, const std::string& id)>;
void AddResponseRoutes(http::Router& router, app::Registry& registry,
                       app::Questionnaires& questionnaires, GuideTest is_guide);

// The extension on a created QuestionnaireResponse that references its contained
// OperationOutcome of alerts ("#alerts").
inline constexpr const char* kAlertsExtension = "urn:covalue:fhir:extension:alerts";

}  // namespace covalue::fhir
