#include "app/community/community.h"
#include "http/api/api_routes.h"
#include "http/json/json_body.h"

namespace covalue::http::api {

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
  router.Add({"GET", "/api/v1/sites/{id}", "Read one site", Access::kSignedIn,
              [&community](RouteContext& r) -> Result<Response> {
                COVALUE_ASSIGN_OR_RETURN(Id id, PathId(r, "id"));
                COVALUE_ASSIGN_OR_RETURN(Site site, community.GetSite(r.ctx, id));
                return Json(200, site);
              },
              0});
  router.Add({"PATCH", "/api/v1/sites/{id}", "Change a site's name or country (community admins)",
              Access::kSignedIn, [&community](RouteContext& r) -> Result<Response> {
                COVALUE_ASSIGN_OR_RETURN(Id id, PathId(r, "id"));
                COVALUE_ASSIGN_OR_RETURN(auto body, ParseJsonObject(r.request.body));
                ObjectReader reader(body);
                app::SiteChanges changes;
                COVALUE_ASSIGN_OR_RETURN(changes.name, reader.OptionalString("name"));
                COVALUE_ASSIGN_OR_RETURN(changes.country, reader.OptionalString("country"));
                COVALUE_RETURN_IF_ERROR(reader.Finish());
                COVALUE_ASSIGN_OR_RETURN(Site site, community.UpdateSite(r.ctx, id, changes));
                return Json(200, site);
              }});
}

}  // namespace covalue::http::api
