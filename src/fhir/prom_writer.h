#pragma once

#include <nlohmann/json.hpp>

#include "domain/questionnaire.h"

namespace covalue::fhir {

// The FHIR R4 Questionnaire of a questionnaire, as ReadQuestionnaire reads it back to the same
// model: answer options carry their ordinal value (ordinalValue extension), limits the
// minValue/maxValue extensions, a calculated item covalue's calculated extension, the scoring
// rule covalue's scoring extension.
nlohmann::json QuestionnaireJson(const Questionnaire& questionnaire);

inline constexpr const char* kCalculatedExtension = "urn:covalue:fhir:extension:calculated";

}  // namespace covalue::fhir
