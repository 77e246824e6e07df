#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/alert.h"
#include "domain/community.h"
#include "domain/translations.h"

namespace covalue {

// A patient-reported outcome questionnaire and its responses, as in HL7 FHIR R4 (the subset of
// Structured Data Capture that PROMs use). One internal model whatever the source: a FHIR
// Questionnaire, a REDCap data dictionary or instrument zip.

enum class ItemType {
  kGroup,
  kDisplay,
  kBoolean,
  kDecimal,
  kInteger,
  kDate,
  kDateTime,
  kTime,
  kString,
  kText,
  kUrl,
  kChoice,
  kOpenChoice,
  kAttachment,
  kReference,
  kQuantity,
};

std::string_view ItemTypeName(ItemType type);  // FHIR's code: "group", "open-choice" …
std::optional<ItemType> ParseItemType(std::string_view name);

struct Coding {
  std::string system;  // "" when the source names none
  std::string code;
  std::string display;

  bool operator==(const Coding&) const = default;
};

// One answer value: FHIR's answer[x] and answerOption.value[x] with the kinds PROMs use.
struct AnswerValue {
  enum class Kind { kBoolean, kDecimal, kInteger, kDate, kDateTime, kTime, kString, kCoding };
  Kind kind = Kind::kString;
  bool boolean = false;
  double number = 0;  // decimal and integer
  std::string text;   // date, dateTime, time and string as written
  Coding coding;

  bool operator==(const AnswerValue&) const = default;
};

// Whether two values are the same answer. Codings match on system and code; a coding without a
// system matches by code alone (FHIR: within the item's answer list).
bool SameAnswer(const AnswerValue& a, const AnswerValue& b);

struct AnswerOption {
  AnswerValue value;
  std::optional<double> score;  // the ordinalValue / itemWeight, where the source gives one
  Translations display_translations = {};  // a coding's display in other languages

  bool operator==(const AnswerOption&) const = default;
};

enum class EnableOperator {
  kExists,
  kEqual,
  kNotEqual,
  kGreater,
  kLess,
  kGreaterOrEqual,
  kLessOrEqual
};

struct EnableWhen {
  std::string question;  // link id
  EnableOperator op = EnableOperator::kEqual;
  AnswerValue answer;  // for kExists: a boolean

  bool operator==(const EnableWhen&) const = default;
};

struct QuestionnaireItem {
  std::string link_id;
  std::vector<Coding> codes;
  std::string prefix;
  std::string text;
  Translations text_translations =
      {};  // the text in other languages (FHIR's translation extension)
  ItemType type = ItemType::kString;
  bool required = false;
  bool repeats = false;
  bool read_only = false;
  bool calculated = false;  // its value is computed from others (a stored total, say)
  std::vector<AnswerOption> options;
  std::vector<EnableWhen> enable_when;
  bool enable_when_all = true;  // enableBehavior: all (default) or any
  std::optional<double> min_value;
  std::optional<double> max_value;
  std::optional<int> max_length;
  std::vector<QuestionnaireItem> items;

  bool operator==(const QuestionnaireItem&) const = default;
};

struct ScoreBand {
  double min = 0;
  double max = 0;  // inclusive
  std::string label;

  bool operator==(const ScoreBand&) const = default;
};

struct Subscale {
  std::string name;
  std::vector<std::string> link_ids;

  bool operator==(const Subscale&) const = default;
};

// How a questionnaire's answers become scores: the sum of the ordinal values of the listed
// items (all items whose options carry scores when the list is empty), severity bands of the
// total, subscales, and the item that holds a total computed elsewhere (compared, never used).
struct ScoringRule {
  std::string instrument;  // "PHQ-9" … when the rule is an instrument's published one
  std::vector<std::string> link_ids;
  std::vector<ScoreBand> bands;
  std::vector<Subscale> subscales;
  std::string total_link_id;

  bool operator==(const ScoringRule&) const = default;
};

struct Questionnaire {
  std::string id;
  std::string url;
  std::string version;
  std::string name;
  std::string title;
  std::string status = "active";
  std::vector<std::string> subject_types;  // whom it asks about ("Patient", "Practitioner"…)
  std::vector<Coding> codes;
  std::vector<QuestionnaireItem> items;
  std::optional<ScoringRule> scoring;
  // The REDCap project's record-id field (its dictionary's first field), never asked: the
  // column a REDCap data import names the record by. "" for questionnaires not from REDCap.
  std::string redcap_record_field;
  // Clinical alerts (domain/alert.h), part of how the answers are read: answers and scores a
  // person must see at once. A recognised instrument without rules of its own takes its
  // published ones (instruments.h).
  std::vector<AlertRule> alerts;

  // The item with link_id anywhere in the tree, or nullptr.
  const QuestionnaireItem* Find(std::string_view link_id) const;
  // Whether a patient answers it about themself: its subject types name Patient, or none.
  bool ForPatients() const;

  bool operator==(const Questionnaire&) const = default;
};

// A note on something an import or a scoring could not take as it was: "error" stops it,
// "warning" does not. location names the item ("item[2].item[0]" or a link id) or CSV line.
struct Issue {
  std::string severity;
  std::string location;
  std::string message;

  bool operator==(const Issue&) const = default;
};

// A questionnaire as read from a file or request, with what the reader could not take as it was.
struct ImportedQuestionnaire {
  Questionnaire questionnaire;
  std::vector<Issue> warnings;
};

// One stored version of a questionnaire. Importing a name again makes the next version of the
// same resource; nothing is overwritten.
struct QuestionnaireVersion {
  Id id = 0;
  std::string resource_id;  // the FHIR id, the same for every version
  std::int64_t version = 0;
  std::optional<Id> site_id;  // absent: the whole community's
  std::string name;
  std::string title;
  std::string source;            // "fhir", "redcap" or "shipped"
  std::string resource;          // the FHIR R4 Questionnaire JSON, as imported or written
  std::optional<Id> created_by;  // absent: the command line's operator
  std::int64_t created_ms = 0;
  // Its canonical: Questionnaire.url and Questionnaire.version ("" when it has none).
  std::string url;
  std::string url_version;
};

struct ResponseItem {
  std::string link_id;
  std::vector<AnswerValue> answers;
  std::vector<ResponseItem> items;
};

struct QuestionnaireResponse {
  std::string questionnaire;  // the canonical it names, "" when it names none
  std::string status;
  std::vector<ResponseItem> items;
};

}  // namespace covalue
