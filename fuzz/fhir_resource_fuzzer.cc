// FHIR resources a client posts or an administrator imports: Questionnaire,
// QuestionnaireResponse and the questionnaire files (a resource or a Bundle of them).
#include <vector>

#include "fhir/prom_reader.h"
#include "fhir/questionnaire_file.h"
#include "fuzz/check.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using covalue::fuzz::RequireMessage;
  const auto text = covalue::fuzz::Text(data, size);
  RequireMessage(covalue::fhir::ReadQuestionnaireFile(text), "ReadQuestionnaireFile");
  auto resource = covalue::fhir::ParseResource(text);
  RequireMessage(resource, "ParseResource");
  if (resource) {
    RequireMessage(covalue::fhir::ReadQuestionnaire(*resource), "ReadQuestionnaire");
    std::vector<covalue::Issue> warnings;
    RequireMessage(covalue::fhir::ReadQuestionnaireResponse(*resource, warnings),
                   "ReadQuestionnaireResponse");
  }
  return 0;
}
