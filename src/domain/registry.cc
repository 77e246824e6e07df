#include "domain/registry.h"

#include <array>
#include <utility>

namespace covalue {
namespace {

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

template <typename T, std::size_t N>
std::string_view NameIn(const std::array<std::pair<T, std::string_view>, N>& names, T value) {
  for (const auto& [v, name] : names) {
    if (v == value) {
      return name;
    }
  }
  return names.front().second;
}

template <typename T, std::size_t N>
std::optional<T> ParseIn(const std::array<std::pair<T, std::string_view>, N>& names,
                         std::string_view text) {
  for (const auto& [v, name] : names) {
    if (name == text) {
      return v;
    }
  }
  return std::nullopt;
}

}  // namespace

std::string_view SexName(Sex sex) { return NameIn(kSexes, sex); }
std::optional<Sex> ParseSex(std::string_view name) { return ParseIn(kSexes, name); }
std::string_view ConsentName(Consent consent) { return NameIn(kConsents, consent); }
std::optional<Consent> ParseConsent(std::string_view name) { return ParseIn(kConsents, name); }
std::string_view NoteKindName(NoteKind kind) { return NameIn(kNoteKinds, kind); }
std::optional<NoteKind> ParseNoteKind(std::string_view name) { return ParseIn(kNoteKinds, name); }

}  // namespace covalue
