#include "domain/response_validation.h"

#include <algorithm>
#include <cctype>
#include <map>
#include <set>

#include <fmt/format.h>

#include "domain/scoring.h"

namespace covalue {
namespace {

using Kind = AnswerValue::Kind;

bool Digits(std::string_view text, std::size_t from, std::size_t count) {
  return text.size() >= from + count &&
         std::all_of(text.begin() + static_cast<std::ptrdiff_t>(from),
                     text.begin() + static_cast<std::ptrdiff_t>(from + count),
                     [](char c) { return std::isdigit(static_cast<unsigned char>(c)) != 0; });
}

// FHIR date: YYYY, YYYY-MM or YYYY-MM-DD.
bool IsDate(std::string_view t) {
  if (t.size() == 4) {
    return Digits(t, 0, 4);
  }
  if (t.size() == 7) {
    return Digits(t, 0, 4) && t[4] == '-' && Digits(t, 5, 2) && t.substr(5, 2) >= "01" &&
           t.substr(5, 2) <= "12";
  }
  return t.size() == 10 && IsDate(t.substr(0, 7)) && t[7] == '-' && Digits(t, 8, 2) &&
         t.substr(8, 2) >= "01" && t.substr(8, 2) <= "31";
}

// FHIR time: hh:mm:ss.
bool IsTime(std::string_view t) {
  return t.size() >= 8 && Digits(t, 0, 2) && t[2] == ':' && Digits(t, 3, 2) && t[5] == ':' &&
         Digits(t, 6, 2);
}

// FHIR dateTime: a date, or a date with a time and a zone.
bool IsDateTime(std::string_view t) {
  if (t.size() <= 10) {
    return IsDate(t);
  }
  return IsDate(t.substr(0, 10)) && t[10] == 'T' && IsTime(t.substr(11)) &&
         (t.back() == 'Z' || t.find_first_of("+-", 19) != std::string_view::npos);
}

// Whether an answer has the kind the item's type takes; "" when it does, else what it takes.
std::string TypeProblem(const QuestionnaireItem& item, const AnswerValue& a) {
  switch (item.type) {
    case ItemType::kBoolean:
      return a.kind == Kind::kBoolean ? "" : "a boolean";
    case ItemType::kDecimal:
      return a.kind == Kind::kDecimal || a.kind == Kind::kInteger ? "" : "a decimal";
    case ItemType::kInteger:
      return a.kind == Kind::kInteger ? "" : "an integer";
    case ItemType::kDate:
      return a.kind == Kind::kDate && IsDate(a.text) ? "" : "a date (YYYY-MM-DD)";
    case ItemType::kDateTime:
      return (a.kind == Kind::kDateTime && IsDateTime(a.text)) ||
                     (a.kind == Kind::kDate && IsDate(a.text))
                 ? ""
                 : "a dateTime";
    case ItemType::kTime:
      return a.kind == Kind::kTime && IsTime(a.text) ? "" : "a time (hh:mm:ss)";
    case ItemType::kString:
    case ItemType::kText:
    case ItemType::kUrl:
      return a.kind == Kind::kString ? "" : "a string";
    case ItemType::kChoice:
      return a.kind != Kind::kString || item.options.empty() ? "" : "one of its options";
    case ItemType::kOpenChoice:
      return "";
    default:
      return "no answer (it is not a question)";
  }
}

class Validator {
 public:
  Validator(const Questionnaire& q, const QuestionnaireResponse& r)
      : q_(q), r_(r), answers_(CollectAnswers(r)) {}

  std::vector<Issue> Run() {
    Walk(q_.items, "", true);
    bool warned = false;
    CheckResponseItems(r_.items, "", warned);
    return std::move(issues_);
  }

 private:
  void Error(const std::string& link_id, std::string message) {
    issues_.push_back({"error", link_id, std::move(message)});
  }

  // The questionnaire's side: enableWhen and required. A required item inside a group must
  // be answered when the group is (a group left out is reported once, as the group).
  void Walk(const std::vector<QuestionnaireItem>& items, const std::string& parent,
            bool parent_enabled, bool parent_present = true) {
    for (const QuestionnaireItem& item : items) {
      const bool enabled = parent_enabled && Enabled(item, answers_);
      const bool present = Answered(item);
      parent_of_[item.link_id] = parent;
      items_[item.link_id] = &item;
      if (enabled) {
        enabled_.insert(item.link_id);
      }
      if (enabled && parent_present && item.required && r_.status == "completed" && !present) {
        Error(item.link_id, item.type == ItemType::kGroup ? "this required group has no answers"
                                                          : "this required item has no answer");
      }
      Walk(item.items, item.link_id, enabled, present);
    }
  }

