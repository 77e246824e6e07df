#pragma once

#include <vector>

#include "domain/questionnaire.h"

namespace covalue {

// Checks a response against its questionnaire and returns every problem, in document order,
// each naming the item by link id. Errors: an item the questionnaire lacks; an answer to a
// group or display item, or to an item enableWhen switches off; more than one answer to an
// item that does not repeat; an answer of the wrong type (integer, decimal, boolean, date
// YYYY[-MM[-DD]], dateTime, time, string, a coding for a choice), not among a choice's
// options, outside minValue/maxValue or longer than maxLength; and, when the response is
// completed, a required enabled item without an answer. A warning: the response nests an item
// under another parent than the questionnaire (its answers are still checked by link id).
std::vector<Issue> ValidateResponse(const Questionnaire& questionnaire,
                                    const QuestionnaireResponse& response);

}  // namespace covalue
