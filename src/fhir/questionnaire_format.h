#pragma once

#include "app/questionnaires/questionnaires.h"

namespace covalue::fhir {

// Questionnaires kept as FHIR R4 JSON (fhir/prom_reader.h, fhir/prom_writer.h).
class FhirQuestionnaireFormat final : public app::QuestionnaireFormat {
 public:
  [[nodiscard]] Result<ImportedQuestionnaire> Read(std::string_view text) const override;
  [[nodiscard]] std::string Write(const Questionnaire& questionnaire) const override;
  [[nodiscard]] Result<QuestionnaireResponse> ReadResponse(std::string_view text) const override;
};

}  // namespace covalue::fhir
