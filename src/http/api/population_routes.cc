#include "app/community/community.h"
#include "http/api/api_routes.h"
#include "http/json/json_body.h"

namespace covalue::http::api {

void AddPopulationRoutes(Router& router, app::Community& community) {
  router.Add({"GET", "/api/v1/populations", "List populations, of all sites or one (site_id)",
              Access::kSignedIn,
              [&community](RouteContext& r) -> Result<Response> {
                COVALUE_ASSIGN_OR_RETURN(auto page, ReadPage(r.request));
                COVALUE_ASSIGN_OR_RETURN(auto site_id, QueryId(r.request, "site_id"));
                COVALUE_ASSIGN_OR_RETURN(auto populations,
                                         community.ListPopulations(r.ctx, page, site_id));
                return Json(200, PageJson(populations));
              },
              0});
  router.Add({"POST", "/api/v1/populations", "Add a population to a site (site admins)",
              Access::kSignedIn, [&community](RouteContext& r) -> Result<Response> {
                COVALUE_ASSIGN_OR_RETURN(auto body, ParseJsonObject(r.request.body));
                ObjectReader reader(body);
                Population population;
                COVALUE_ASSIGN_OR_RETURN(population.site_id, reader.RequiredInt("site_id"));
                COVALUE_ASSIGN_OR_RETURN(population.name, reader.RequiredString("name"));
                COVALUE_ASSIGN_OR_RETURN(auto names, reader.OptionalTranslations("names"));
                COVALUE_ASSIGN_OR_RETURN(auto description, reader.OptionalString("description"));
                COVALUE_ASSIGN_OR_RETURN(auto descriptions,
                                         reader.OptionalTranslations("descriptions"));
                COVALUE_RETURN_IF_ERROR(reader.Finish());
                population.names = names.value_or(Translations{});
                population.descriptions = descriptions.value_or(Translations{});
                population.description = description.value_or("");
                COVALUE_ASSIGN_OR_RETURN(Population created,
                                         community.CreatePopulation(r.ctx, population));
                return Json(201, created);
              }});
  router.Add({"GET", "/api/v1/populations/{id}", "Read one population", Access::kSignedIn,
              [&community](RouteContext& r) -> Result<Response> {
                COVALUE_ASSIGN_OR_RETURN(Id id, PathId(r, "id"));
                COVALUE_ASSIGN_OR_RETURN(Population population, community.GetPopulation(r.ctx, id));
                return Json(200, population);
              },
              0});
  router.Add({"PATCH", "/api/v1/populations/{id}", "Change a population (site admins)",
              Access::kSignedIn, [&community](RouteContext& r) -> Result<Response> {
                COVALUE_ASSIGN_OR_RETURN(Id id, PathId(r, "id"));
                COVALUE_ASSIGN_OR_RETURN(auto body, ParseJsonObject(r.request.body));
                ObjectReader reader(body);
                app::PopulationChanges changes;
                COVALUE_ASSIGN_OR_RETURN(changes.name, reader.OptionalString("name"));
                COVALUE_ASSIGN_OR_RETURN(changes.description, reader.OptionalString("description"));
                COVALUE_ASSIGN_OR_RETURN(changes.names, reader.OptionalTranslations("names"));
                COVALUE_ASSIGN_OR_RETURN(changes.descriptions,
                                         reader.OptionalTranslations("descriptions"));
                COVALUE_RETURN_IF_ERROR(reader.Finish());
                COVALUE_ASSIGN_OR_RETURN(Population population,
                                         community.UpdatePopulation(r.ctx, id, changes));
                return Json(200, population);
              }});
}

}  // namespace covalue::http::api
