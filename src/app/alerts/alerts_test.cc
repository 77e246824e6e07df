// The alerts of a site through the app: who sees them, acknowledgement, the overdue list by
// working days on a clock the test sets. (Raising them from a response is tested over HTTP,
// tests/integration/alerts.test.mjs, and in domain/alert_test.cc.)

#include "app/alerts/alerts.h"

#include <gtest/gtest.h>

#include "domain/dates.h"
#include "store/alert_repository.h"
#include "store/registry_repository.h"
#include "support/app_fixture.h"

namespace covalue::app {
namespace {

class AlertsTest : public AppTest {
 protected:
  void SetUp() override {
    AppTest::SetUp();
    app_->SetClock(clock_);
    nurse_ = As("nurse", {Role::kProfessional, sites_[0].id, std::nullopt});
    admin_ = As("admin-a", {Role::kAdmin, sites_[0].id, std::nullopt});
    other_nurse_ = As("nurse-b", {Role::kProfessional, sites_[1].id, std::nullopt});
    for (std::size_t i = 0; i < 2; ++i) {
      Patient p;
      p.site_id = sites_[i].id;
      p.population_id = teams_[i].population_id;
      p.identifier = "P-" + std::to_string(i);
      p.birth_date = "1980-01-01";
      auto created = app_->registry().CreatePatient(system_, p);
      ASSERT_OK(created);
      patients_.push_back(*created);
    }
  }

  // An alert as SubmitResponse stores it, raised at the clock's time.
  Alert Raise(std::size_t site, const std::string& rule) {
    auto alert = store::WriteValue<Alert>(*store_, [&](store::Repositories& r) -> Result<Alert> {
      COVALUE_ASSIGN_OR_RETURN(
          StoredResponse response,
          r.Registry().AddResponse({0, sites_[site].id, patients_[site].id, "phq-9", 1, "completed",
                                    clock_.NowMs(), std::nullopt, "{}", 0}));
      Alert a;
      a.site_id = sites_[site].id;
      a.patient_id = patients_[site].id;
      a.response_id = response.id;
      a.questionnaire_id = "phq-9";
      a.rule = rule;
      a.message = "PHQ-9 item 9";
      a.created_ms = clock_.NowMs();
      return r.Alerts().Add(a);
    });
    EXPECT_TRUE(alert.has_value());
    return *alert;
  }

