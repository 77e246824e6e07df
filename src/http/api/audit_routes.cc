#include "app/audit/audit.h"
#include "http/api/api_routes.h"

namespace covalue::http::api {

void AddAuditRoutes(Router& router, app::AuditTrail& audit) {
  router.Add({"GET", "/api/v1/audit", "Page through the audit trail (admins)", Access::kSignedIn,
              [&audit](RouteContext& r) -> Result<Response> {
                COVALUE_ASSIGN_OR_RETURN(auto page, ReadPage(r.request));
                COVALUE_ASSIGN_OR_RETURN(auto records, audit.List(r.ctx, page));
                return Json(200, PageJson(records));
              },
              0});
}

}  // namespace covalue::http::api
