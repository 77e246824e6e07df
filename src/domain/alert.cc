#include "domain/alert.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <functional>

#include <fmt/format.h>

#include "domain/name_table.h"
#include "domain/questionnaire.h"
#include "domain/scoring.h"
#include "domain/validation.h"

namespace covalue {
namespace {

constexpr std::array<std::pair<AlertSeverity, std::string_view>, 3> kSeverities = {{
    {AlertSeverity::kHigh, "high"},
    {AlertSeverity::kMedium, "medium"},
    {AlertSeverity::kLow, "low"},
}};

constexpr std::array<std::pair<AlertComparator, std::string_view>, 5> kComparators = {{
    {AlertComparator::kGreater, "gt"},
    {AlertComparator::kGreaterOrEqual, "ge"},
    {AlertComparator::kEqual, "eq"},
    {AlertComparator::kLessOrEqual, "le"},
    {AlertComparator::kLess, "lt"},
}};

bool Meets(AlertComparator comparator, double value, double threshold) {
  switch (comparator) {
    case AlertComparator::kGreater:
      return value > threshold;
    case AlertComparator::kGreaterOrEqual:
      return value >= threshold;
    case AlertComparator::kEqual:
      return value == threshold;
    case AlertComparator::kLessOrEqual:
      return value <= threshold;
    case AlertComparator::kLess:
      return value < threshold;
  }
  return false;
}

// The number an answer stands for in a rule, and how to say it; nullopt when it stands for none
// (free text, a coding without an ordinal value).
std::optional<std::pair<double, std::string>> NumberOf(const QuestionnaireItem& item,
                                                       const AnswerValue& answer) {
  switch (answer.kind) {
    case AnswerValue::Kind::kInteger:
    case AnswerValue::Kind::kDecimal:
      if (item.options.empty()) {
        return std::pair(answer.number, fmt::format("{}", answer.number));
      }
      break;
    case AnswerValue::Kind::kBoolean:
      return std::pair(answer.boolean ? 1.0 : 0.0, answer.boolean ? "yes" : "no");
    default:
      break;
  }
  for (const AnswerOption& option : item.options) {
    if (option.score && SameAnswer(option.value, answer)) {
      const Coding& coding = option.value.coding;
      std::string said = !answer.coding.display.empty() ? answer.coding.display
                         : !coding.display.empty()      ? coding.display
                         : !coding.code.empty()         ? coding.code
                                                        : option.value.text;
      return std::pair(*option.score, std::move(said));
    }
  }
  return std::nullopt;
}

// The link ids of the items switched on by the answers, parents included.
void EnabledItems(const std::vector<QuestionnaireItem>& items, const AnswersByLinkId& answers,
                  std::map<std::string, const QuestionnaireItem*>& out) {
  for (const QuestionnaireItem& item : items) {
    if (Enabled(item, answers)) {
      out.emplace(item.link_id, &item);
      EnabledItems(item.items, answers, out);
    }
  }
}

bool IsCode(std::string_view code) {
  return !code.empty() && code.size() <= 64 && std::all_of(code.begin(), code.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
  });
}

}  // namespace

std::string_view AlertSeverityName(AlertSeverity severity) {
  return NameIn(kSeverities, severity, "high");
}
std::optional<AlertSeverity> ParseAlertSeverity(std::string_view name) {
  return ParseIn(kSeverities, name);
}
std::string_view AlertComparatorName(AlertComparator comparator) {
  return NameIn(kComparators, comparator, "ge");
}
std::optional<AlertComparator> ParseAlertComparator(std::string_view name) {
  return ParseIn(kComparators, name);
}

Status ValidateAlertRules(const std::vector<AlertRule>& rules, const Questionnaire& questionnaire,
                          const std::string& field) {
  for (std::size_t i = 0; i < rules.size(); ++i) {
    const AlertRule& rule = rules[i];
    const std::string at = fmt::format("{}[{}]", field, i);
    if (!IsCode(rule.code)) {
      return Fail(ErrorCode::kInvalidArgument,
                  "an alert rule's code is 1–64 characters of a-z, 0-9 and '-'", at + ".code");
    }
    if (!rule.link_id.empty() && questionnaire.Find(rule.link_id) == nullptr) {
      return Fail(ErrorCode::kInvalidArgument,
                  fmt::format("alert rule '{}' names item '{}', which the questionnaire does not "
                              "have",
                              rule.code, rule.link_id),
                  at + ".item");
    }
    if (!std::isfinite(rule.threshold)) {
      return Fail(ErrorCode::kInvalidArgument, "an alert rule's threshold is a finite number",
                  at + ".threshold");
    }
    if (rule.message.empty() || rule.message.size() > 500) {
      return Fail(ErrorCode::kInvalidArgument, "an alert rule's message is 1–500 characters",
                  at + ".message");
    }
    for (std::size_t k = 0; k < i; ++k) {
      if (rules[k].code == rule.code) {
        return Fail(ErrorCode::kInvalidArgument,
                    fmt::format("two alert rules have the code '{}'", rule.code), at + ".code");
      }
    }
  }
  return Ok();
}

