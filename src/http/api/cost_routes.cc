#include "app/costs/costs.h"
#include "formats/unit_cost_csv.h"
#include "http/api/api_routes.h"
#include "http/json/json_body.h"
#include "http/json/value_json.h"

namespace covalue::http::api {
namespace {

constexpr std::size_t kMaxUnitCostFile = 8 << 20;

Response ResourceList(const std::vector<Resource>& resources) {
  nlohmann::json items = nlohmann::json::array();
  for (const Resource& r : resources) items.push_back(ResourceJson(r));
  return Json(200, nlohmann::json{{"items", items}, {"next", nullptr}});
}

}  // namespace

void AddCostRoutes(Router& router, app::Costs& costs) {
  router.Add({"GET", "/api/v1/sites/{id}/unit-costs",
              "A site's unit-cost table (code, cost per unit, currency, valid from)",
              Access::kSignedIn,
              [&costs](RouteContext& r) -> Result<Response> {
                COVALUE_ASSIGN_OR_RETURN(Id id, PathId(r, "id"));
                COVALUE_ASSIGN_OR_RETURN(auto rows, costs.UnitCosts(r.ctx, id));
                return Json(200, UnitCostsJson(id, rows));
              },
              0});
  Route replace{"PUT", "/api/v1/sites/{id}/unit-costs",
                "Replace a site's unit-cost table with a CSV file (code,unit_cost,currency,"
                "valid_from), all or nothing (site admins)",
                Access::kSignedIn,
                [&costs](RouteContext& r) -> Result<Response> {
                  COVALUE_ASSIGN_OR_RETURN(Id id, PathId(r, "id"));
                  COVALUE_ASSIGN_OR_RETURN(auto rows, formats::ReadUnitCostCsv(r.request.body));
                  COVALUE_ASSIGN_OR_RETURN(auto stored,
                                           costs.ReplaceUnitCosts(r.ctx, id, std::move(rows)));
                  return Json(200, UnitCostsJson(id, stored));
                },
                kMaxUnitCostFile};
  replace.body_types = {"text/csv"};
  router.Add(std::move(replace));

  router.Add({"GET", "/api/v1/teams/{id}/resources",
              "A team's resources with their capacity cost rates per minute", Access::kSignedIn,
              [&costs](RouteContext& r) -> Result<Response> {
                COVALUE_ASSIGN_OR_RETURN(Id id, PathId(r, "id"));
                COVALUE_ASSIGN_OR_RETURN(auto resources, costs.ListResources(r.ctx, id));
                return ResourceList(resources);
              },
              0});
  router.Add({"POST", "/api/v1/teams/{id}/resources",
              "Add a resource to a team: a rate per minute, or an annual cost and practical "
              "capacity in minutes",
              Access::kSignedIn, [&costs](RouteContext& r) -> Result<Response> {
                COVALUE_ASSIGN_OR_RETURN(Id id, PathId(r, "id"));
                COVALUE_ASSIGN_OR_RETURN(Resource resource, ReadBody(r.request.body, ReadResource));
                COVALUE_ASSIGN_OR_RETURN(Resource made,
                                         costs.CreateResource(r.ctx, id, std::move(resource)));
                return Json(201, ResourceJson(made));
              }});
  router.Add({"PUT", "/api/v1/resources/{id}", "Change a resource's name, kind or rate",
              Access::kSignedIn, [&costs](RouteContext& r) -> Result<Response> {
                COVALUE_ASSIGN_OR_RETURN(Id id, PathId(r, "id"));
                COVALUE_ASSIGN_OR_RETURN(Resource resource, ReadBody(r.request.body, ReadResource));
                COVALUE_ASSIGN_OR_RETURN(Resource changed,
                                         costs.UpdateResource(r.ctx, id, std::move(resource)));
                return Json(200, ResourceJson(changed));
              }});
  router.Add({"DELETE", "/api/v1/resources/{id}",
              "Remove a resource (maps that name it cost it at 0)", Access::kSignedIn,
              [&costs](RouteContext& r) -> Result<Response> {
                COVALUE_ASSIGN_OR_RETURN(Id id, PathId(r, "id"));
                COVALUE_RETURN_IF_ERROR(costs.DeleteResource(r.ctx, id));
                return NoContent();
              },
              0});
}

}  // namespace covalue::http::api
