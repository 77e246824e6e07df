#pragma once

#include "domain/guide.h"
#include "http/json/serializers.h"
#include "http/metrics.h"
#include "http/router.h"

namespace covalue::app {
class Accounts;
class Alerts;
class App;
class AuditTrail;
class Community;
class Costs;
class Measures;
class Personas;
class ProcessMaps;
class Registry;
class ResearchExports;
class Schedules;
class Strata;
class Studies;
class WorkbookExports;
class Workbooks;
struct ParticipantKey;
}  // namespace covalue::app

namespace covalue::http::api {

// Adds every route of the JSON API, health and metrics to router (one file per resource, each
// given the one service it serves).
void AddApiRoutes(Router& router, app::App& app, const Metrics& metrics);

void AddAuthRoutes(Router& router, app::Accounts& accounts);
void AddSiteRoutes(Router& router, app::Community& community);
void AddPopulationRoutes(Router& router, app::Community& community);
void AddTeamRoutes(Router& router, app::Community& community);
void AddUserRoutes(Router& router, app::Accounts& accounts);
void AddAuditRoutes(Router& router, app::AuditTrail& audit);
void AddGuideRoutes(Router& router, app::Workbooks& workbooks);
void AddWorkbookRoutes(Router& router, app::Workbooks& workbooks);
// A workbook's Markdown, print and XLSX with what its answers link to.
void AddWorkbookExportRoutes(Router& router, app::WorkbookExports& exports);
void AddRegistryRoutes(Router& router, app::Registry& registry);
void AddMeasureRoutes(Router& router, app::Measures& measures);
void AddAlertRoutes(Router& router, app::Alerts& alerts);
void AddScheduleRoutes(Router& router, app::Schedules& schedules);
void AddStudyRoutes(Router& router, app::Studies& studies);
// A study's pictures and files: XLSX, each sheet as CSV, the PDF report
// (study_export_routes.cc; AddStudyRoutes adds them).
void AddStudyExportRoutes(Router& router, app::Studies& studies);
// A Delphi's statistics and its core set (delphi_routes.cc; AddStudyRoutes adds them).
void AddDelphiRoutes(Router& router, app::Studies& studies);
// The participant a study participant's route names: an invitation's secret, or the account
// in study {id}.
using KeyOf = Result<app::ParticipantKey> (*)(const RouteContext&);
// A Delphi panelist's routes under prefix (delphi_routes.cc; AddStudyRoutes adds them).
void AddDelphiParticipation(Router& router, app::Studies& studies, const std::string& prefix,
                            Access access, KeyOf key, const std::string& who);
void AddResearchProjectRoutes(Router& router, app::ResearchExports& exports);
// Sites' unit costs and teams' resources (cost_routes.cc).
void AddCostRoutes(Router& router, app::Costs& costs);
void AddStrataRoutes(Router& router, app::Strata& strata);
void AddProcessMapRoutes(Router& router, app::ProcessMaps& maps);
void AddPersonaRoutes(Router& router, app::Personas& personas);
void AddSystemRoutes(Router& router, const Metrics& metrics);

// The ?lang= of an export: one of the guide's languages; Default: en. kInvalidArgument naming
// "lang" otherwise.
[[nodiscard]] Result<std::string> ExportLanguage(const Request& request, const Guide& guide);

// A document answer: its content type, and as an attachment when filename is not empty. Print
// documents carry a policy that lets them style themselves and nothing else.
Response Document(std::string content_type, std::string body, const std::string& filename);

// response, never to be stored by a cache (it holds what only its reader may see).
Response NoStore(Response response);

// 204 with no body.
Response NoContent();

// A JSON response of a value with a to_json mapping.
template <typename T>
Response Json(int status, const T& value) {
  return JsonResponse(
      status, nlohmann::json(value).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
}

}  // namespace covalue::http::api
