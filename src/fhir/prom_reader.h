#pragma once

#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "domain/error.h"
#include "domain/questionnaire.h"

namespace covalue::fhir {

// Reads FHIR R4 Questionnaires and QuestionnaireResponses of patient-reported outcome measures
// into the domain model.
//
// Policy for what real files get wrong: the structure must hold (a resource of the right type,
// items as objects with a linkId, unique link ids, arrays where FHIR has arrays): anything else
// is an error naming the element's path ("item[3].answerOption[1]"). What covalue cannot
// interpret (an item type it does not know, an answer list it cannot resolve, a calculation,
// an enableWhen it cannot evaluate) becomes a read-only item and a warning. Known defects of
// other tools are read with a warning: a number written as a string, a response that nests
// its items differently from its questionnaire (scoring), a response without its
// questionnaire's reference. The resource itself is never rewritten.

// Parses text as a FHIR resource: a JSON object; malformed JSON is refused naming the line and
// column.
Result<nlohmann::json> ParseResource(std::string_view text);

// Reads a Questionnaire. Answer options score by the ordinalValue or itemWeight extension, on
// the option or its coding, or on the concepts of its answerValueSet: a contained ValueSet
// named "#id" or by canonical URL, or one of the answer lists covalue ships (LOINC LL358-3).
// The scoring rule is covalue's scoring extension where present, else the published rule of
// a known instrument (domain/instruments.h), else the sum of all scored items.
Result<ImportedQuestionnaire> ReadQuestionnaire(const nlohmann::json& resource);

// Reads a QuestionnaireResponse's items and answers (answers' nested items included).
Result<QuestionnaireResponse> ReadQuestionnaireResponse(const nlohmann::json& resource,
                                                        std::vector<Issue>& warnings);

// The extension that carries a scoring rule on a Questionnaire.
inline constexpr const char* kScoringExtension = "urn:covalue:fhir:extension:scoring";

// The extension that carries one clinical alert rule (domain/alert.h) on a Questionnaire,
// repeated per rule: code (valueCode), item (valueString; absent for the total score),
// comparator (valueCode gt|ge|eq|le|lt), threshold (valueDecimal), severity (valueCode
// high|medium|low), message (valueString). A questionnaire without any takes its instrument's
// published rules (domain/instruments.h PublishedAlerts).
inline constexpr const char* kAlertExtension = "urn:covalue:fhir:extension:alert";

}  // namespace covalue::fhir
