#include "domain/registry.h"

#include <algorithm>
#include <array>
#include <utility>

#include <fmt/format.h>

#include "domain/dates.h"
#include "domain/name_table.h"
#include "domain/validation.h"

namespace covalue {
namespace {

constexpr std::size_t kMaxFields = 100;

constexpr std::array<std::pair<Sex, std::string_view>, 4> kSexes = {{
    {Sex::kFemale, "female"},
    {Sex::kMale, "male"},
    {Sex::kOther, "other"},
    {Sex::kUnknown, "unknown"},
}};

constexpr std::array<std::pair<Consent, std::string_view>, 4> kConsents = {{
    {Consent::kPending, "pending"},
    {Consent::kConsented, "consented"},
    {Consent::kDeclined, "declined"},
    {Consent::kWithdrawn, "withdrawn"},
}};

constexpr std::array<std::pair<NoteKind, std::string_view>, 3> kNoteKinds = {{
    {NoteKind::kWhatMatters, "what_matters"},
    {NoteKind::kVisitQuestion, "visit_question"},
    {NoteKind::kVisitNote, "visit_note"},
}};

}  // namespace

std::string_view SexName(Sex sex) { return NameIn(kSexes, sex); }
std::optional<Sex> ParseSex(std::string_view name) { return ParseIn(kSexes, name); }
std::string_view ConsentName(Consent consent) { return NameIn(kConsents, consent); }
std::optional<Consent> ParseConsent(std::string_view name) { return ParseIn(kConsents, name); }
std::string_view NoteKindName(NoteKind kind) { return NameIn(kNoteKinds, kind); }
std::optional<NoteKind> ParseNoteKind(std::string_view name) { return ParseIn(kNoteKinds, name); }

Status ValidatePatient(const Patient& p, std::int64_t now_ms) {
  COVALUE_RETURN_IF_ERROR(ValidateText(p.identifier, "/identifier", 64));
  const auto birth = ParseDateMs(p.birth_date);
  if (!birth) {
    return Fail(ErrorCode::kInvalidArgument, "birth_date is a day written YYYY-MM-DD",
                "/birth_date");
  }
  if (*birth > now_ms) {
    return Fail(ErrorCode::kInvalidArgument, "birth_date is in the future", "/birth_date");
  }
  if (!p.diagnosis_date.empty()) {
    const auto diagnosis = ParseDateMs(p.diagnosis_date);
    if (!diagnosis || *diagnosis < *birth) {
      return Fail(ErrorCode::kInvalidArgument,
                  "diagnosis_date is a day written YYYY-MM-DD, not before birth_date",
                  "/diagnosis_date");
    }
  }
  if (p.fields.size() > kMaxFields) {
    return Fail(ErrorCode::kInvalidArgument,
                fmt::format("a patient has at most {} fields", kMaxFields), "/fields");
  }
  for (const auto& [name, value] : p.fields) {
    const bool named =
        !name.empty() && name.size() <= 64 && std::all_of(name.begin(), name.end(), [](char c) {
          return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
        });
    if (!named) {
      return Fail(ErrorCode::kInvalidArgument,
                  fmt::format("field name '{}' uses only a-z, 0-9 and '_' (64 at most)", name),
                  "/fields");
    }
    COVALUE_RETURN_IF_ERROR(ValidateText(value, "/fields/" + name, 1000));
  }
  return Ok();
}

}  // namespace covalue
