#pragma once

#include <nlohmann/json.hpp>

#include "domain/questionnaire.h"

namespace covalue::fhir {

// The FHIR R4 Questionnaire of a questionnaire, as ReadQuestionnaire reads it back to the same
// model: answer options carry their ordinal value (ordinalValue extension), limits the
// minValue/maxValue extensions, a calculated item covalue's calculated extension, the scoring
// rule covalue's scoring extension, a REDCap record-id field covalue's redcap-record-field
// extension.
nlohmann::json QuestionnaireJson(const Questionnaire& questionnaire);

inline constexpr const char* kCalculatedExtension = "urn:covalue:fhir:extension:calculated";
// A REDCap questionnaire's record-id field (Questionnaire::redcap_record_field), valueString.
inline constexpr const char* kRedcapRecordFieldExtension =
    "urn:covalue:fhir:extension:redcap-record-field";

}  // namespace covalue::fhir
