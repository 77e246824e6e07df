#include <charconv>

#include "app/strata/strata.h"
#include "http/api/api_routes.h"
#include "http/json/json_body.h"
#include "http/json/strata_json.h"

namespace covalue::http::api {
namespace {

// ?months= (1–120); 12 when absent.
Result<int> Months(const Request& request) {
  const std::string* text = request.Query("months");
  if (text == nullptr) return 12;
  int value = 0;
  const auto [end, ec] = std::from_chars(text->data(), text->data() + text->size(), value);
  if (ec != std::errc() || end != text->data() + text->size() || value < 1 || value > 120) {
    return Fail(ErrorCode::kInvalidArgument, "months is a whole number from 1 to 120", "months");
  }
  return value;
}

}  // namespace

void AddStrataRoutes(Router& router, app::Strata& strata) {
  router.Add({"GET", "/api/v1/populations/{id}/stratifications",
              "A population's stratifications (their rules)", Access::kSignedIn,
              [&strata](RouteContext& r) -> Result<Response> {
                COVALUE_ASSIGN_OR_RETURN(Id id, PathId(r, "id"));
                COVALUE_ASSIGN_OR_RETURN(auto list, strata.List(r.ctx, id));
                nlohmann::json items = nlohmann::json::array();
                for (const Stratification& s : list) items.push_back(StratificationJson(s));
                return Json(200, nlohmann::json{{"items", items}, {"next", nullptr}});
              },
              0});
  router.Add({"POST", "/api/v1/populations/{id}/stratifications",
              "Define strata of a population: named rules over the people's fields and latest "
              "observations, first match wins (the site's teams and admins)",
              Access::kSignedIn, [&strata](RouteContext& r) -> Result<Response> {
                COVALUE_ASSIGN_OR_RETURN(Id id, PathId(r, "id"));
                COVALUE_ASSIGN_OR_RETURN(Stratification draft,
                                         ReadBody(r.request.body, ReadStratification));
                COVALUE_ASSIGN_OR_RETURN(auto made, strata.Define(r.ctx, id, std::move(draft)));
                return Json(201, StratificationJson(made));
              }});
  router.Add({"GET", "/api/v1/stratifications/{id}", "One stratification's rules",
              Access::kSignedIn,
              [&strata](RouteContext& r) -> Result<Response> {
                COVALUE_ASSIGN_OR_RETURN(Id id, PathId(r, "id"));
                COVALUE_ASSIGN_OR_RETURN(auto s, strata.Get(r.ctx, id));
                return Json(200, StratificationJson(s));
              },
              0});
  router.Add({"PUT", "/api/v1/stratifications/{id}",
              "Replace a stratification's name, strata and scores", Access::kSignedIn,
              [&strata](RouteContext& r) -> Result<Response> {
                COVALUE_ASSIGN_OR_RETURN(Id id, PathId(r, "id"));
                COVALUE_ASSIGN_OR_RETURN(Stratification draft,
                                         ReadBody(r.request.body, ReadStratification));
                COVALUE_ASSIGN_OR_RETURN(auto changed, strata.Replace(r.ctx, id, std::move(draft)));
                return Json(200, StratificationJson(changed));
              }});
  router.Add({"GET", "/api/v1/stratifications/{id}/summary",
              "Each stratum's live numbers over the last months (12 by default): people, ages, "
              "sexes, utilisation and cost per person-year, score quartiles; small cells "
              "withheld for readers outside the site",
              Access::kSignedIn,
              [&strata](RouteContext& r) -> Result<Response> {
                COVALUE_ASSIGN_OR_RETURN(Id id, PathId(r, "id"));
                COVALUE_ASSIGN_OR_RETURN(int months, Months(r.request));
                COVALUE_ASSIGN_OR_RETURN(auto summary, strata.Summarize(r.ctx, id, months));
                return NoStore(Json(200, StratificationSummaryJson(summary)));
              },
              0});
}

}  // namespace covalue::http::api
