#include "fhir/questionnaire_format.h"

#include "fhir/prom_reader.h"
#include "fhir/prom_writer.h"

namespace covalue::fhir {

Result<ImportedQuestionnaire> FhirQuestionnaireFormat::Read(std::string_view text) const {
  COVALUE_ASSIGN_OR_RETURN(nlohmann::json resource, ParseResource(text));
  return ReadQuestionnaire(resource);
}

std::string FhirQuestionnaireFormat::Write(const Questionnaire& questionnaire) const {
  return QuestionnaireJson(questionnaire).dump(2);
}

Result<QuestionnaireResponse> FhirQuestionnaireFormat::ReadResponse(std::string_view text) const {
  COVALUE_ASSIGN_OR_RETURN(nlohmann::json resource, ParseResource(text));
  std::vector<Issue> warnings;
  return ReadQuestionnaireResponse(resource, warnings);
}

}  // namespace covalue::fhir
