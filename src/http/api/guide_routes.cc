#include "http/api/api_routes.h"

namespace covalue::http::api {

void AddGuideRoutes(Router& router, app::App& app) {
  router.Add({"GET", "/api/v1/guides", "List the self-assessment guides", Access::kSignedIn,
              [&app](RouteContext& r) -> Result<Response> {
                COVALUE_ASSIGN_OR_RETURN(auto guides, app.ListGuides(r.ctx));
                nlohmann::json items = nlohmann::json::array();
                for (const Guide& guide : guides) {
                  nlohmann::json summary = guide;
                  summary.erase("items");
                  items.push_back(summary);
                }
                return Json(200, nlohmann::json{{"items", items}, {"next", nullptr}});
              },
              0});
  router.Add({"GET", "/api/v1/guides/{id}", "Read a guide with its steps and questions",
              Access::kSignedIn,
              [&app](RouteContext& r) -> Result<Response> {
                COVALUE_ASSIGN_OR_RETURN(Guide guide, app.GetGuide(r.ctx, r.params.at("id")));
                return Json(200, guide);
              },
              0});
}

}  // namespace covalue::http::api
