#include <fmt/format.h>

#include "app/personas/personas.h"
#include "formats/picture.h"
#include "http/api/api_routes.h"
#include "http/json/json_body.h"
#include "http/json/strata_json.h"

namespace covalue::http::api {
namespace {

using json = nlohmann::json;

// A persona with its stratum's numbers (null without a stratum) and the workbook holding its
// texts (their revisions: /api/v1/workbooks/{workbook_id}/answers/…).
json PersonaJson(const app::PersonaView& v) {
  const Persona& p = v.persona;
  return {{"id", p.id},
          {"team_id", p.team_id},
          {"workbook_id", p.workbook_id},
          {"name", p.name},
          {"professional", p.professional},
          {"stratification_id", p.stratification_id ? json(*p.stratification_id) : json()},
          {"stratum", p.stratum},
          {"created_ms", p.created_ms},
          {"numbers", v.numbers ? StratumJson(*v.numbers) : json()},
          {"currency", v.currency},
          {"window", v.numbers ? json{{"from", v.window_from}, {"to", v.window_to}} : json()},
          {"picture", p.picture_width > 0
                          ? json{{"width", p.picture_width},
                                 {"height", p.picture_height},
                                 {"href", fmt::format("/api/v1/personas/{}/picture", p.id)}}
                          : json()}};
}

}  // namespace

void AddPersonaRoutes(Router& router, app::Personas& personas) {
  router.Add({"GET", "/api/v1/teams/{id}/personas",
              "A team's personas, each with its stratum's live numbers", Access::kSignedIn,
              [&personas](RouteContext& r) -> Result<Response> {
                COVALUE_ASSIGN_OR_RETURN(Id id, PathId(r, "id"));
                COVALUE_ASSIGN_OR_RETURN(auto list, personas.List(r.ctx, id));
                json items = json::array();
                for (const app::PersonaView& v : list) items.push_back(PersonaJson(v));
                return Json(200, json{{"items", items}, {"next", nullptr}});
              },
              0});
  router.Add({"POST", "/api/v1/teams/{id}/personas",
              "Draw a persona of a stratum (or of a professional): its texts are the answers of "
              "the workbook made with it",
              Access::kSignedIn, [&personas](RouteContext& r) -> Result<Response> {
                COVALUE_ASSIGN_OR_RETURN(Id id, PathId(r, "id"));
                COVALUE_ASSIGN_OR_RETURN(Persona draft, ReadBody(r.request.body, [](ObjectReader& b) -> Result<Persona> {
                  Persona p;
                  COVALUE_ASSIGN_OR_RETURN(p.name, b.RequiredString("name"));
                  COVALUE_ASSIGN_OR_RETURN(auto professional, b.OptionalBool("professional"));
                  p.professional = professional.value_or(false);
                  COVALUE_ASSIGN_OR_RETURN(p.stratification_id, b.OptionalInt("stratification_id"));
                  COVALUE_ASSIGN_OR_RETURN(auto stratum, b.OptionalString("stratum"));
                  p.stratum = stratum.value_or("");
                  return p;
                }));
                COVALUE_ASSIGN_OR_RETURN(auto made, personas.Create(r.ctx, id, std::move(draft)));
                return Json(201, PersonaJson(made));
              }});
  router.Add({"GET", "/api/v1/personas/{id}", "A persona with its stratum's live numbers",
              Access::kSignedIn,
              [&personas](RouteContext& r) -> Result<Response> {
                COVALUE_ASSIGN_OR_RETURN(Id id, PathId(r, "id"));
                COVALUE_ASSIGN_OR_RETURN(auto view, personas.Get(r.ctx, id));
                return Json(200, PersonaJson(view));
              },
              0});
  Route upload{"PUT", "/api/v1/personas/{id}/picture",
               "Set a persona's picture (PNG or JPEG up to 2 MiB, written again as a PNG)",
               Access::kSignedIn,
               [&personas](RouteContext& r) -> Result<Response> {
                 COVALUE_ASSIGN_OR_RETURN(Id id, PathId(r, "id"));
                 COVALUE_ASSIGN_OR_RETURN(auto view, personas.SetPicture(r.ctx, id, r.request.body));
                 return Json(200, PersonaJson(view));
               },
               formats::kMaxPictureBytes};
  upload.body_types = {"image/png", "image/jpeg"};
  router.Add(std::move(upload));
  router.Add({"GET", "/api/v1/personas/{id}/picture", "A persona's picture (PNG)",
              Access::kSignedIn,
              [&personas](RouteContext& r) -> Result<Response> {
                COVALUE_ASSIGN_OR_RETURN(Id id, PathId(r, "id"));
                COVALUE_ASSIGN_OR_RETURN(std::string png, personas.Picture(r.ctx, id));
                return NoStore(Document("image/png", std::move(png), ""));
              },
              0});
  router.Add({"DELETE", "/api/v1/personas/{id}/picture", "Remove a persona's picture",
              Access::kSignedIn,
              [&personas](RouteContext& r) -> Result<Response> {
                COVALUE_ASSIGN_OR_RETURN(Id id, PathId(r, "id"));
                COVALUE_RETURN_IF_ERROR(personas.DeletePicture(r.ctx, id));
                return NoContent();
              },
              0});
}

}  // namespace covalue::http::api
