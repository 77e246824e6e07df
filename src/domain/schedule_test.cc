#include "domain/schedule.h"

#include <gtest/gtest.h>

#include "domain/dates.h"

namespace covalue {
namespace {

std::int64_t Day(const char* date) { return *ParseDateMs(date); }
std::int64_t At(const char* instant) { return *ParseDateTimeMs(instant); }
constexpr std::int64_t kDay = 86'400'000;

QuestionnaireSchedule Every(int n, ScheduleUnit unit, int window = 14) {
  QuestionnaireSchedule s;
  s.questionnaire_id = "phq-9";
  s.kind = ScheduleKind::kEvery;
  s.every = n;
  s.unit = unit;
  s.window_days = window;
  return s;
}

TEST(Schedule, EveryThreeMonthsFromEnrolmentKeepsTheDayOfTheMonthOrTheMonthsLast) {
  // Enrolled 31 October 2025: occasions 31 Oct, 31 Jan, 30 Apr (April has 30 days), 31 Jul.
  const auto occasions = OccasionsOf(Every(3, ScheduleUnit::kMonths), At("2025-10-31T15:20:00Z"),
                                     {}, {}, At("2026-05-10T12:00:00Z"));
  ASSERT_EQ(occasions.size(), 4U) << "three opened and the next to come";
  EXPECT_EQ(occasions[0].opens_ms, Day("2025-10-31"));
  EXPECT_EQ(occasions[1].opens_ms, Day("2026-01-31"));
  EXPECT_EQ(occasions[2].opens_ms, Day("2026-04-30"));
  EXPECT_EQ(occasions[3].opens_ms, Day("2026-07-31"));
  // Due 14 days after opening, to the end of that day.
  EXPECT_EQ(occasions[2].due_ms, Day("2026-05-14") + kDay - 1);
  EXPECT_EQ(occasions[2].state, OccasionState::kDue);
  EXPECT_EQ(occasions[1].state, OccasionState::kOverdue);
  EXPECT_EQ(occasions[3].state, OccasionState::kUpcoming);
  EXPECT_EQ(CurrentOccasion(occasions)->opens_ms, Day("2026-04-30"));
}

TEST(Schedule, AResponseAnswersTheOccasionItFallsInUntilTheNextOpens) {
  const std::vector<std::int64_t> completed = {At("2026-02-20T09:00:00Z")};  // late, before May
  const auto occasions = OccasionsOf(Every(3, ScheduleUnit::kMonths), Day("2025-11-01"), completed,
                                     {}, At("2026-03-01T00:00:00Z"));
  ASSERT_EQ(occasions.size(), 3U);
  EXPECT_EQ(occasions[0].state, OccasionState::kOverdue) << "November's was missed";
  EXPECT_EQ(occasions[1].state, OccasionState::kCompleted) << "answered after its due day";
  // Answered, so what is asked now is the next, on 1 May.
  const auto current = CurrentOccasion(occasions);
  EXPECT_EQ(current->state, OccasionState::kUpcoming);
  EXPECT_EQ(current->opens_ms, Day("2026-05-01"));
}

TEST(Schedule, AWindowLongerThanThePeriodIsDueBeforeTheNextOpens) {
  const auto occasions =
      OccasionsOf(Every(1, ScheduleUnit::kWeeks, 30), Day("2026-01-05"), {}, {}, Day("2026-01-06"));
  ASSERT_EQ(occasions.size(), 2U);
  EXPECT_EQ(occasions[0].due_ms, Day("2026-01-12") - 1);
}

TEST(Schedule, UntilStopsNewOccasionsAndAtEnrolmentAsksOnce) {
  QuestionnaireSchedule s = Every(1, ScheduleUnit::kDays, 0);
  s.until = "2026-01-03";
  const auto occasions = OccasionsOf(s, Day("2026-01-01"), {}, {}, Day("2026-02-01"));
  ASSERT_EQ(occasions.size(), 3U);
  EXPECT_EQ(occasions.back().opens_ms, Day("2026-01-03"));
  EXPECT_EQ(occasions.back().due_ms, Day("2026-01-04") - 1) << "a window of 0: due that day";

  QuestionnaireSchedule once;
  once.questionnaire_id = "gad-7";
  once.kind = ScheduleKind::kAtEnrolment;
  once.window_days = 7;
  const auto at = OccasionsOf(once, At("2026-03-10T08:00:00Z"), {At("2026-03-10T09:00:00Z")}, {},
                              Day("2027-01-01"));
  ASSERT_EQ(at.size(), 1U);
  EXPECT_EQ(at[0].state, OccasionState::kCompleted);
  EXPECT_EQ(CurrentOccasion(at)->state, OccasionState::kCompleted);
}

TEST(Schedule, BeforeVisitsOpensTheWindowBeforeEachVisitAndIsDueOnItsDay) {
  QuestionnaireSchedule s;
  s.questionnaire_id = "phq-9";
  s.kind = ScheduleKind::kBeforeVisits;
  s.window_days = 7;
  const std::vector<PlannedVisit> visits = {{2, 1, 5, At("2026-06-15T13:00:00Z"), "", {}, 0},
                                            {1, 1, 5, At("2026-03-02T09:30:00Z"), "", {}, 0}};
  const auto occasions = OccasionsOf(s, Day("2025-01-01"), {At("2026-02-26T18:00:00Z")}, visits,
                                     At("2026-06-10T10:00:00Z"));
  ASSERT_EQ(occasions.size(), 2U);
  EXPECT_EQ(occasions[0].visit_id, 1) << "oldest first";
  EXPECT_EQ(occasions[0].opens_ms, Day("2026-02-23"));
  EXPECT_EQ(occasions[0].state, OccasionState::kCompleted);
  EXPECT_EQ(occasions[1].opens_ms, Day("2026-06-08"));
  EXPECT_EQ(occasions[1].due_ms, Day("2026-06-16") - 1);
  EXPECT_EQ(occasions[1].state, OccasionState::kDue);
  EXPECT_EQ(CurrentOccasion(occasions)->visit_id, 2);
  EXPECT_FALSE(CurrentOccasion({}).has_value());
}

TEST(Schedule, ValidationNamesTheField) {
  QuestionnaireSchedule s = Every(0, ScheduleUnit::kDays);
  EXPECT_EQ(ValidateSchedule(s).error().field, "every");
  s.every = 2;
  s.window_days = 400;
  EXPECT_EQ(ValidateSchedule(s).error().field, "window_days");
  s.window_days = 3;
  s.until = "2026-02-30";
  EXPECT_EQ(ValidateSchedule(s).error().field, "until");
  s.until = "";
  EXPECT_TRUE(ValidateSchedule(s).has_value());
  EXPECT_EQ(ParseScheduleKind("before_visits"), ScheduleKind::kBeforeVisits);
  EXPECT_EQ(ScheduleUnitName(ScheduleUnit::kWeeks), "weeks");
}

}  // namespace
}  // namespace covalue
