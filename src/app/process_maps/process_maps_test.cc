// Process maps through the app: the team's own, every save a revision (stale saves refused,
// restore, a diff by step), resources only the team's, and costs against the worked example of
// domain/process_map_test.cc, here with the site's value of a person's time and a scenario.

#include "app/process_maps/process_maps.h"

#include <gtest/gtest.h>

#include "domain/workbook.h"
#include "support/app_fixture.h"

namespace covalue::app {
namespace {

class ProcessMapsTest : public AppTest {
 protected:
  void SetUp() override {
    AppTest::SetUp();
    lead_ = As("lena", {Role::kTeamLead, sites_[0].id, teams_[0].id});
    other_lead_ = As("olle", {Role::kTeamLead, sites_[1].id, teams_[1].id});
    facilitator_ = As("fia", {Role::kFacilitator, std::nullopt, std::nullopt});
    admin_ = As("anna", {Role::kAdmin, sites_[0].id, std::nullopt});
    auto nurse = app_->costs().CreateResource(
        lead_, teams_[0].id, {0, 0, "Nurse", ResourceKind::kStaff, 0, 600000.0, 100000.0});
    ASSERT_OK(nurse);
    auto neurologist = app_->costs().CreateResource(
        lead_, teams_[0].id, {0, 0, "Neurologist", ResourceKind::kStaff, 20, {}, {}});
    ASSERT_OK(neurologist);
    nurse_ = nurse->id;
    neurologist_ = neurologist->id;
    ASSERT_OK(app_->community().SetSiteCosting(admin_, sites_[0].id, std::nullopt, 2.0));
  }

  // s1 shop (nurse 15, neurologist 10, person 60 + carer 30, travel 50, pocket 100) = 620;
  // s2 chain (nurse 30) = 180; s3 network (person 90) = 180.
  ProcessMapContent Content() const {
    ProcessMapContent c;
    c.lanes = {{"L1", "Person with MS", Perspective::kPerson},
               {"L2", "Clinic", Perspective::kProfessional}};
    ProcessStep s1;
    s1.id = "s1";
    s1.lane_id = "L2";
    s1.title = "Plan with the neurologist";
    s1.configuration = ValueConfiguration::kShop;
    s1.resources = {{nurse_, 15}, {neurologist_, 10}};
    s1.person_minutes = 60;
    s1.carer_minutes = 30;
    s1.travel_cost = 50;
    s1.out_of_pocket = 100;
    ProcessStep s2;
    s2.id = "s2";
    s2.lane_id = "L2";
    s2.position = 2;
    s2.title = "Infusion";
    s2.resources = {{nurse_, 30}};
    ProcessStep s3;
    s3.id = "s3";
    s3.lane_id = "L1";
    s3.position = 3;
    s3.title = "Peer group";
    s3.configuration = ValueConfiguration::kNetwork;
    s3.person_minutes = 90;
    c.steps = {s1, s2, s3};
    c.arrows = {{"s1", "s2", ""}, {"s2", "s3", ""}};
    return c;
  }