  bool Answered(const QuestionnaireItem& item) const {
    if (item.type == ItemType::kGroup) {
      return std::any_of(item.items.begin(), item.items.end(),
                         [&](const QuestionnaireItem& child) { return Answered(child); });
    }
    const auto found = answers_.find(item.link_id);
    return found != answers_.end() && !found->second.empty();
  }

  // The response's side: each item exists, its answers fit.
  void CheckResponseItems(const std::vector<ResponseItem>& items, const std::string& parent,
                          bool& warned) {
    for (const ResponseItem& given : items) {
      const auto found = items_.find(given.link_id);
      if (found == items_.end()) {
        Error(given.link_id, "not an item of the questionnaire");
        continue;
      }
      if (parent_of_[given.link_id] != parent && !warned) {
        warned = true;
        issues_.push_back({"warning", given.link_id,
                           "the response nests this item differently from the questionnaire"});
      }
      CheckAnswers(*found->second, given);
      CheckResponseItems(given.items, given.link_id, warned);
    }
  }

  void CheckAnswers(const QuestionnaireItem& item, const ResponseItem& given) {
    if (given.answers.empty()) {
      return;
    }
    if (item.type == ItemType::kGroup || item.type == ItemType::kDisplay) {
      Error(item.link_id, "a group or display item takes no answer");
      return;
    }
    if (!enabled_.contains(item.link_id)) {
      Error(item.link_id, "answered, but its enableWhen conditions switch it off");
    }
    if (!item.repeats && given.answers.size() > 1) {
      Error(item.link_id,
            fmt::format("{} answers to an item that does not repeat", given.answers.size()));
    }
    for (const AnswerValue& answer : given.answers) {
      if (const std::string problem = TypeProblem(item, answer); !problem.empty()) {
        Error(item.link_id, "the answer must be " + problem);
        continue;
      }
      CheckValue(item, answer);
    }
  }

  void CheckValue(const QuestionnaireItem& item, const AnswerValue& answer) {
    if ((item.type == ItemType::kChoice || item.type == ItemType::kOpenChoice) &&
        !item.options.empty() && answer.kind == Kind::kCoding) {
      const bool listed =
          std::any_of(item.options.begin(), item.options.end(),
                      [&](const AnswerOption& option) { return SameAnswer(option.value, answer); });
      if (!listed) {
        Error(item.link_id,
              fmt::format("'{}' is not one of the item's options", answer.coding.code));
      }
    }
    if (answer.kind == Kind::kInteger || answer.kind == Kind::kDecimal) {
      if (item.min_value && answer.number < *item.min_value) {
        Error(item.link_id,
              fmt::format("{} is below the minimum {}", answer.number, *item.min_value));
      }
      if (item.max_value && answer.number > *item.max_value) {
        Error(item.link_id,
              fmt::format("{} is above the maximum {}", answer.number, *item.max_value));
      }
    }
    // maxLength counts characters: UTF-8 bytes that do not continue one.
    const auto characters = std::count_if(answer.text.begin(), answer.text.end(), [](char c) {
      return (static_cast<unsigned char>(c) & 0xC0U) != 0x80U;
    });
    if (answer.kind == Kind::kString && item.max_length && characters > *item.max_length) {
      Error(item.link_id, fmt::format("the answer is longer than {} characters", *item.max_length));
    }
  }

  const Questionnaire& q_;
  const QuestionnaireResponse& r_;
  const AnswersByLinkId answers_;
  std::map<std::string, std::string> parent_of_;
  std::map<std::string, const QuestionnaireItem*> items_;
  std::set<std::string> enabled_;
  std::vector<Issue> issues_;
};

}  // namespace

std::vector<Issue> ValidateResponse(const Questionnaire& questionnaire,
                                    const QuestionnaireResponse& response) {
  return Validator(questionnaire, response).Run();
}

}  // namespace covalue
