#include "fhir/questionnaire_reference.h"

#include <fmt/format.h>

#include "app/questionnaires/questionnaires.h"
#include "fhir/json_elements.h"
#include "fhir/prom_reader.h"
#include "fhir/search.h"

namespace covalue::fhir {

namespace {

constexpr std::string_view kRelative = "Questionnaire/";
constexpr std::string_view kHistory = "/_history/";

// "Questionnaire/{id}[/_history/{n}]".
Result<QuestionnaireReference> Relative(const std::string& ref) {
  QuestionnaireReference named{ref.substr(kRelative.size()), std::nullopt};
  if (const std::size_t history = named.id.find(kHistory); history != std::string::npos) {
    COVALUE_ASSIGN_OR_RETURN(named.version, WholeNumber(named.id.substr(history + kHistory.size()),
                                                        "QuestionnaireResponse.questionnaire"));
    named.id.resize(history);
  }
  return named;
}

}  // namespace

Result<QuestionnaireReference> ResolveQuestionnaire(app::Questionnaires& questionnaires,
                                                    const app::RequestContext& ctx,
                                                    const std::string& reference) {
  if (reference.starts_with(kRelative)) {
    return Relative(reference);
  }
  if (reference.starts_with(app::kCanonicalPrefix)) {
    const std::string id = reference.substr(app::kCanonicalPrefix.size());
    return QuestionnaireReference{id.substr(0, id.find('|')), std::nullopt};
  }
  // A canonical ("url" or "url|version"): the newest questionnaire the caller sees with that url
  // (and version), found by the store's index; with a version, that very version.
  auto found = questionnaires.FindByCanonical(ctx, reference);
  if (found) {
    return QuestionnaireReference{found->resource_id, reference.find('|') == std::string::npos
                                                          ? std::nullopt
                                                          : std::optional(found->version)};
  }
  if (found.error().code != ErrorCode::kNotFound) {
    return Fail(found.error());
  }
  // A literal URL of a Questionnaire on this server ("https://host/fhir/r4/Questionnaire/x").
  if (const std::size_t at = reference.find("/fhir/r4/Questionnaire/"); at != std::string::npos) {
    return Relative(reference.substr(at + std::string_view("/fhir/r4/").size()));
  }
  return Fail(Invalid("QuestionnaireResponse.questionnaire",
                      fmt::format("no questionnaire here is named '{}'", reference)));
}

}  // namespace covalue::fhir
