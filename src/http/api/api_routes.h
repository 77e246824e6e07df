#pragma once

#include "app/app.h"
#include "http/json/serializers.h"
#include "http/metrics.h"
#include "http/router.h"

namespace covalue::http::api {

// Adds every route of the JSON API, health and metrics to router (one file per resource).
void AddApiRoutes(Router& router, app::App& app, const Metrics& metrics);

void AddAuthRoutes(Router& router, app::App& app);
void AddSiteRoutes(Router& router, app::App& app);
void AddPopulationRoutes(Router& router, app::App& app);
void AddTeamRoutes(Router& router, app::App& app);
void AddUserRoutes(Router& router, app::App& app);
void AddAuditRoutes(Router& router, app::App& app);
void AddGuideRoutes(Router& router, app::App& app);
void AddWorkbookRoutes(Router& router, app::App& app);
void AddSystemRoutes(Router& router, const Metrics& metrics);

// A JSON response of a value with a to_json mapping.
template <typename T>
Response Json(int status, const T& value) {
  return JsonResponse(
      status, nlohmann::json(value).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
}

}  // namespace covalue::http::api
