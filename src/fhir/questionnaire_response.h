#pragma once

#include <nlohmann/json.hpp>

#include "app/workbooks/workbooks.h"
#include "domain/guide.h"

namespace covalue::fhir {

// The FHIR R4 QuestionnaireResponse of a workbook
// (https://hl7.org/fhir/R4/questionnaireresponse.html): the latest revision of every answered
// question, nested as the guide nests them; text and one-line answers as valueString, choices
// as valueCoding, ratings as valueInteger, dates as valueDate. The subject is the team; the
// status is completed when every step is done. REQUIRES: view.text_visible.
nlohmann::json QuestionnaireResponseOf(const Guide& guide, const app::WorkbookView& view);

}  // namespace covalue::fhir
