#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/community.h"
#include "domain/error.h"

namespace covalue {

struct Questionnaire;
struct QuestionnaireResponse;

// How urgently a person must look at an alert (FHIR's flag-priority codes PH, PM, PL).
enum class AlertSeverity { kHigh, kMedium, kLow };
std::string_view AlertSeverityName(AlertSeverity severity);  // "high", "medium", "low"
std::optional<AlertSeverity> ParseAlertSeverity(std::string_view name);

enum class AlertComparator { kGreater, kGreaterOrEqual, kEqual, kLessOrEqual, kLess };
std::string_view AlertComparatorName(AlertComparator comparator);  // "gt", "ge", "eq", "le", "lt"
std::optional<AlertComparator> ParseAlertComparator(std::string_view name);

// A clinical alert rule, part of a questionnaire's scoring: when an item's answer (its ordinal
// value; an integer or decimal item its number; a boolean item 1 for yes, 0 for no) or, with no
// item, the total score compares with the threshold, a response raises an alert of this
// severity with this message. Shipped for PHQ-9 (instruments.h); any questionnaire carries its
// own in covalue's alert extension (fhir/prom_reader.h).
struct AlertRule {
  std::string code;     // names the rule, "phq9-item9" ([a-z0-9-], 1–64); a Flag's code
  std::string link_id;  // the item whose answer is compared; "" for the total score
  AlertComparator comparator = AlertComparator::kGreaterOrEqual;
  double threshold = 0;
  AlertSeverity severity = AlertSeverity::kHigh;
  std::string message;  // for the patient and their professionals alike, 1–500 characters

  bool operator==(const AlertRule&) const = default;
};

// kInvalidArgument naming the rule by field ("<field>.code" …) when a rule is malformed or names
// an item the questionnaire lacks.
[[nodiscard]] Status ValidateAlertRules(const std::vector<AlertRule>& rules,
                                        const Questionnaire& questionnaire,
                                        const std::string& field);

// An alert a response raises: its rule, and the message with what was answered.
struct RaisedAlert {
  std::string rule;
  AlertSeverity severity = AlertSeverity::kHigh;
  std::string message;
};

// The alerts a response raises under rules: item rules by every enabled answer of their item (in
// progress or completed: an answer about self-harm is seen however far the person got), the
// total's rules when total is given.
std::vector<RaisedAlert> EvaluateAlerts(const std::vector<AlertRule>& rules,
                                        const Questionnaire& questionnaire,
                                        const QuestionnaireResponse& response,
                                        std::optional<double> total);

// A raised alert as stored with its response: open until one of the site's professionals
// acknowledges it with a note. Alerts never leave their site.
struct Alert {
  Id id = 0;
  Id site_id = 0;
  Id patient_id = 0;
  std::string patient_identifier;  // the site's own identifier of the patient; filled when read
  Id response_id = 0;
  std::string questionnaire_id;
  std::string rule;
  AlertSeverity severity = AlertSeverity::kHigh;
  std::string message;
  std::int64_t created_ms = 0;
  std::optional<std::int64_t> acknowledged_ms;
  std::optional<Id> acknowledged_by;
  std::string acknowledged_by_name;  // filled when read
  std::string note;                  // the acknowledging professional's

  bool Open() const { return !acknowledged_ms.has_value(); }
};

// A site's own words for a person in crisis, by language ("en", "sv", …), and how long an alert
// may stay open before the site's admins see it as overdue.
struct SiteSettings {
  Id site_id = 0;
  std::map<std::string, std::string> crisis_contacts;  // empty: the default
  int alert_working_days = 2;
};

// What a person is told to do now when an answer raises an alert, where the site has not said:
// emergency services, in English and Swedish.
const std::map<std::string, std::string>& DefaultCrisisContacts();

// kInvalidArgument naming the field: languages as "en" or "pt-BR", texts of 1–2000 characters,
// 1–30 working days.
[[nodiscard]] Status ValidateSiteSettings(const SiteSettings& settings);

// The instant n working days (Monday to Friday, UTC) after from_ms: when an alert raised at
// from_ms is overdue.
std::int64_t AddWorkingDays(std::int64_t from_ms, int n);

}  // namespace covalue