  RequestContext lead_, other_lead_, facilitator_, admin_;
  Id nurse_ = 0, neurologist_ = 0;
};

TEST_F(ProcessMapsTest, CostsWithJourneysAndAWhatIf) {
  auto map = app_->process_maps().Create(lead_, teams_[0].id, "MS service", Content());
  ASSERT_OK(map);
  EXPECT_TRUE(map->note);  // 3 steps: a gentle note
  auto journey = app_->process_maps().AddJourney(
      lead_, map->map.id, {0, 0, "Anna's year", std::nullopt, {{"s1", 4}, {"s2", 12}, {"s3", 2}}});
  ASSERT_OK(journey);
  auto costs = app_->process_maps().Costs(lead_, map->map.id, std::nullopt);
  ASSERT_OK(costs);
  EXPECT_EQ(costs->currency, "SEK");
  EXPECT_DOUBLE_EQ(costs->costs.steps[0].total, 620);
  EXPECT_DOUBLE_EQ(costs->costs.total, 980);
  EXPECT_DOUBLE_EQ(costs->costs.journeys[0].per_year, 5000);

  auto what_if = app_->process_maps().AddScenario(
      lead_, map->map.id,
      {0, 0, "Peers plan", {{"s1", ValueConfiguration::kNetwork, std::nullopt, std::nullopt}}, 0, 0});
  ASSERT_OK(what_if);
  auto moved = app_->process_maps().Costs(lead_, map->map.id, what_if->id);
  ASSERT_OK(moved);
  EXPECT_DOUBLE_EQ(moved->costs.by_configuration[1], 0);
  EXPECT_DOUBLE_EQ(moved->costs.by_configuration[2], 800);
  // The map itself is unchanged by its scenario.
  EXPECT_DOUBLE_EQ(app_->process_maps().Costs(lead_, map->map.id, std::nullopt)->costs.by_configuration[1], 620);
  EXPECT_ERROR(app_->process_maps().Costs(lead_, map->map.id, 999), ErrorCode::kNotFound);
  auto bad = app_->process_maps().AddScenario(lead_, map->map.id,
                                              {0, 0, "x", {{"s9", std::nullopt, 1.0, std::nullopt}}, 0, 0});
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().field, "/changes/0/step_id");
}

TEST_F(ProcessMapsTest, EverySaveIsARevisionAndAStaleSaveIsRefused) {
  auto map = app_->process_maps().Create(lead_, teams_[0].id, "MS service", Content());
  ASSERT_OK(map);
  const Id id = map->map.id;
  ProcessMapContent changed = Content();
  changed.steps[1].title = "Infusion at home";
  changed.steps.pop_back();
  changed.arrows.pop_back();
  EXPECT_ERROR(app_->process_maps().Save(lead_, id, std::nullopt, changed, std::nullopt),
               ErrorCode::kPreconditionRequired);
  auto saved = app_->process_maps().Save(lead_, id, "MS care", changed, RevisionEtag(1));
  ASSERT_OK(saved);
  EXPECT_EQ(saved->map.latest.number, 2);
  EXPECT_EQ(saved->map.name, "MS care");
  EXPECT_ERROR(app_->process_maps().Save(lead_, id, std::nullopt, Content(), RevisionEtag(1)),
               ErrorCode::kConflict);
  auto diff = app_->process_maps().Diff(lead_, id, 1, 2);
  ASSERT_OK(diff);
  EXPECT_EQ(diff->steps_removed, std::vector<std::string>{"s3"});
  EXPECT_EQ(diff->steps_changed, std::vector<std::string>{"s2"});
  EXPECT_EQ(diff->arrows_removed, std::vector<std::string>{"s2->s3"});
  auto restored = app_->process_maps().Restore(lead_, id, 1, RevisionEtag(2));
  ASSERT_OK(restored);
  EXPECT_EQ(restored->map.latest.number, 3);
  EXPECT_EQ(restored->map.latest.restored_from, 1);
  EXPECT_EQ(restored->map.latest.content.steps.size(), 3U);
  auto history = app_->process_maps().Revisions(lead_, id);
  ASSERT_OK(history);
  EXPECT_EQ(history->size(), 3U);
}

TEST_F(ProcessMapsTest, TheTeamsOwnAndItsResourcesOnly) {
  EXPECT_ERROR(app_->process_maps().Create(other_lead_, teams_[0].id, "x", Content()),
               ErrorCode::kPermissionDenied);
  EXPECT_ERROR(app_->process_maps().Create(facilitator_, teams_[0].id, "x", Content()),
               ErrorCode::kPermissionDenied);
  auto theirs = app_->costs().CreateResource(other_lead_, teams_[1].id,
                                             {0, 0, "Their nurse", ResourceKind::kStaff, 5, {}, {}});
  ASSERT_OK(theirs);
  ProcessMapContent c = Content();
  c.steps[1].resources = {{theirs->id, 10}};
  auto refused = app_->process_maps().Create(lead_, teams_[0].id, "x", c);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().field, "/steps/1/resources/0/resource_id");
  c = Content();
  c.steps[0].configuration = ValueConfiguration::kAccess;
  c.steps[2].lane_id = "nowhere";
  EXPECT_EQ(app_->process_maps().Create(lead_, teams_[0].id, "x", c).error().field,
            "/steps/2/lane_id");
  auto map = app_->process_maps().Create(admin_, teams_[0].id, "By the admin", Content());
  ASSERT_OK(map);
  EXPECT_ERROR(app_->process_maps().Get(other_lead_, map->map.id), ErrorCode::kPermissionDenied);
  EXPECT_ERROR(app_->process_maps().Costs(facilitator_, map->map.id, std::nullopt),
               ErrorCode::kPermissionDenied);
  EXPECT_ERROR(app_->costs().ListResources(other_lead_, teams_[0].id), ErrorCode::kPermissionDenied);
  auto listed = app_->process_maps().List(lead_, teams_[0].id);
  ASSERT_OK(listed);
  EXPECT_EQ(listed->size(), 1U);
  EXPECT_ERROR(app_->community().SetSiteCosting(lead_, sites_[0].id, "EUR", std::nullopt),
               ErrorCode::kPermissionDenied);
  auto negative = app_->community().SetSiteCosting(admin_, sites_[0].id, std::nullopt, -1.0);
  ASSERT_FALSE(negative);
  EXPECT_EQ(negative.error().field, "/person_time_value_per_minute");
}

}  // namespace
}  // namespace covalue::app
