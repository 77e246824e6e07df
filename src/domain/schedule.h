#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/error.h"
#include "domain/page.h"

namespace covalue {

// When a questionnaire is asked of the people of a population (REDCap/MyCap's schedules): once
// at enrolment, every N days, weeks or months from enrolment, or in a window before each planned
// visit, until a date. A schedule decides what is offered and due, never what may be answered.
enum class ScheduleKind { kAtEnrolment, kEvery, kBeforeVisits };
enum class ScheduleUnit { kDays, kWeeks, kMonths };

std::string_view ScheduleKindName(ScheduleKind kind);
std::optional<ScheduleKind> ParseScheduleKind(std::string_view name);
std::string_view ScheduleUnitName(ScheduleUnit unit);
std::optional<ScheduleUnit> ParseScheduleUnit(std::string_view name);

struct QuestionnaireSchedule {
  Id id = 0;
  Id site_id = 0;
  Id population_id = 0;
  std::string questionnaire_id;  // the questionnaire's resource id
  ScheduleKind kind = ScheduleKind::kAtEnrolment;
  int every = 0;  // kEvery: how many units apart (1–366)
  ScheduleUnit unit = ScheduleUnit::kMonths;
  // kBeforeVisits: the days before a visit it opens (due on the visit's day); otherwise the days
  // after it opens that it stays due before it is overdue. 0–365.
  int window_days = 14;
  std::string until;  // "YYYY-MM-DD": no occasion opens after this day; "" for none
  bool active = true;
  std::optional<Id> created_by;
  std::int64_t created_ms = 0;
};

// A visit planned for a patient: the occasions of before-visit schedules.
struct PlannedVisit {
  Id id = 0;
  Id site_id = 0;
  Id patient_id = 0;
  std::int64_t at_ms = 0;
  std::string note;  // what the visit is ("Neurology follow-up"), up to 200 characters
  std::optional<Id> created_by;
  std::int64_t created_ms = 0;
};

// Every, unit, window and until as the kind needs them; kInvalidArgument naming the field
// ("every", "window_days", "until", "questionnaire_id").
Status ValidateSchedule(const QuestionnaireSchedule& schedule);

enum class OccasionState { kUpcoming, kDue, kOverdue, kCompleted };
std::string_view OccasionStateName(OccasionState state);

// One time a schedule asks: open from opens_ms, due by due_ms (the end of that day), answered by
// a completed response authored from opens_ms until the next occasion opens (for a visit, until
// the end of its day).
struct Occasion {
  std::int64_t opens_ms = 0;
  std::int64_t due_ms = 0;
  OccasionState state = OccasionState::kUpcoming;
  std::optional<Id> visit_id;  // a before-visit occasion's visit
};

// The occasions of a schedule for one patient, oldest first: from enrolled_ms (the day of
// enrolment) up to now_ms and the next one after it, bounded by until, with the completed times of
// the patient's responses to the questionnaire (any order) and the patient's visits.
std::vector<Occasion> OccasionsOf(const QuestionnaireSchedule& schedule, std::int64_t enrolled_ms,
                                  const std::vector<std::int64_t>& completed_ms,
                                  const std::vector<PlannedVisit>& visits, std::int64_t now_ms);

// What a schedule asks of the patient now: the latest occasion that has opened when it is due
// or overdue; else the next to come; else the latest, answered; nullopt when there is none.
std::optional<Occasion> CurrentOccasion(const std::vector<Occasion>& occasions);

}  // namespace covalue
