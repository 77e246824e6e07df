#include "http/api/api_routes.h"

#include "app/app.h"

namespace covalue::http::api {

Response NoStore(Response response) {
  response.SetHeader("Cache-Control", "no-store");
  return response;
}

Response NoContent() {
  Response response;
  response.status = 204;
  response.content_type.clear();
  return response;
}

void AddApiRoutes(Router& router, app::App& app, const Metrics& metrics) {
  AddSystemRoutes(router, metrics);
  AddAuthRoutes(router, app.accounts());
  AddSiteRoutes(router, app.community());
  AddPopulationRoutes(router, app.community());
  AddTeamRoutes(router, app.community());
  AddUserRoutes(router, app.accounts());
  AddAuditRoutes(router, app.audit());
  AddGuideRoutes(router, app.workbooks());
  AddWorkbookRoutes(router, app.workbooks());
  AddRegistryRoutes(router, app.registry());
  AddMeasureRoutes(router, app.measures());
  AddAlertRoutes(router, app.alerts());
  AddScheduleRoutes(router, app.schedules());
  AddStudyRoutes(router, app.studies());
  AddResearchProjectRoutes(router, app.research_exports());
  AddCostRoutes(router, app.costs());
  AddStrataRoutes(router, app.strata());
  AddProcessMapRoutes(router, app.process_maps());
  AddPersonaRoutes(router, app.personas());
  AddWorkbookExportRoutes(router, app.workbook_exports());
}

}  // namespace covalue::http::api
