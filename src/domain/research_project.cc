#include "domain/research_project.h"

#include <fmt/format.h>

#include "domain/dates.h"
#include "domain/validation.h"

namespace covalue {

Status ValidateResearchProject(const ResearchProject& p) {
  COVALUE_RETURN_IF_ERROR(ValidateText(p.title, "/title", 200));
  if (p.purpose.size() > 2000) {
    return Fail(ErrorCode::kInvalidArgument, "the purpose has at most 2000 characters",
                "/purpose");
  }
  if (p.shift_days < 1 || p.shift_days > 365) {
    return Fail(ErrorCode::kInvalidArgument, "dates are shifted by up to 1-365 days",
                "/shift_days");
  }
  return Ok();
}

namespace deidentify {

std::optional<int> AgeInYears(std::string_view birth_date, std::int64_t at_ms) {
  const auto birth = ParseDateMs(birth_date);
  if (!birth || *birth > at_ms) return std::nullopt;
  const std::string at = FormatDate(at_ms);  // YYYY-MM-DD
  const int years = std::stoi(at.substr(0, 4)) - std::stoi(std::string(birth_date.substr(0, 4)));
  // Not yet this year's birthday: month and day compared as text (both YYYY-MM-DD).
  const bool before_birthday = at.substr(5) < birth_date.substr(5);
  return years - (before_birthday ? 1 : 0);
}

std::string AgeBand(int years) {
  if (years >= 90) return "90+";
  const int low = years < 0 ? 0 : years / 5 * 5;
  return fmt::format("{}-{}", low, low + 4);
}

int ShiftDays(std::uint64_t hash, int max_days) {
  const auto span = static_cast<std::uint64_t>(max_days);
  const auto k = static_cast<int>(hash % (2 * span));  // 0 … 2N − 1
  return k < max_days ? -(k + 1) : k - max_days + 1;
}

std::string ShiftedDay(std::int64_t ms, int shift) {
  return FormatDate((DayOf(ms) + shift) * 86'400'000);
}

}  // namespace deidentify
}  // namespace covalue
