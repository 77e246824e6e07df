// Questionnaire schedules through the app on a clock the test sets: who defines them, what a
// patient is asked and when, the site's overdue worklist and counts, planned visits, and the
// iCalendar feed at its secret address.

#include "app/schedules/schedules.h"

#include <gtest/gtest.h>

#include "domain/dates.h"
#include "store/questionnaire_repository.h"
#include "store/registry_repository.h"
#include "support/app_fixture.h"

namespace covalue::app {
namespace {

class SchedulesTest : public AppTest {
 protected:
  void SetUp() override {
    AppTest::SetUp();
    app_->SetClock(clock_);
    admin_ = As("admin-a", {Role::kAdmin, sites_[0].id, std::nullopt});
    nurse_ = As("nurse", {Role::kProfessional, sites_[0].id, std::nullopt});
    other_nurse_ = As("nurse-b", {Role::kProfessional, sites_[1].id, std::nullopt});
    patient_ctx_ = As("pia", {Role::kPatient, sites_[0].id, std::nullopt});
    ASSERT_OK(store_->Write([&](store::Repositories& r) -> Status {
      for (const auto& [id, site] :
           {std::pair<std::string, std::optional<Id>>{"phq-9", std::nullopt},
            {"b-only", sites_[1].id}}) {
        COVALUE_RETURN_IF_ERROR(r.Questionnaires().AddVersion({0,
                                                               id,
                                                               0,
                                                               site,
                                                               id,
                                                               id == "phq-9" ? "PHQ-9" : "B's own",
                                                               "fhir",
                                                               "{}",
                                                               {},
                                                               0,
                                                               "",
                                                               ""}));
      }
      return Ok();
    }));
    Patient p;
    p.site_id = sites_[0].id;
    p.population_id = teams_[0].population_id;
    p.identifier = "A-0001";
    p.birth_date = "1980-01-01";
    p.user_id = patient_ctx_.principal->user_id;
    auto created = app_->registry().CreatePatient(system_, p);  // enrolled on 1 January
    ASSERT_OK(created);
    patient_ = *created;
  }

  QuestionnaireSchedule Monthly() {
    QuestionnaireSchedule s;
    s.population_id = teams_[0].population_id;
    s.questionnaire_id = "phq-9";
    s.kind = ScheduleKind::kEvery;
    s.every = 1;
    s.unit = ScheduleUnit::kMonths;
    s.window_days = 7;
    return s;
  }

  void Complete(const char* authored) {
    ASSERT_OK(store_->Write([&](store::Repositories& r) -> Status {
      COVALUE_RETURN_IF_ERROR(
          r.Registry().AddResponse({0, sites_[0].id, patient_.id, "phq-9", 1, "completed",
                                    *ParseDateTimeMs(authored), std::nullopt, "{}", 0}));
      return Ok();
    }));
  }

