#include <cmath>

#include "app/community/community.h"
#include "http/api/api_routes.h"
#include "http/json/json_body.h"
#include "http/json/value_json.h"

namespace covalue::http::api {
namespace {

// A site with its costing settings (app/costs/).
Result<nlohmann::json> SiteJson(app::Community& community, RouteContext& r, const Site& site) {
  nlohmann::json out = site;
  COVALUE_ASSIGN_OR_RETURN(SiteCosting costing, community.GetSiteCosting(r.ctx, site.id));
  out.update(SiteCostingJson(costing));
  return out;
}

}  // namespace

void AddSiteRoutes(Router& router, app::Community& community) {
  router.Add({"GET", "/api/v1/sites", "List the community's sites", Access::kSignedIn,
              [&community](RouteContext& r) -> Result<Response> {
                COVALUE_ASSIGN_OR_RETURN(auto page, ReadPage(r.request));
                COVALUE_ASSIGN_OR_RETURN(auto sites, community.ListSites(r.ctx, page));
                return Json(200, PageJson(sites));
              },
              0});
  router.Add(
      {"POST", "/api/v1/sites", "Add a site (community admins)", Access::kSignedIn,
       [&community](RouteContext& r) -> Result<Response> {
         COVALUE_ASSIGN_OR_RETURN(auto body, ParseJsonObject(r.request.body));
         ObjectReader reader(body);
         COVALUE_ASSIGN_OR_RETURN(std::string name, reader.RequiredString("name"));
         COVALUE_ASSIGN_OR_RETURN(std::string country, reader.RequiredString("country"));
         COVALUE_RETURN_IF_ERROR(reader.Finish());
         COVALUE_ASSIGN_OR_RETURN(Site site, community.CreateSite(r.ctx, Site{0, name, country}));
         return Json(201, site);
       }});
  router.Add({"GET", "/api/v1/sites/{id}",
              "Read one site, with its currency and value of a person's time per minute",
              Access::kSignedIn,
              [&community](RouteContext& r) -> Result<Response> {
                COVALUE_ASSIGN_OR_RETURN(Id id, PathId(r, "id"));
                COVALUE_ASSIGN_OR_RETURN(Site site, community.GetSite(r.ctx, id));
                COVALUE_ASSIGN_OR_RETURN(auto out, SiteJson(community, r, site));
                return Json(200, out);
              },
              0});
  // Name and country are the community admins'; currency and the value of a person's time the
  // site's admins' (checked before anything is written, so a refused part changes nothing).
  router.Add({"PATCH", "/api/v1/sites/{id}",
              "Change a site's name or country (community admins), its currency or value of a "
              "person's time per minute (site admins)",
              Access::kSignedIn, [&community](RouteContext& r) -> Result<Response> {
                COVALUE_ASSIGN_OR_RETURN(Id id, PathId(r, "id"));
                COVALUE_ASSIGN_OR_RETURN(auto body, ParseJsonObject(r.request.body));
                ObjectReader reader(body);
                app::SiteChanges changes;
                COVALUE_ASSIGN_OR_RETURN(changes.name, reader.OptionalString("name"));
                COVALUE_ASSIGN_OR_RETURN(changes.country, reader.OptionalString("country"));
                COVALUE_ASSIGN_OR_RETURN(auto currency, reader.OptionalString("currency"));
                COVALUE_ASSIGN_OR_RETURN(auto value,
                                         reader.OptionalNumber("person_time_value_per_minute"));
                COVALUE_RETURN_IF_ERROR(reader.Finish());
                if (currency) COVALUE_RETURN_IF_ERROR(ValidateCurrency(*currency, "/currency"));
                if (value && *value < 0) {
                  return Fail(ErrorCode::kInvalidArgument,
                              "the value of a person's time is a number ≥ 0",
                              "/person_time_value_per_minute");
                }
                COVALUE_ASSIGN_OR_RETURN(Site site, community.GetSite(r.ctx, id));
                if (changes.name || changes.country) {
                  COVALUE_ASSIGN_OR_RETURN(site, community.UpdateSite(r.ctx, id, changes));
                }
                if (currency || value) {
                  COVALUE_RETURN_IF_ERROR(community.SetSiteCosting(r.ctx, id, currency, value));
                }
                COVALUE_ASSIGN_OR_RETURN(auto out, SiteJson(community, r, site));
                return Json(200, out);
              }});
}

}  // namespace covalue::http::api
