#pragma once

#include <string>
#include <string_view>

#include "domain/error.h"
#include "domain/questionnaire.h"

namespace covalue::app {

// How a questionnaire is written down in the store: FHIR R4 JSON. The fhir module reads and
// writes it (fhir/questionnaire_format.h); the program's entry point hands it to App, so
// the use cases keep questionnaires as text without knowing FHIR.
class QuestionnaireFormat {
 public:
  virtual ~QuestionnaireFormat() = default;
  [[nodiscard]] virtual Result<ImportedQuestionnaire> Read(std::string_view text) const = 0;
  [[nodiscard]] virtual std::string Write(const Questionnaire& questionnaire) const = 0;
  // A stored QuestionnaireResponse's answers.
  [[nodiscard]] virtual Result<QuestionnaireResponse> ReadResponse(std::string_view text) const = 0;
};

}  // namespace covalue::app
