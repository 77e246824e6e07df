#include "http/api/api_routes.h"

namespace covalue::http::api {

void AddAuditRoutes(Router& router, app::App& app) {
  router.Add({"GET", "/api/v1/audit", "Page through the audit trail (admins)", Access::kSignedIn,
              [&app](RouteContext& r) -> Result<Response> {
                COVALUE_ASSIGN_OR_RETURN(auto page, ReadPage(r.request));
                COVALUE_ASSIGN_OR_RETURN(auto records, app.ListAudit(r.ctx, page));
                return Json(200, PageJson(records));
              },
              0});
}

}  // namespace covalue::http::api