  ManualClock clock_{*ParseDateTimeMs("2026-12-04T15:00:00Z")};  // a Friday afternoon
  RequestContext nurse_, admin_, other_nurse_;
  std::vector<Patient> patients_;
};

TEST_F(AlertsTest, TheWorklistShowsTheSitesOpenAlertsNewestFirstToItsStaffOnly) {
  const Alert first = Raise(0, "phq9-item9");
  clock_.Advance(60'000);
  const Alert second = Raise(0, "phq9-severe");
  Raise(1, "phq9-item9");
  auto worklist = app_->alerts().List(nurse_, {std::nullopt, true}, {});
  ASSERT_OK(worklist);
  ASSERT_EQ(worklist->items.size(), 2U);
  EXPECT_EQ(worklist->items[0].id, second.id);
  EXPECT_EQ(worklist->items[1].id, first.id);
  EXPECT_EQ(worklist->items[0].patient_identifier, "P-0");
  // Another site's professional, and every community-wide role, see none of them.
  auto other = app_->alerts().List(other_nurse_, {std::nullopt, true}, {});
  ASSERT_OK(other);
  EXPECT_EQ(other->items.size(), 1U);
  EXPECT_ERROR(app_->alerts().Get(other_nurse_, first.id), ErrorCode::kPermissionDenied);
  for (Role role : {Role::kFacilitator, Role::kResearcher, Role::kAdmin}) {
    RequestContext community = As(std::string(RoleName(role)) + "-c", {role, {}, {}});
    EXPECT_ERROR(app_->alerts().List(community, {}, {}), ErrorCode::kPermissionDenied);
    EXPECT_ERROR(app_->alerts().Get(community, first.id), ErrorCode::kPermissionDenied);
  }
  // An unknown id is refused like another site's.
  EXPECT_ERROR(app_->alerts().Get(nurse_, 9999), ErrorCode::kPermissionDenied);
  // The read of the worklist names the persons it showed, per site.
  const auto trail = AuditTrail();
  const auto listed = std::find_if(trail.rbegin(), trail.rend(), [&](const AuditRecord& r) {
    return r.action == "alert.list" && r.user_id == nurse_.principal->user_id;
  });
  ASSERT_NE(listed, trail.rend());
  EXPECT_EQ(listed->site_id, sites_[0].id);
  EXPECT_EQ(listed->person_ids, (std::vector<Id>{patients_[0].id}));
}

TEST_F(AlertsTest, AProfessionalAcknowledgesWithANoteOnceAndTheAlertLeavesTheWorklist) {
  const Alert alert = Raise(0, "phq9-item9");
  EXPECT_ERROR(app_->alerts().Acknowledge(admin_, alert.id, "seen"), ErrorCode::kPermissionDenied);
  EXPECT_ERROR(app_->alerts().Acknowledge(other_nurse_, alert.id, "seen"),
               ErrorCode::kPermissionDenied);
  EXPECT_ERROR(app_->alerts().Acknowledge(nurse_, alert.id, ""), ErrorCode::kInvalidArgument);
  auto done = app_->alerts().Acknowledge(nurse_, alert.id, "Phoned; safety plan in place");
  ASSERT_OK(done);
  EXPECT_FALSE(done->Open());
  EXPECT_EQ(done->note, "Phoned; safety plan in place");
  EXPECT_EQ(done->acknowledged_by_name, "nurse");
  EXPECT_ERROR(app_->alerts().Acknowledge(nurse_, alert.id, "again"), ErrorCode::kConflict);
  auto worklist = app_->alerts().List(nurse_, {std::nullopt, true}, {});
  ASSERT_OK(worklist);
  EXPECT_TRUE(worklist->items.empty());
  const auto trail = AuditTrail();
  EXPECT_TRUE(std::any_of(trail.begin(), trail.end(), [&](const AuditRecord& r) {
    return r.action == "alert.acknowledge" && r.outcome == AuditOutcome::kAllowed &&
           r.person_id == patients_[0].id;
  }));
  EXPECT_TRUE(std::any_of(trail.begin(), trail.end(), [&](const AuditRecord& r) {
    return r.action == "alert.acknowledge" && r.outcome == AuditOutcome::kDenied;
  }));
}

TEST_F(AlertsTest, AnAlertLeftOpenPastTheSitesWorkingDaysIsOverdueForItsAdmins) {
  const Alert alert = Raise(0, "phq9-item9");  // Friday 15:00
  auto none = app_->alerts().Overdue(admin_);
  ASSERT_OK(none);
  EXPECT_TRUE(none->empty());
  clock_.Set(*ParseDateTimeMs("2026-12-08T14:59:00Z"));  // Tuesday, a minute early
  EXPECT_TRUE(app_->alerts().Overdue(admin_)->empty());
  clock_.Set(*ParseDateTimeMs("2026-12-08T15:00:00Z"));
  auto overdue = app_->alerts().Overdue(admin_);
  ASSERT_OK(overdue);
  ASSERT_EQ(overdue->size(), 1U);
  EXPECT_EQ((*overdue)[0].alert.id, alert.id);
  EXPECT_EQ((*overdue)[0].due_ms, *ParseDateTimeMs("2026-12-08T15:00:00Z"));
  EXPECT_ERROR(app_->alerts().Overdue(nurse_), ErrorCode::kPermissionDenied);

  // The site sets its own deadline.
  auto settings = app_->alerts().GetSiteSettings(admin_, sites_[0].id);
  ASSERT_OK(settings);
  EXPECT_EQ(settings->crisis_contacts, DefaultCrisisContacts());
  settings->alert_working_days = 3;
  settings->crisis_contacts = {{"sv", "Ring 112 eller 1177"}};
  ASSERT_OK(app_->alerts().SetSiteSettings(admin_, *settings));
  EXPECT_TRUE(app_->alerts().Overdue(admin_)->empty());
  EXPECT_ERROR(app_->alerts().SetSiteSettings(nurse_, *settings), ErrorCode::kPermissionDenied);
  EXPECT_ERROR(app_->alerts().GetSiteSettings(admin_, sites_[1].id), ErrorCode::kPermissionDenied);
  ASSERT_OK(app_->alerts().Acknowledge(nurse_, alert.id, "seen late"));
  clock_.Advance(30LL * 86'400'000);
  EXPECT_TRUE(app_->alerts().Overdue(admin_)->empty());
}

}  // namespace
}  // namespace covalue::app
