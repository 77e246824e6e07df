#pragma once

#include <string_view>
#include <vector>

#include "app/questionnaires/questionnaires.h"

namespace covalue::fhir {

// Reads the questionnaires of a file, told apart by content: a FHIR R4 Questionnaire (JSON), a
// REDCap instrument zip, or a REDCap data dictionary (CSV; a UTF-8 byte-order mark allowed).
// Errors name the file's line and column (JSON), the CSV line, or the item's path.
Result<std::vector<app::QuestionnaireImport>> ReadQuestionnaireFile(std::string_view bytes);

}  // namespace covalue::fhir
