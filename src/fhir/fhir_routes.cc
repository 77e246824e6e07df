#include "fhir/fhir_routes.h"

#include "fhir/fhir_json.h"
#include "fhir/flag_routes.h"
#include "fhir/measure_routes.h"
#include "fhir/operation_outcome.h"
#include "fhir/questionnaire.h"
#include "fhir/questionnaire_response.h"
#include "fhir/questionnaire_routes.h"
#include "fhir/registry_routes.h"
#include "fhir/response_routes.h"

namespace covalue::fhir {

void AddFhirRoutes(http::Router& router, app::App& app) {
  AddQuestionnaireRoutes(router, app);
  AddRegistryRoutes(router, app);
  AddResponseRoutes(router, app);
  AddFlagRoutes(router, app.alerts());
  AddMeasureRoutes(router, app.measures());
  router.Add({"GET", "/api/v1/workbooks/{id}/questionnaire-response",
              "A workbook as a FHIR R4 QuestionnaireResponse", http::Access::kSignedIn,
              [&app](http::RouteContext& r) -> Result<http::Response> {
                COVALUE_ASSIGN_OR_RETURN(Id id, http::PathId(r, "id"));
                COVALUE_ASSIGN_OR_RETURN(auto view, app.workbooks().GetWorkbook(r.ctx, id));
                if (!view.text_visible) {
                  return Fail(ErrorCode::kPermissionDenied,
                              "the team has not shared this workbook's answers", "id");
                }
                COVALUE_ASSIGN_OR_RETURN(Guide guide,
                                         app.workbooks().GetGuide(r.ctx, view.workbook.guide_id));
                return FhirJson(200, QuestionnaireResponseOf(guide, view));
              },
              0});
}

}  // namespace covalue::fhir
