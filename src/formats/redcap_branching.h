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
// A cell's text without its HTML tags (labels may hold HTML; covalue shows text), trimmed.
std::string StripTags(std::string_view html);

// The language tag a column heading names after a ':' ("Field Label:sv", "Field Label::sv");
// nullopt when it has no ':' or what follows is not a language tag.
std::optional<std::string> HeadingLanguage(std::string_view heading);

// One part of a choices cell: "code, label".
struct Choice {
  std::string code;
  std::string label;  // without HTML
};
// The parts of a choices cell ("1, Yes | 0, No"), blank parts skipped; nullopt when a part is
// not "code, label" (no comma or no code), with that part in bad.
std::optional<std::vector<Choice>> SplitChoices(std::string_view cell, std::string& bad);

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