std::vector<RaisedAlert> EvaluateAlerts(const std::vector<AlertRule>& rules,
                                        const Questionnaire& questionnaire,
                                        const QuestionnaireResponse& response,
                                        std::optional<double> total) {
  const AnswersByLinkId answers = CollectAnswers(response);
  std::map<std::string, const QuestionnaireItem*> enabled;
  EnabledItems(questionnaire.items, answers, enabled);
  std::vector<RaisedAlert> raised;
  for (const AlertRule& rule : rules) {
    if (rule.link_id.empty()) {
      if (total && Meets(rule.comparator, *total, rule.threshold)) {
        raised.push_back(
            {rule.code, rule.severity, fmt::format("{} (total score {})", rule.message, *total)});
      }
      continue;
    }
    const auto item = enabled.find(rule.link_id);
    const auto given = answers.find(rule.link_id);
    if (item == enabled.end() || given == answers.end()) {
      continue;
    }
    for (const AnswerValue* answer : given->second) {
      const auto number = NumberOf(*item->second, *answer);
      if (number && Meets(rule.comparator, number->first, rule.threshold)) {
        raised.push_back({rule.code, rule.severity,
                          fmt::format("{} (answer: {})", rule.message, number->second)});
        break;  // one alert per rule and response
      }
    }
  }
  return raised;
}

const std::map<std::string, std::string>& DefaultCrisisContacts() {
  static const std::map<std::string, std::string> kContacts = {
      {"en",
       "If you are thinking of harming yourself, or you are in danger now, call your local "
       "emergency number (112 in Europe, 911 in North America) or go to the nearest emergency "
       "department. If you can, tell someone close to you and stay with them. Your care team "
       "has been told about your answer and will contact you."},
      {"sv",
       "Om du tänker på att skada dig själv, eller är i fara just nu, ring 112 eller åk till "
       "närmaste akutmottagning. Berätta gärna för någon som står dig nära och stanna hos dem. "
       "Ditt vårdteam har fått veta ditt svar och kommer att kontakta dig."},
  };
  return kContacts;
}

Status ValidateSiteSettings(const SiteSettings& settings) {
  for (const auto& [language, text] : settings.crisis_contacts) {
    const bool plain = language.size() == 2 || (language.size() == 5 && language[2] == '-');
    const bool letters =
        std::all_of(language.begin(), language.begin() + 2,
                    [](char c) { return c >= 'a' && c <= 'z'; }) &&
        (language.size() == 2 || std::all_of(language.begin() + 3, language.end(),
                                             [](char c) { return c >= 'A' && c <= 'Z'; }));
    if (!plain || !letters) {
      return Fail(ErrorCode::kInvalidArgument,
                  fmt::format("'{}' is not a language tag such as en or pt-BR", language),
                  "/crisis_contacts/" + language);
    }
    COVALUE_RETURN_IF_ERROR(ValidateText(text, "/crisis_contacts/" + language, 2000));
  }
  if (settings.alert_working_days < 1 || settings.alert_working_days > 30) {
    return Fail(ErrorCode::kInvalidArgument, "alert_working_days is from 1 to 30",
                "/alert_working_days");
  }
  return Ok();
}

std::int64_t AddWorkingDays(std::int64_t from_ms, int n) {
  constexpr std::int64_t kDay = 86'400'000;
  std::int64_t at = from_ms;
  for (int counted = 0; counted < n;) {
    at += kDay;
    // 1970-01-01 was a Thursday: day 0 → 4 (Monday = 1 … Sunday = 7).
    const std::int64_t days = at >= 0 ? at / kDay : (at - kDay + 1) / kDay;
    const std::int64_t weekday = ((days + 3) % 7 + 7) % 7 + 1;
    if (weekday <= 5) {
      ++counted;
    }
  }
  return at;
}

}  // namespace covalue
