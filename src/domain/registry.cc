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

Status ValidatePatientName(const std::string& family, const std::string& given) {
  if (!family.empty()) {
    COVALUE_RETURN_IF_ERROR(ValidateText(family, "/family", 200));
  }
  if (!given.empty()) {
    COVALUE_RETURN_IF_ERROR(ValidateText(given, "/given", 200));
  }
  return Ok();
}

std::string FoldCase(std::string_view text) {
  // Lower case for ASCII and the Latin-1 letters (À–Þ but ×), enough for the Nordic and western
  // European names the sites write; other letters are kept as they are.
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c >= 'A' && c <= 'Z') {
      out += static_cast<char>(c + 32);
    } else if (c == 0xC3 && i + 1 < text.size()) {
      const auto next = static_cast<unsigned char>(text[i + 1]);
      out += text[i];
      out += static_cast<char>(next >= 0x80 && next <= 0x9E && next != 0x97 ? next + 0x20 : next);
      ++i;
    } else {
      out += text[i];
    }
  }
  return out;
}

std::string SearchKey(const Patient& p) {
  return FoldCase(p.identifier + " " + p.family + " " + p.given);
}

Status ValidatePatient(const Patient& p, std::int64_t now_ms) {
  COVALUE_RETURN_IF_ERROR(ValidateText(p.identifier, "/identifier", 64));
  COVALUE_RETURN_IF_ERROR(ValidatePatientName(p.family, p.given));
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
