#include "formats/redcap_branching.h"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <map>

#include "domain/translations.h"

namespace covalue::formats::redcap {
namespace {

bool IsChoice(const QuestionnaireItem& item) {
  return item.type == ItemType::kChoice || item.type == ItemType::kOpenChoice;
}

}  // namespace

std::string Trim(std::string_view s) {
  const auto begin = s.find_first_not_of(" \t\r\n");
  if (begin == std::string_view::npos) {
    return {};
  }
  return std::string(s.substr(begin, s.find_last_not_of(" \t\r\n") - begin + 1));
}

std::string Lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return s;
}

bool IsFieldName(std::string_view name) {
  return !name.empty() && name.front() >= 'a' && name.front() <= 'z' &&
         std::all_of(name.begin(), name.end(), [](char c) {
           return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
         });
}

std::optional<double> ParseNumber(std::string_view text) {
  double value = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (text.empty() || ec != std::errc() || end != text.data() + text.size()) {
    return std::nullopt;
  }
  return value;
}

AnswerValue CodeValue(const std::string& code) {
  AnswerValue value;
  value.kind = AnswerValue::Kind::kCoding;
  value.coding.code = code;
  return value;
}

std::string StripTags(std::string_view html) {
  std::string out;
  bool in_tag = false;
  for (char c : html) {
    if (c == '<') {
      in_tag = true;
    } else if (c == '>' && in_tag) {
      in_tag = false;
    } else if (!in_tag) {
      out += c;
    }
  }
  return Trim(out);
}

std::optional<std::string> HeadingLanguage(std::string_view heading) {
  const std::size_t colon = heading.find(':');
  if (colon == std::string_view::npos) {
    return std::nullopt;
  }
  std::string_view tag = heading.substr(colon + 1);
  if (!tag.empty() && tag.front() == ':') {
    tag.remove_prefix(1);
  }
  const std::string trimmed = Trim(tag);
  if (!IsLanguageTag(trimmed)) {
    return std::nullopt;
  }
  return trimmed;
}

std::optional<std::vector<Choice>> SplitChoices(std::string_view cell, std::string& bad) {
  std::vector<Choice> out;
  while (!cell.empty()) {
    const std::size_t bar = cell.find('|');
    const std::string part = Trim(cell.substr(0, bar));
    cell = bar == std::string_view::npos ? std::string_view() : cell.substr(bar + 1);
    if (part.empty()) {
      continue;
    }
    const std::size_t comma = part.find(',');
    std::string code = Trim(std::string_view(part).substr(0, comma));
    if (comma == std::string::npos || code.empty()) {
      bad = part;
      return std::nullopt;
    }
    out.push_back({std::move(code), StripTags(std::string_view(part).substr(comma + 1))});
  }
  return out;
}

