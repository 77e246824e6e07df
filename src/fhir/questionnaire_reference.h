#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "app/kernel/context.h"
#include "domain/error.h"

namespace covalue::app {
class Questionnaires;
}  // namespace covalue::app

namespace covalue::fhir {

// A stored questionnaire as a QuestionnaireResponse names it: its resource id, and a version
// when the reference names one (absent: the latest).
struct QuestionnaireReference {
  std::string id;
  std::optional<std::int64_t> version;
};

// The questionnaire reference (QuestionnaireResponse.questionnaire) names:
// "Questionnaire/{id}[/_history/{n}]", an absolute URL of this server's, covalue's canonical
// (urn:covalue:fhir:questionnaire:{id}), or the url of a stored questionnaire the caller sees
// (looked up in questionnaires). kInvalidArgument naming QuestionnaireResponse.questionnaire
// when none is.
[[nodiscard]] Result<QuestionnaireReference> ResolveQuestionnaire(
    app::Questionnaires& questionnaires, const app::RequestContext& ctx,
    const std::string& reference);

}  // namespace covalue::fhir
