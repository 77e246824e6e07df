#include "fhir/fhir_routes.h"

#include "app/app.h"
#include "fhir/fhir_area.h"
#include "fhir/flag_routes.h"
#include "fhir/measure_routes.h"
#include "fhir/questionnaire_routes.h"
#include "fhir/registry_routes.h"
#include "fhir/response_routes.h"
#include "fhir/workbook_resources.h"

namespace covalue::fhir {

void AddFhirRoutes(http::Router& router, app::App& app, std::vector<std::string> cors_origins) {
  router.AddArea(FhirArea(std::move(cors_origins)));
  AddQuestionnaireRoutes(router, app.questionnaires(), app.workbooks());
  AddRegistryRoutes(router, app.registry());
  AddResponseRoutes(
      router, app.registry(), app.questionnaires(),
      [&workbooks = app.workbooks()](const app::RequestContext& ctx, const std::string& id) {
        return IsGuide(workbooks, ctx, id);
      });
  AddFlagRoutes(router, app.alerts());
  AddMeasureRoutes(router, app.measures());
  AddWorkbookRoutes(router, app.workbooks());
}

}  // namespace covalue::fhir
