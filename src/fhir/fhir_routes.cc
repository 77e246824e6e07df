#include "fhir/fhir_routes.h"

#include "fhir/operation_outcome.h"
#include "fhir/questionnaire.h"
#include "fhir/questionnaire_response.h"

namespace covalue::fhir {
namespace {

http::Response FhirJson(int status, const nlohmann::json& body) {
  http::Response response;
  response.status = status;
  response.content_type = kFhirJson;
  response.body = body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  return response;
}

// The absolute base of this server's FHIR API, from the request's Host.
std::string BaseUrl(const http::Request& request) {
  return std::string(request.tls ? "https://" : "http://") + request.Header("host") + "/fhir/r4";
}

// Questionnaire search: every guide, or those whose url, name or id matches (a searchset).
Result<http::Response> SearchQuestionnaires(app::App& app, http::RouteContext& r) {
  COVALUE_ASSIGN_OR_RETURN(auto guides, app.ListGuides(r.ctx));
  const std::string* id = r.request.Query("_id");
  const std::string* url = r.request.Query("url");
  nlohmann::json entries = nlohmann::json::array();
  for (const Guide& guide : guides) {
    if ((id != nullptr && *id != guide.id) || (url != nullptr && *url != CanonicalOf(guide))) {
      continue;
    }
    entries.push_back({{"fullUrl", BaseUrl(r.request) + "/Questionnaire/" + guide.id},
                       {"resource", QuestionnaireOf(guide)},
                       {"search", {{"mode", "match"}}}});
  }
  return FhirJson(200, {{"resourceType", "Bundle"},
                        {"type", "searchset"},
                        {"total", entries.size()},
                        {"entry", entries}});
}

}  // namespace

void AddFhirRoutes(http::Router& router, app::App& app) {
  auto outcome = [](const Error& e, const std::string& id) {
    return OperationOutcomeResponse(e, id);
  };
  router.Add({"GET", "/fhir/r4/Questionnaire/{id}", "FHIR R4 read of a guide's Questionnaire",
              http::Access::kSignedIn,
              [&app](http::RouteContext& r) -> Result<http::Response> {
                COVALUE_ASSIGN_OR_RETURN(Guide guide, app.GetGuide(r.ctx, r.params.at("id")));
                http::Response response = FhirJson(200, QuestionnaireOf(guide));
                response.SetHeader("ETag", "W/\"" + guide.version + "\"");
                return response;
              },
              0, outcome});
  router.Add({"GET", "/api/v1/workbooks/{id}/questionnaire-response",
              "A workbook as a FHIR R4 QuestionnaireResponse", http::Access::kSignedIn,
              [&app](http::RouteContext& r) -> Result<http::Response> {
                COVALUE_ASSIGN_OR_RETURN(Id id, http::PathId(r, "id"));
                COVALUE_ASSIGN_OR_RETURN(auto view, app.GetWorkbook(r.ctx, id));
                if (!view.text_visible) {
                  return Fail(ErrorCode::kPermissionDenied,
                              "the team has not shared this workbook's answers", "id");
                }
                COVALUE_ASSIGN_OR_RETURN(Guide guide, app.GetGuide(r.ctx, view.workbook.guide_id));
                return FhirJson(200, QuestionnaireResponseOf(guide, view));
              },
              0});
  router.Add({"GET", "/fhir/r4/Questionnaire", "FHIR R4 search of the guides' Questionnaires",
              http::Access::kSignedIn,
              [&app](http::RouteContext& r) { return SearchQuestionnaires(app, r); }, 0, outcome});
}

}  // namespace covalue::fhir
