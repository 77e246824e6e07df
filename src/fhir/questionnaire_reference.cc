#include "fhir/questionnaire_reference.h"

#include <fmt/format.h>

#include "app/questionnaires/questionnaires.h"
#include "fhir/json_elements.h"
#include "fhir/prom_reader.h"
#include "fhir/search.h"

namespace covalue::fhir {

Result<QuestionnaireReference> ResolveQuestionnaire(app::Questionnaires& questionnaires,
                                                    const app::RequestContext& ctx,
                                                    const std::string& reference) {
  constexpr std::string_view kCanonical = "urn:covalue:fhir:questionnaire:";
  constexpr std::string_view kRelative = "Questionnaire/";
  constexpr std::string_view kHistory = "/_history/";
  std::string ref = reference;
  if (const std::size_t at = ref.find("/Questionnaire/"); at != std::string::npos) {
    ref = ref.substr(at + 1);
  }
  if (ref.starts_with(kCanonical)) {
    return QuestionnaireReference{ref.substr(kCanonical.size(), ref.find('|') - kCanonical.size()),
                                  std::nullopt};
  }
  if (ref.starts_with(kRelative)) {
    QuestionnaireReference named{ref.substr(kRelative.size()), std::nullopt};
    if (const std::size_t history = named.id.find(kHistory); history != std::string::npos) {
      COVALUE_ASSIGN_OR_RETURN(named.version,
                               WholeNumber(named.id.substr(history + kHistory.size()),
                                           "QuestionnaireResponse.questionnaire"));
      named.id.resize(history);
    }
    return named;
  }
  // A canonical URL: the questionnaire whose url it is.
  const std::string canonical = reference.substr(0, reference.find('|'));
  PageRequest page{0, 200};
  for (;;) {
    COVALUE_ASSIGN_OR_RETURN(auto stored, questionnaires.ListQuestionnaires(ctx, page));
    for (const QuestionnaireVersion& q : stored.items) {
      auto resource = ParseResource(q.resource);
      if (resource && resource->value("url", "") == canonical) {
        return QuestionnaireReference{q.resource_id, std::nullopt};
      }
    }
    if (!stored.next) {
      break;
    }
    page.after = *stored.next;
  }
  return Fail(Invalid("QuestionnaireResponse.questionnaire",
                      fmt::format("no questionnaire here is named '{}'", reference)));
}

}  // namespace covalue::fhir