  ManualClock clock_{*ParseDateTimeMs("2026-01-01T09:00:00Z")};
  RequestContext admin_, nurse_, other_nurse_, patient_ctx_;
  RequestContext anonymous_{std::nullopt, "req-anonymous", "127.0.0.1"};
  Patient patient_;
};

TEST_F(SchedulesTest, TheSitesAdminsDefineWhatIsAskedOfAPopulationFromWhatTheSiteMayUse) {
  EXPECT_EQ(app_->schedules().DefineSchedule(nurse_, Monthly()).error().code,
            ErrorCode::kPermissionDenied);
  QuestionnaireSchedule foreign = Monthly();
  foreign.questionnaire_id = "b-only";
  EXPECT_EQ(app_->schedules().DefineSchedule(admin_, foreign).error().field, "questionnaire_id");
  QuestionnaireSchedule bad = Monthly();
  bad.every = 0;
  EXPECT_EQ(app_->schedules().DefineSchedule(admin_, bad).error().field, "every");
  auto defined = app_->schedules().DefineSchedule(admin_, Monthly());
  ASSERT_OK(defined);
  EXPECT_EQ(defined->site_id, sites_[0].id);
  auto listed = app_->schedules().ListSchedules(nurse_, sites_[0].id);
  ASSERT_OK(listed);
  ASSERT_EQ(listed->size(), 1U);
  EXPECT_EQ(app_->schedules().ListSchedules(other_nurse_, sites_[0].id).error().code,
            ErrorCode::kPermissionDenied);
  EXPECT_TRUE(app_->schedules().ListSchedules(other_nurse_, std::nullopt)->empty());

  QuestionnaireSchedule paused = *defined;
  paused.active = false;
  ASSERT_OK(app_->schedules().ChangeSchedule(admin_, paused));
  clock_.Set(*ParseDateTimeMs("2026-01-20T09:00:00Z"));
  EXPECT_TRUE(app_->schedules().PatientDue(patient_ctx_, patient_.id)->empty())
      << "an inactive schedule asks nothing";
}

TEST_F(SchedulesTest, APatientSeesWhatIsDueAndTheSiteSeesWhoIsOverdue) {
  ASSERT_OK(app_->schedules().DefineSchedule(admin_, Monthly()));
  clock_.Set(*ParseDateTimeMs("2026-01-05T09:00:00Z"));
  auto due = app_->schedules().PatientDue(patient_ctx_, patient_.id);
  ASSERT_OK(due);
  ASSERT_EQ(due->size(), 1U);
  EXPECT_EQ((*due)[0].title, "PHQ-9");
  EXPECT_EQ((*due)[0].occasion.state, OccasionState::kDue);
  EXPECT_EQ((*due)[0].occasion.due_ms, *ParseDateMs("2026-01-09") - 1) << "7 days from 1 January";
  EXPECT_TRUE(app_->schedules().Overdue(nurse_, sites_[0].id)->empty());

  clock_.Set(*ParseDateTimeMs("2026-01-12T09:00:00Z"));
  auto overdue = app_->schedules().Overdue(nurse_, sites_[0].id);
  ASSERT_OK(overdue);
  ASSERT_EQ(overdue->size(), 1U);
  EXPECT_EQ((*overdue)[0].identifier, "A-0001");
  EXPECT_EQ(app_->schedules().Overdue(other_nurse_, sites_[0].id).error().code,
            ErrorCode::kPermissionDenied);
  auto counts = app_->schedules().Counts(nurse_, sites_[0].id);
  ASSERT_OK(counts);
  ASSERT_EQ(counts->size(), 1U);
  EXPECT_EQ((*counts)[0].overdue, 1U);
  EXPECT_EQ((*counts)[0].completed, 0U);

  Complete("2026-01-12T10:00:00Z");  // late, but it answers January's
  EXPECT_TRUE(app_->schedules().Overdue(nurse_, sites_[0].id)->empty());
  auto next = app_->schedules().PatientDue(patient_ctx_, patient_.id);
  EXPECT_EQ((*next)[0].occasion.state, OccasionState::kUpcoming);
  EXPECT_EQ((*next)[0].occasion.opens_ms, *ParseDateMs("2026-02-01"));
  EXPECT_EQ(app_->schedules().Counts(nurse_, sites_[0].id)->front().completed, 1U);
  // Another site's professional reads nothing of the patient.
  EXPECT_EQ(app_->schedules().PatientDue(other_nurse_, patient_.id).error().code,
            ErrorCode::kPermissionDenied);
}

TEST_F(SchedulesTest, AVisitOpensItsWindowAndTheFeedsCarryItToTheirCalendars) {
  QuestionnaireSchedule before = Monthly();
  before.kind = ScheduleKind::kBeforeVisits;
  ASSERT_OK(app_->schedules().DefineSchedule(admin_, before));
  EXPECT_EQ(app_->schedules()
                .PlanVisit(other_nurse_,
                           {0, 0, patient_.id, *ParseDateTimeMs("2026-02-20T10:00:00Z"), "", {}, 0})
                .error()
                .code,
            ErrorCode::kPermissionDenied);
  auto visit = app_->schedules().PlanVisit(
      nurse_,
      {0, 0, patient_.id, *ParseDateTimeMs("2026-02-20T10:00:00Z"), "Neurology, room 4", {}, 0});
  ASSERT_OK(visit);
  EXPECT_EQ(visit->site_id, sites_[0].id);
  clock_.Set(*ParseDateTimeMs("2026-02-15T08:00:00Z"));
  auto due = app_->schedules().PatientDue(patient_ctx_, patient_.id);
  ASSERT_EQ(due->size(), 1U);
  EXPECT_EQ((*due)[0].occasion.state, OccasionState::kDue);
  EXPECT_EQ((*due)[0].occasion.visit_id, visit->id);
  EXPECT_EQ(app_->schedules().ListVisits(patient_ctx_, patient_.id)->size(), 1U);

  auto token = app_->schedules().CreateFeed(patient_ctx_);
  ASSERT_OK(token);
  auto own = app_->schedules().Calendar(anonymous_, *token);
  ASSERT_OK(own);
  EXPECT_NE(own->find("BEGIN:VCALENDAR"), std::string::npos);
  EXPECT_NE(own->find("SUMMARY:PHQ-9 due"), std::string::npos) << *own;
  EXPECT_NE(own->find("DTSTART;VALUE=DATE:20260220"), std::string::npos) << *own;
  EXPECT_NE(own->find("SUMMARY:Neurology\\, room 4"), std::string::npos) << "escaped: " << *own;
  EXPECT_NE(own->find("DTSTART:20260220T100000Z"), std::string::npos) << *own;

  auto nurse_token = app_->schedules().CreateFeed(nurse_);
  auto nurses = app_->schedules().Calendar(anonymous_, *nurse_token);
  ASSERT_OK(nurses);
  EXPECT_NE(nurses->find("SUMMARY:A-0001: Neurology\\, room 4"), std::string::npos) << *nurses;

  // A new address revokes the old; a removed feed opens nothing.
  auto renewed = app_->schedules().CreateFeed(patient_ctx_);
  EXPECT_EQ(app_->schedules().Calendar(anonymous_, *token).error().code, ErrorCode::kNotFound);
  ASSERT_OK(app_->schedules().Calendar(anonymous_, *renewed));
  ASSERT_OK(app_->schedules().RemoveFeed(patient_ctx_));
  EXPECT_EQ(app_->schedules().Calendar(anonymous_, *renewed).error().code, ErrorCode::kNotFound);

  ASSERT_OK(app_->schedules().CancelVisit(nurse_, visit->id));
  EXPECT_TRUE(app_->schedules().PatientDue(patient_ctx_, patient_.id)->empty());
  EXPECT_EQ(app_->schedules().CancelVisit(nurse_, visit->id).error().code, ErrorCode::kNotFound);
}

}  // namespace
}  // namespace covalue::app
