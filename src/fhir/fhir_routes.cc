#include "fhir/fhir_routes.h"

#include "app/app.h"
#include "fhir/flag_routes.h"
#include "fhir/measure_routes.h"
#include "fhir/questionnaire_routes.h"
#include "fhir/registry_routes.h"
#include "fhir/response_routes.h"
#include "fhir/workbook_resources.h"

namespace covalue::fhir {

void AddFhirRoutes(http::Router& router, app::App& app) {
  AddQuestionnaireRoutes(router, app.questionnaires(), app.workbooks());
  AddRegistryRoutes(router, app.registry());
  AddResponseRoutes(router, app.registry(), app.questionnaires());
  AddFlagRoutes(router, app.alerts());
  AddMeasureRoutes(router, app.measures());
  AddWorkbookRoutes(router, app.workbooks());
}

}  // namespace covalue::fhir
