#pragma once

#include <nlohmann/json.hpp>

#include "domain/guide.h"

namespace covalue::fhir {

// The FHIR R4 Questionnaire of a guide (https://hl7.org/fhir/R4/questionnaire.html), in English
// with every other language as translation extensions
// (https://hl7.org/fhir/R4/languages.html#translation). Groups carry their introduction as a
// first display item; hints are display items with itemControl "help" (SDC); ratings are
// integers from 1 to 5 (minValue/maxValue extensions) coded with their value domain; linked
// artefacts are reference items marked with the linked-artefact extension; short-form questions
// name the step they summarise with the summarises extension.
nlohmann::json QuestionnaireOf(const Guide& guide);

// The canonical URL of a guide's Questionnaire.
std::string CanonicalOf(const Guide& guide);

}  // namespace covalue::fhir
