#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "domain/community.h"
#include "domain/error.h"

namespace covalue {

// FHIR's administrative gender.
enum class Sex { kFemale, kMale, kOther, kUnknown };
std::string_view SexName(Sex sex);
std::optional<Sex> ParseSex(std::string_view name);

// Whether the person agreed to be in the registry: "consented", "declined", "withdrawn" or
// "pending" (asked, no answer yet). Care goes on whatever it is; research extracts take only
// the consented.
enum class Consent { kPending, kConsented, kDeclined, kWithdrawn };
std::string_view ConsentName(Consent consent);
std::optional<Consent> ParseConsent(std::string_view name);

// A person enrolled in a site's population.
struct Patient {
  Id id = 0;
  Id site_id = 0;
  Id population_id = 0;
  std::string identifier;  // the site's own identifier, unique within the site
  // The person's names (FHIR Patient.name), when the site keeps them: identifiable, read only at
  // the site, never in the community's views. "" when not kept; 200 characters at most.
  std::string family;
  std::string given;
  std::string birth_date;  // YYYY-MM-DD
  Sex sex = Sex::kUnknown;
  std::string diagnosis_date;  // YYYY-MM-DD, "" when not known
  Consent consent = Consent::kPending;
  std::map<std::string, std::string> fields;  // the population's own variables
  std::optional<Id> user_id;                  // the person's own account, when they have one
  std::int64_t created_ms = 0;
};

// A stored QuestionnaireResponse: the FHIR JSON as received, and what it is about.
struct StoredResponse {
  Id id = 0;
  Id site_id = 0;
  Id patient_id = 0;
  std::string questionnaire_id;  // the questionnaire's resource id
  std::int64_t questionnaire_version = 0;
  std::string status;  // "completed" or "in-progress"
  std::int64_t authored_ms = 0;
  std::optional<Id> author_id;
  std::string resource;
  std::int64_t created_ms = 0;
};

// A patient's names: each "" or 1–200 characters of text; kInvalidArgument naming "/family" or
// "/given".
[[nodiscard]] Status ValidatePatientName(const std::string& family, const std::string& given);

// Text lower-cased as searches compare it: ASCII and the Latin-1 letters (À–Þ).
std::string FoldCase(std::string_view text);
// What a search of a site's patients matches against: the identifier and the names, folded,
// joined by spaces.
std::string SearchKey(const Patient& patient);

// A patient's identifier (1–64 characters), birth date (a day, not in the future), diagnosis
// date (a day not before birth, or ""), and fields (at most 100, named [a-z0-9_]{1,64}, values
// up to 1000 characters). kInvalidArgument naming the field ("/birth_date", "/fields/edss").
[[nodiscard]] Status ValidatePatient(const Patient& patient, std::int64_t now_ms);

// One measured or derived value about a patient at a time: a registry variable, or a score
// derived from a response (response_id names it).
struct Observation {
  Id id = 0;
  Id site_id = 0;
  Id population_id = 0;
  Id patient_id = 0;
  std::string system;
  std::string code;
  std::string display;
  std::int64_t effective_ms = 0;
  double value = 0;
  std::string unit;
  std::string interpretation;  // a score's severity band, "" when none
  std::optional<Id> response_id;
};

// An observation as the measure store's rescan reads it in bulk: its value, its UTC day (days
// since 1970-01-01: every period a measure is aggregated by is made of whole days) and the
// index of its series in the table beside it. Sixteen bytes, so ten million fit in 160 MB.
struct ObservationRecord {
  double value = 0;
  std::int32_t day = 0;
  std::uint32_t series = 0;
};

// What an ObservationRecord's series index stands for.
struct ObservationSeries {
  Id site_id = 0;
  Id population_id = 0;
  std::string system;
  std::string code;
};

// What a note on a patient's shared dashboard is: the patient's own words ("what matters to
// me", a question for the next visit) or the professional's note of a visit.
enum class NoteKind { kWhatMatters, kVisitQuestion, kVisitNote };
std::string_view NoteKindName(NoteKind kind);  // "what_matters", "visit_question", "visit_note"
std::optional<NoteKind> ParseNoteKind(std::string_view name);

// One note, never changed: a newer "what matters" note replaces the older on the dashboard.
struct PatientNote {
  Id id = 0;
  Id patient_id = 0;
  NoteKind kind = NoteKind::kWhatMatters;
  std::string text;
  std::optional<Id> author_id;
  std::string author_name;  // filled when read
  std::int64_t created_ms = 0;
};

// The code system of scores covalue derives: the code is the questionnaire's resource id for
// its total, "<id>/<subscale>" for a subscale.
inline constexpr const char* kScoreSystem = "urn:covalue:fhir:codesystem:score";

}  // namespace covalue
