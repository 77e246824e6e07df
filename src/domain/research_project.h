#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "domain/community.h"
#include "domain/error.h"

namespace covalue {

// A research project (DESIGN.md §2, the researcher's de-identified exports): a researcher's
// request for registry data, approved site by site by each site's admins. Its exports hold
// pseudonyms and shifted dates only (the rules below and app/research_exports/research_exports.h).
struct ResearchProject {
  Id id = 0;
  std::string title;    // 1–200 characters
  std::string purpose;  // up to 2,000 characters: what the data are for, shown to approvers
  Id owner_id = 0;
  int shift_days = 182;  // dates are shifted by 1 to shift_days days, either way (1–365)
  std::int64_t created_ms = 0;
};

// A site admin's approval of a project's access to their site; revoked ones stay, marked.
struct SiteApproval {
  Id project_id = 0;
  Id site_id = 0;
  std::string site_name;  // filled when read
  Id approved_by = 0;
  std::int64_t approved_ms = 0;
  std::optional<std::int64_t> revoked_ms;
};

// kInvalidArgument naming /title, /purpose or /shift_days.
[[nodiscard]] Status ValidateResearchProject(const ResearchProject& project);

// The de-identification rules of a research export.
namespace deidentify {

// Whole years between a YYYY-MM-DD birth date and the UTC day of at_ms; nullopt for a date
// that does not parse or lies after at_ms.
std::optional<int> AgeInYears(std::string_view birth_date, std::int64_t at_ms);

// Five-year bands, "0-4" … "85-89", and everyone 90 and over together as "90+" (HIPAA Safe
// Harbor's rule on ages over 89).
std::string AgeBand(int years);

// A person's date shift from 64 bits of their keyed hash: a whole number of days in
// [−max_days, −1] ∪ [1, max_days], never 0, so no exported date is a person's real one.
int ShiftDays(std::uint64_t hash, int max_days);

// The UTC day of ms moved by shift days, as YYYY-MM-DD.
std::string ShiftedDay(std::int64_t ms, int shift);

}  // namespace deidentify
}  // namespace covalue
