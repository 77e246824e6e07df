#include "app/workbooks/workbooks.h"

#include "support/app_fixture.h"

namespace covalue::app {
namespace {

class WorkbooksTest : public AppTest {
 protected:
  void SetUp() override {
    AppTest::SetUp();
    ASSERT_NO_FATAL_FAILURE(UseShippedGuides());
    lead_ = As("lead-a", {Role::kTeamLead, sites_[0].id, teams_[0].id});
    facilitator_ = As("facilitator", {Role::kFacilitator, std::nullopt, std::nullopt});
    other_lead_ = As("lead-b", {Role::kTeamLead, sites_[1].id, teams_[1].id});
  }

  Workbooks& workbooks() { return app_->workbooks(); }

  RequestContext lead_, facilitator_, other_lead_;
};

TEST_F(WorkbooksTest, ATeamsWorkbookIsItsOwnAndFacilitatorsSeeTextOnlyOnceShared) {
  auto started = workbooks().StartWorkbook(lead_, teams_[0].id, "coproduction-guide-short");
  ASSERT_OK(started);
  EXPECT_ERROR(workbooks().StartWorkbook(other_lead_, teams_[0].id, "coproduction-guide-short"),
               ErrorCode::kPermissionDenied);
  EXPECT_ERROR(workbooks().StartWorkbook(lead_, teams_[0].id, "no-such-guide"),
               ErrorCode::kNotFound);
  const Id id = started->workbook.id;
  const std::string key = started->answers.front().key;
  ASSERT_OK(workbooks().SaveAnswer(lead_, id, key, "Our population", std::nullopt));

  EXPECT_ERROR(workbooks().GetWorkbook(other_lead_, id), ErrorCode::kPermissionDenied);
  auto unshared = workbooks().GetWorkbook(facilitator_, id);
  ASSERT_OK(unshared);
  EXPECT_FALSE(unshared->text_visible);
  for (const WorkbookAnswer& a : unshared->answers) {
    EXPECT_FALSE(a.latest.has_value()) << a.key;
  }
  ASSERT_OK(workbooks().ShareWorkbook(lead_, id, true));
  auto shared = workbooks().GetWorkbook(facilitator_, id);
  ASSERT_OK(shared);
  EXPECT_TRUE(shared->text_visible);
  ASSERT_NE(shared->Answer(key), nullptr);
  ASSERT_TRUE(shared->Answer(key)->latest.has_value());
  EXPECT_EQ(shared->Answer(key)->latest->text, "Our population");
}

TEST_F(WorkbooksTest, SavingOverAnAnswerNeedsItsLatestRevision) {
  auto started = workbooks().StartWorkbook(lead_, teams_[0].id, "coproduction-guide-short");
  ASSERT_OK(started);
  const Id id = started->workbook.id;
  const std::string key = started->answers.front().key;
  auto first = workbooks().SaveAnswer(lead_, id, key, "one", std::nullopt);
  ASSERT_OK(first);
  EXPECT_ERROR(workbooks().SaveAnswer(lead_, id, key, "two", std::nullopt),
               ErrorCode::kPreconditionRequired);
  auto second = workbooks().SaveAnswer(lead_, id, key, "two", RevisionEtag(first->number));
  ASSERT_OK(second);
  EXPECT_ERROR(workbooks().SaveAnswer(lead_, id, key, "three", RevisionEtag(first->number)),
               ErrorCode::kConflict);
  auto restored =
      workbooks().RestoreRevision(lead_, id, key, first->number, RevisionEtag(second->number));
  ASSERT_OK(restored);
  EXPECT_EQ(restored->text, "one");
  EXPECT_EQ(restored->restored_from, std::optional<std::int64_t>(first->number));
  EXPECT_ERROR(workbooks().SaveAnswer(lead_, id, "no-such-question", "x", std::nullopt),
               ErrorCode::kInvalidArgument);
}

TEST_F(WorkbooksTest, PassportsGiveOtherServicesTheChangeItsDateAndTheRatings) {
  auto passport = workbooks().StartWorkbook(lead_, teams_[0].id, "improvement-passport");
  ASSERT_OK(passport);
  const Id id = passport->workbook.id;
  ASSERT_OK(workbooks().SaveAnswer(lead_, id, "cycle.change", "Agenda set together", std::nullopt));
  ASSERT_OK(workbooks().SaveAnswer(lead_, id, "cycle.change-date", "2025-06-01", std::nullopt));
  ASSERT_OK(workbooks().SaveAnswer(lead_, id, "cycle.ratings.communication", "4", std::nullopt));
  const auto not_a_rating =
      workbooks().SaveAnswer(lead_, id, "cycle.ratings.access", "not a rating", std::nullopt);
  ASSERT_FALSE(not_a_rating.has_value());
  EXPECT_EQ(not_a_rating.error().field, "/text");
  // A second passport without a date is a passport but no tested change.
  ASSERT_OK(workbooks().StartWorkbook(lead_, teams_[0].id, "improvement-passport"));

  auto passports = workbooks().Passports(teams_[0].id);
  ASSERT_OK(passports);
  ASSERT_EQ(passports->size(), 2U);
  EXPECT_EQ(passports->front().change, "Agenda set together");
  EXPECT_EQ(passports->front().ratings.size(), 1U);
  EXPECT_EQ(passports->front().ratings.at(ValueDomain::kCommunication), 4);
  auto changes = workbooks().TestedChanges(teams_[0].id);
  ASSERT_OK(changes);
  ASSERT_EQ(changes->size(), 1U);
  EXPECT_EQ(changes->front().date, "2025-06-01");
  EXPECT_TRUE(workbooks().Passports(teams_[1].id)->empty());
}

}  // namespace
}  // namespace covalue::app
