#pragma once

#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "app/kernel/context.h"
#include "domain/error.h"
#include "http/router.h"

namespace covalue::app {
class Workbooks;
}  // namespace covalue::app

namespace covalue::fhir {

// A self-assessment guide as a FHIR R4 Questionnaire (fhir/questionnaire.h), with its version.
struct GuideQuestionnaire {
  std::string id;
  std::string version;
  nlohmann::json resource;
};

// The guides as the caller reads them from workbooks, in the guides' order.
[[nodiscard]] Result<std::vector<GuideQuestionnaire>> GuideQuestionnaires(
    app::Workbooks& workbooks, const app::RequestContext& ctx);
// The guide id names, as the caller reads it; nullopt when no guide has that id.
[[nodiscard]] std::optional<GuideQuestionnaire> FindGuideQuestionnaire(
    app::Workbooks& workbooks, const app::RequestContext& ctx, const std::string& id);

// Whether id names a guide the caller reads.
[[nodiscard]] bool IsGuide(app::Workbooks& workbooks, const app::RequestContext& ctx,
                           const std::string& id);

// A workbook as a FHIR R4 QuestionnaireResponse of its guide
// (GET /api/v1/workbooks/{id}/questionnaire-response; fhir/questionnaire_response.h), when its
// team has shared its answers.
void AddWorkbookRoutes(http::Router& router, app::Workbooks& workbooks);

}  // namespace covalue::fhir
