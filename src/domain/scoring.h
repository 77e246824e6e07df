#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "domain/error.h"
#include "domain/questionnaire.h"

namespace covalue {

// The scores of one response, always computed from its answers.
struct Scores {
  std::optional<double> total;  // absent when an item of the total has no answer
  std::optional<std::string> band;
  std::map<std::string, double> subscales;  // those whose items are all answered
  std::vector<Issue> issues;                // warnings; the scores above stand
};

// Scores a response against its questionnaire: each scored item's answer is found among the
// item's options (a coding without a system by code alone) and its ordinal value summed; items
// that enableWhen switches off count for nothing. A total over part of its items is never
// given: an unanswered item leaves the total (and its band) absent, with a warning. A stored
// total that disagrees with the answers is a warning; the computed total stands. A response
// nested differently from its questionnaire is scored by linkId, with a warning.
// kInvalidArgument when it cannot be scored at all: the questionnaire has no scored items, an
// answer is not one of its item's options or its option has no ordinal value, or a scored item
// is answered more than once.
Result<Scores> ScoreResponse(const Questionnaire& questionnaire,
                             const QuestionnaireResponse& response);

// The answers of a response by link id, wherever they are nested.
using AnswersByLinkId = std::map<std::string, std::vector<const AnswerValue*>>;
AnswersByLinkId CollectAnswers(const QuestionnaireResponse& response);

// Whether an item is enabled by its enableWhen conditions given the answers. An item without
// conditions is enabled; a condition on an unanswered question holds only for "exists false".
bool Enabled(const QuestionnaireItem& item, const AnswersByLinkId& answers);

}  // namespace covalue
