// Prices through the app: a site's unit-cost table replaced whole by its admins (its currency
// becoming the site's), costing settings defaulting to the country's currency, and resources
// that are the team's, their rates computed from annual cost and capacity.

#include "app/costs/costs.h"

#include <gtest/gtest.h>

#include "support/app_fixture.h"

namespace covalue::app {
namespace {

class CostsTest : public AppTest {
 protected:
  void SetUp() override {
    AppTest::SetUp();
    admin_ = As("anna", {Role::kAdmin, sites_[0].id, std::nullopt});
    other_admin_ = As("bert", {Role::kAdmin, sites_[1].id, std::nullopt});
    lead_ = As("lena", {Role::kTeamLead, sites_[0].id, teams_[0].id});
    patient_ = As("pia", {Role::kPatient, sites_[0].id, std::nullopt});
  }
  RequestContext admin_, other_admin_, lead_, patient_;
};

TEST_F(CostsTest, ASitesAdminsReplaceItsUnitCostTableWhole) {
  auto costing = app_->community().GetSiteCosting(patient_, sites_[0].id);
  ASSERT_OK(costing);
  EXPECT_EQ(costing->currency, "SEK");  // Site A is Swedish
  EXPECT_EQ(costing->person_time_value_per_minute, 0);

  ASSERT_OK(app_->costs().ReplaceUnitCosts(admin_, sites_[0].id,
                                           {{"OPV", 95, "EUR", "2025-01-01"}}));
  EXPECT_EQ(app_->community().GetSiteCosting(lead_, sites_[0].id)->currency, "EUR");
  EXPECT_ERROR(app_->costs().ReplaceUnitCosts(lead_, sites_[0].id, {}),
               ErrorCode::kPermissionDenied);
  EXPECT_ERROR(app_->costs().ReplaceUnitCosts(other_admin_, sites_[0].id, {}),
               ErrorCode::kPermissionDenied);
  // A faulty table changes nothing.
  auto bad = app_->costs().ReplaceUnitCosts(admin_, sites_[0].id,
                                            {{"OPV", 100, "EUR", "2026-01-01"},
                                             {"IPD", 900, "EUR", "2026-02-30"}});
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().field, "/1/valid_from");
  auto table = app_->costs().UnitCosts(patient_, sites_[0].id);
  ASSERT_OK(table);
  ASSERT_EQ(table->size(), 1U);
  EXPECT_EQ((*table)[0].unit_cost, 95);
  EXPECT_ERROR(app_->costs().UnitCosts(patient_, 999), ErrorCode::kNotFound);

  ASSERT_OK(app_->community().SetSiteCosting(admin_, sites_[0].id, std::nullopt, 3.5));
  EXPECT_EQ(app_->community().GetSiteCosting(lead_, sites_[0].id)->person_time_value_per_minute, 3.5);
  EXPECT_ERROR(app_->community().SetSiteCosting(lead_, sites_[0].id, std::nullopt, 1.0),
               ErrorCode::kPermissionDenied);
  EXPECT_EQ(app_->community().SetSiteCosting(admin_, sites_[0].id, "kr", std::nullopt).error().field,
            "/currency");
}

TEST_F(CostsTest, ResourcesAreTheTeams) {
  auto room = app_->costs().CreateResource(
      lead_, teams_[0].id, {0, 0, "Infusion room", ResourceKind::kRoom, 0, 120000.0, 60000.0});
  ASSERT_OK(room);
  EXPECT_DOUBLE_EQ(room->rate_per_minute, 2.0);
  EXPECT_EQ(room->team_id, teams_[0].id);
  EXPECT_ERROR(app_->costs().CreateResource(patient_, teams_[0].id,
                                            {0, 0, "x", ResourceKind::kRoom, 1, {}, {}}),
               ErrorCode::kPermissionDenied);
  EXPECT_ERROR(app_->costs().UpdateResource(other_admin_, room->id,
                                            {0, 0, "x", ResourceKind::kRoom, 1, {}, {}}),
               ErrorCode::kPermissionDenied);
  auto changed = app_->costs().UpdateResource(lead_, room->id,
                                              {0, 0, "Room 2", ResourceKind::kRoom, 1.25, {}, {}});
  ASSERT_OK(changed);
  EXPECT_EQ(changed->rate_per_minute, 1.25);
  auto listed = app_->costs().ListResources(admin_, teams_[0].id);
  ASSERT_OK(listed);
  ASSERT_EQ(listed->size(), 1U);
  EXPECT_EQ((*listed)[0].name, "Room 2");
  EXPECT_FALSE((*listed)[0].annual_cost.has_value());
  ASSERT_OK(app_->costs().DeleteResource(lead_, room->id));
  EXPECT_ERROR(app_->costs().DeleteResource(lead_, room->id), ErrorCode::kNotFound);
  EXPECT_ERROR(app_->costs().CreateResource(lead_, 999, {0, 0, "x", ResourceKind::kRoom, 1, {}, {}}),
               ErrorCode::kNotFound);
}

}  // namespace
}  // namespace covalue::app
