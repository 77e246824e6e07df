#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/questionnaire.h"

// What REDCap's data dictionary reader shares with its branching-logic reader: the text of
// REDCap's cells, and branching logic as enableWhen.
namespace covalue::formats::redcap {

std::string Trim(std::string_view s);
std::string Lower(std::string s);
// REDCap's field names: lower-case letters, digits and '_', starting with a letter.
bool IsFieldName(std::string_view name);
std::optional<double> ParseNumber(std::string_view text);
// A choice's code as an answer (no system: it matches by code within the item's options).
AnswerValue CodeValue(const std::string& code);

// One comparison of branching logic: [field] or [field(code)], an operator, a value.
struct Comparison {
  std::string field;
  std::string code;  // a checkbox's option
  std::string op;
  std::string value;
};

struct Branching {
  std::vector<Comparison> comparisons;
  bool all = true;
};

// Parses branching logic of comparisons joined by all "and" or all "or"; nullopt otherwise.
std::optional<Branching> ParseBranching(std::string_view logic);

// The enableWhen of one comparison against its target item; nullopt when it has none.
std::optional<EnableWhen> ConditionOf(const Comparison& c, const QuestionnaireItem& target);

}  // namespace covalue::formats::redcap
