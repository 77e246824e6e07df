#include "domain/schedule.h"

#include <algorithm>
#include <array>
#include <utility>

#include <fmt/format.h>

#include "domain/dates.h"
#include "domain/name_table.h"

namespace covalue {
namespace {

constexpr std::int64_t kDayMs = 86'400'000;
// Enough occasions for a daily schedule over ten years; a longer history is cut at its start.
constexpr std::size_t kMaxOccasions = 4000;

constexpr std::array<std::pair<ScheduleKind, std::string_view>, 3> kKinds{{
    {ScheduleKind::kAtEnrolment, "at_enrolment"},
    {ScheduleKind::kEvery, "every"},
    {ScheduleKind::kBeforeVisits, "before_visits"},
}};
constexpr std::array<std::pair<ScheduleUnit, std::string_view>, 3> kUnits{{
    {ScheduleUnit::kDays, "days"},
    {ScheduleUnit::kWeeks, "weeks"},
    {ScheduleUnit::kMonths, "months"},
}};
constexpr std::array<std::pair<OccasionState, std::string_view>, 4> kStates{{
    {OccasionState::kUpcoming, "upcoming"},
    {OccasionState::kDue, "due"},
    {OccasionState::kOverdue, "overdue"},
    {OccasionState::kCompleted, "completed"},
}};

std::int64_t StartOfDay(std::int64_t ms) { return DayOf(ms) * kDayMs; }
std::int64_t EndOfDay(std::int64_t ms) { return StartOfDay(ms) + kDayMs - 1; }

std::int64_t OpensAt(const QuestionnaireSchedule& s, std::int64_t enrolled_day_ms, std::int64_t k) {
  switch (s.unit) {
    case ScheduleUnit::kDays:
      return enrolled_day_ms + k * s.every * kDayMs;
    case ScheduleUnit::kWeeks:
      return enrolled_day_ms + k * s.every * 7 * kDayMs;
    case ScheduleUnit::kMonths:
      return AddMonths(enrolled_day_ms, k * s.every);
  }
  return enrolled_day_ms;
}

bool AnsweredIn(const std::vector<std::int64_t>& completed_ms, std::int64_t from, std::int64_t to) {
  return std::any_of(completed_ms.begin(), completed_ms.end(),
                     [&](std::int64_t t) { return t >= from && t <= to; });
}

OccasionState StateOf(bool answered, std::int64_t opens, std::int64_t due, std::int64_t now) {
  if (answered) {
    return OccasionState::kCompleted;
  }
  if (now < opens) {
    return OccasionState::kUpcoming;
  }
  return now <= due ? OccasionState::kDue : OccasionState::kOverdue;
}

}  // namespace

std::string_view ScheduleKindName(ScheduleKind kind) { return NameIn(kKinds, kind); }
std::optional<ScheduleKind> ParseScheduleKind(std::string_view name) {
  return ParseIn(kKinds, name);
}
std::string_view ScheduleUnitName(ScheduleUnit unit) { return NameIn(kUnits, unit); }
std::optional<ScheduleUnit> ParseScheduleUnit(std::string_view name) {
  return ParseIn(kUnits, name);
}
std::string_view OccasionStateName(OccasionState state) { return NameIn(kStates, state); }

Status ValidateSchedule(const QuestionnaireSchedule& s) {
  if (s.questionnaire_id.empty() || s.questionnaire_id.size() > 64) {
    return Fail(ErrorCode::kInvalidArgument, "questionnaire_id names a questionnaire",
                "questionnaire_id");
  }
  if (s.kind == ScheduleKind::kEvery && (s.every < 1 || s.every > 366)) {
    return Fail(ErrorCode::kInvalidArgument, "every is a whole number from 1 to 366", "every");
  }
  if (s.window_days < 0 || s.window_days > 365) {
    return Fail(ErrorCode::kInvalidArgument, "window_days is a whole number from 0 to 365",
                "window_days");
  }
  if (!s.until.empty() && !ParseDateMs(s.until)) {
    return Fail(ErrorCode::kInvalidArgument,
                fmt::format("until is a day (YYYY-MM-DD), not '{}'", s.until), "until");
  }
  return Ok();
}

std::vector<Occasion> OccasionsOf(const QuestionnaireSchedule& s, std::int64_t enrolled_ms,
                                  const std::vector<std::int64_t>& completed_ms,
                                  const std::vector<PlannedVisit>& visits, std::int64_t now_ms) {
  std::vector<Occasion> out;
  const std::int64_t last_open =
      s.until.empty() ? INT64_MAX : EndOfDay(ParseDateMs(s.until).value_or(INT64_MAX / 2));
  const std::int64_t window = std::int64_t{s.window_days} * kDayMs;
  switch (s.kind) {
    case ScheduleKind::kAtEnrolment: {
      const std::int64_t opens = StartOfDay(enrolled_ms);
      if (opens <= last_open) {
        const std::int64_t due = EndOfDay(opens + window);
        out.push_back({opens, due,
                       StateOf(AnsweredIn(completed_ms, opens, INT64_MAX), opens, due, now_ms),
                       std::nullopt});
      }
      break;
    }
    case ScheduleKind::kEvery: {
      const std::int64_t enrolled_day = StartOfDay(enrolled_ms);
      for (std::int64_t k = 0;; ++k) {
        const std::int64_t opens = OpensAt(s, enrolled_day, k);
        if (opens > last_open) {
          break;
        }
        const std::int64_t next = OpensAt(s, enrolled_day, k + 1);
        const std::int64_t due = std::min(EndOfDay(opens + window), next - 1);
        out.push_back({opens, due,
                       StateOf(AnsweredIn(completed_ms, opens, next - 1), opens, due, now_ms),
                       std::nullopt});
        if (opens > now_ms) {
          break;  // the next one to come, and no further
        }
        if (out.size() > kMaxOccasions) {
          out.erase(out.begin());
        }
      }
      break;
    }
    case ScheduleKind::kBeforeVisits:
      for (const PlannedVisit& visit : visits) {
        const std::int64_t due = EndOfDay(visit.at_ms);
        const std::int64_t opens = StartOfDay(visit.at_ms) - window;
        if (opens > last_open) {
          continue;
        }
        out.push_back({opens, due,
                       StateOf(AnsweredIn(completed_ms, opens, due), opens, due, now_ms),
                       visit.id});
      }
      std::sort(out.begin(), out.end(),
                [](const Occasion& a, const Occasion& b) { return a.opens_ms < b.opens_ms; });
      break;
  }
  return out;
}

std::optional<Occasion> CurrentOccasion(const std::vector<Occasion>& occasions) {
  // The latest that has opened speaks for the schedule (an older one missed is history); when it
  // is answered, the next to come (so the person sees when it is due again).
  std::optional<Occasion> latest_open;
  for (const Occasion& o : occasions) {
    if (o.state != OccasionState::kUpcoming) {
      latest_open = o;
    }
  }
  if (latest_open && latest_open->state != OccasionState::kCompleted) {
    return latest_open;
  }
  for (const Occasion& o : occasions) {
    if (o.state == OccasionState::kUpcoming) {
      return o;
    }
  }
  return latest_open;
}

}  // namespace covalue