std::optional<Branching> ParseBranching(std::string_view logic) {
  Branching out;
  std::optional<bool> joined_by_and;
  std::size_t i = 0;
  const auto skip = [&] {
    while (i < logic.size() && std::isspace(static_cast<unsigned char>(logic[i])) != 0) {
      ++i;
    }
  };
  while (true) {
    skip();
    Comparison comparison;
    if (i >= logic.size() || logic[i] != '[') {
      return std::nullopt;
    }
    const std::size_t close = logic.find(']', i);
    if (close == std::string_view::npos) {
      return std::nullopt;
    }
    std::string_view name = logic.substr(i + 1, close - i - 1);
    if (const std::size_t open = name.find('('); open != std::string_view::npos) {
      if (name.back() != ')') {
        return std::nullopt;
      }
      comparison.code = Trim(name.substr(open + 1, name.size() - open - 2));
      name = name.substr(0, open);
    }
    if (!IsFieldName(name)) {
      return std::nullopt;
    }
    comparison.field = std::string(name);
    i = close + 1;
    skip();
    for (std::string_view op : {"<>", "!=", ">=", "<=", "=", ">", "<"}) {
      if (logic.substr(i, op.size()) == op) {
        comparison.op = std::string(op);
        i += op.size();
        break;
      }
    }
    if (comparison.op.empty()) {
      return std::nullopt;
    }
    skip();
    if (i < logic.size() && (logic[i] == '\'' || logic[i] == '"')) {
      const std::size_t end = logic.find(logic[i], i + 1);
      if (end == std::string_view::npos) {
        return std::nullopt;
      }
      comparison.value = std::string(logic.substr(i + 1, end - i - 1));
      i = end + 1;
    } else {
      const std::size_t start = i;
      while (i < logic.size() && (std::isdigit(static_cast<unsigned char>(logic[i])) != 0 ||
                                  logic[i] == '.' || logic[i] == '-')) {
        ++i;
      }
      if (i == start) {
        return std::nullopt;
      }
      comparison.value = std::string(logic.substr(start, i - start));
    }
    out.comparisons.push_back(std::move(comparison));
    skip();
    if (i >= logic.size()) {
      break;
    }
    const std::string word = Lower(std::string(logic.substr(i, 4)));
    bool is_and = false;
    if (word.rfind("and", 0) == 0 && word.size() > 3 &&
        std::isspace(static_cast<unsigned char>(word[3])) != 0) {
      is_and = true;
      i += 3;
    } else if (word.rfind("or", 0) == 0 && word.size() > 2 &&
               std::isspace(static_cast<unsigned char>(word[2])) != 0) {
      i += 2;
    } else {
      return std::nullopt;
    }
    if (joined_by_and && *joined_by_and != is_and) {
      return std::nullopt;  // mixed and/or needs parentheses covalue does not read
    }
    joined_by_and = is_and;
  }
  out.all = joined_by_and.value_or(true);
  return out;
}

std::optional<EnableWhen> ConditionOf(const Comparison& c, const QuestionnaireItem& target) {
  EnableWhen when;
  when.question = c.field;
  const bool equal = c.op == "=";
  const bool not_equal = c.op == "<>" || c.op == "!=";
  if (!c.code.empty()) {  // a checkbox: [field(code)] = '1' is ticked, '0' is not
    if (!IsChoice(target) || (!equal && !not_equal) || (c.value != "1" && c.value != "0")) {
      return std::nullopt;
    }
    when.op = (equal == (c.value == "1")) ? EnableOperator::kEqual : EnableOperator::kNotEqual;
    when.answer = CodeValue(c.code);
    return when;
  }
  if (c.value.empty()) {
    if (!equal && !not_equal) {
      return std::nullopt;
    }
    when.op = EnableOperator::kExists;
    when.answer.kind = AnswerValue::Kind::kBoolean;
    when.answer.boolean = not_equal;
    return when;
  }
  static const std::map<std::string, EnableOperator> kOperators = {
      {"=", EnableOperator::kEqual},       {"<>", EnableOperator::kNotEqual},
      {"!=", EnableOperator::kNotEqual},   {">", EnableOperator::kGreater},
      {"<", EnableOperator::kLess},        {">=", EnableOperator::kGreaterOrEqual},
      {"<=", EnableOperator::kLessOrEqual}};
  when.op = kOperators.at(c.op);
  if (IsChoice(target)) {
    if (!equal && !not_equal) {
      return std::nullopt;
    }
    when.answer = CodeValue(c.value);
  } else if (target.type == ItemType::kInteger || target.type == ItemType::kDecimal) {
    const auto number = ParseNumber(c.value);
    if (!number) {
      return std::nullopt;
    }
    when.answer.kind = AnswerValue::Kind::kDecimal;
    when.answer.number = *number;
  } else if (target.type == ItemType::kDate || target.type == ItemType::kString ||
             target.type == ItemType::kText) {
    when.answer.kind =
        target.type == ItemType::kDate ? AnswerValue::Kind::kDate : AnswerValue::Kind::kString;
    when.answer.text = c.value;
  } else {
    return std::nullopt;
  }
  return when;
}

}  // namespace covalue::formats::redcap
