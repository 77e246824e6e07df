#include <fmt/format.h>
#include <fmt/ranges.h>

#include "app/workbooks/workbooks.h"
#include "http/api/api_routes.h"
#include "report/export.h"

namespace covalue::http::api {

Result<std::string> ExportLanguage(const Request& request, const Guide& guide) {
  const std::string* lang = request.Query("lang");
  if (lang == nullptr) {
    return std::string("en");
  }
  for (const std::string& language : guide.Languages()) {
    if (language == *lang) {
      return language;
    }
  }
  return Fail(ErrorCode::kInvalidArgument,
              fmt::format("lang must be one of the guide's languages: {}",
                          fmt::join(guide.Languages(), ", ")),
              "lang");
}

Response Document(std::string content_type, std::string body, const std::string& filename) {
  Response response;
  response.content_type = std::move(content_type);
  response.body = std::move(body);
  // Inline styles and pictures carried in the document itself (a printed persona's portrait).
  response.SetHeader("Content-Security-Policy",
                     "default-src 'none'; style-src 'unsafe-inline'; img-src data:");
  response.SetHeader("X-Content-Type-Options", "nosniff");
  if (!filename.empty()) {
    response.SetHeader("Content-Disposition", "attachment; filename=\"" + filename + "\"");
  }
  return response;
}

void AddGuideRoutes(Router& router, app::Workbooks& workbooks) {
  router.Add({"GET", "/api/v1/guides/{id}/print",
              "The blank guide as a print-ready HTML document (lang)", Access::kSignedIn,
              [&workbooks](RouteContext& r) -> Result<Response> {
                COVALUE_ASSIGN_OR_RETURN(Guide guide, workbooks.GetGuide(r.ctx, r.params.at("id")));
                COVALUE_ASSIGN_OR_RETURN(std::string lang, ExportLanguage(r.request, guide));
                return Document("text/html; charset=utf-8", report::PrintHtml(guide, lang),
                                "");
              },
              0});
  router.Add({"GET", "/api/v1/guides", "List the self-assessment guides", Access::kSignedIn,
              [&workbooks](RouteContext& r) -> Result<Response> {
                COVALUE_ASSIGN_OR_RETURN(auto guides, workbooks.ListGuides(r.ctx));
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
              [&workbooks](RouteContext& r) -> Result<Response> {
                COVALUE_ASSIGN_OR_RETURN(Guide guide, workbooks.GetGuide(r.ctx, r.params.at("id")));
                return Json(200, guide);
              },
              0});
}

}  // namespace covalue::http::api
