#include "fhir/workbook_resources.h"

#include "app/workbooks/workbooks.h"
#include "fhir/fhir_json.h"
#include "fhir/questionnaire.h"
#include "fhir/questionnaire_response.h"

namespace covalue::fhir {

Result<std::vector<GuideQuestionnaire>> GuideQuestionnaires(app::Workbooks& workbooks,
                                                            const app::RequestContext& ctx) {
  COVALUE_ASSIGN_OR_RETURN(auto guides, workbooks.ListGuides(ctx));
  std::vector<GuideQuestionnaire> out;
  out.reserve(guides.size());
  for (const Guide& guide : guides) {
    out.push_back({guide.id, guide.version, QuestionnaireOf(guide)});
  }
  return out;
}

std::optional<GuideQuestionnaire> FindGuideQuestionnaire(app::Workbooks& workbooks,
                                                         const app::RequestContext& ctx,
                                                         const std::string& id) {
  auto guide = workbooks.GetGuide(ctx, id);
  if (!guide) {
    return std::nullopt;
  }
  return GuideQuestionnaire{guide->id, guide->version, QuestionnaireOf(*guide)};
}

bool IsGuide(app::Workbooks& workbooks, const app::RequestContext& ctx, const std::string& id) {
  return workbooks.GetGuide(ctx, id).has_value();
}

void AddWorkbookRoutes(http::Router& router, app::Workbooks& workbooks) {
  router.Add({"GET", "/api/v1/workbooks/{id}/questionnaire-response",
              "A workbook as a FHIR R4 QuestionnaireResponse", http::Access::kSignedIn,
              [&workbooks](http::RouteContext& r) -> Result<http::Response> {
                COVALUE_ASSIGN_OR_RETURN(Id id, http::PathId(r, "id"));
                COVALUE_ASSIGN_OR_RETURN(auto view, workbooks.GetWorkbook(r.ctx, id));
                if (!view.text_visible) {
                  return Fail(ErrorCode::kPermissionDenied,
                              "the team has not shared this workbook's answers", "id");
                }
                COVALUE_ASSIGN_OR_RETURN(Guide guide,
                                         workbooks.GetGuide(r.ctx, view.workbook.guide_id));
                return FhirJson(200, QuestionnaireResponseOf(guide, view));
              },
              0});
}

}  // namespace covalue::fhir
