#include "app/community/community.h"

#include <algorithm>

#include "support/app_fixture.h"

namespace covalue::app {
namespace {

class CommunityTest : public AppTest {
 protected:
  void SetUp() override {
    AppTest::SetUp();
    gate_ = std::make_unique<Gate>(*store_);
    community_ = std::make_unique<Community>(*store_, *gate_, [this] { ++sites_changed_; });
    site_admin_ = As("admin-a", {Role::kAdmin, sites_[0].id, std::nullopt});
  }

  std::int64_t Denials(Action action) {
    const auto trail = AuditTrail();
    return std::count_if(trail.begin(), trail.end(), [&](const AuditRecord& r) {
      return r.action == ActionName(action) && r.outcome == AuditOutcome::kDenied;
    });
  }

  std::unique_ptr<Gate> gate_;
  std::unique_ptr<Community> community_;
  int sites_changed_ = 0;
  RequestContext site_admin_;
};

TEST_F(CommunityTest, OnlyTheCommunityAdminCreatesAndChangesSitesAndTheStoreIsTold) {
  EXPECT_ERROR(community_->CreateSite(site_admin_, Site{0, "Region Norr", "SE"}),
               ErrorCode::kPermissionDenied);
  EXPECT_ERROR(community_->UpdateSite(site_admin_, sites_[0].id, {"Renamed", std::nullopt}),
               ErrorCode::kPermissionDenied);
  EXPECT_EQ(Denials(Action::kSiteCreate), 1);
  EXPECT_EQ(Denials(Action::kSiteUpdate), 1);
  EXPECT_EQ(sites_changed_, 0);

  auto created = community_->CreateSite(system_, Site{0, "Region Norr", "SE"});
  ASSERT_OK(created);
  EXPECT_EQ(sites_changed_, 1);
  auto renamed = community_->UpdateSite(system_, created->id, {"Region Nord", "NO"});
  ASSERT_OK(renamed);
  EXPECT_EQ(renamed->country, "NO");
  EXPECT_EQ(sites_changed_, 2);
  auto read = community_->GetSite(site_admin_, created->id);
  ASSERT_OK(read);
  EXPECT_EQ(read->name, "Region Nord");
}

TEST_F(CommunityTest, ASiteIsCheckedFieldByField) {
  const auto name_taken = community_->CreateSite(system_, Site{0, sites_[0].name, "SE"});
  EXPECT_ERROR(name_taken, ErrorCode::kConflict);
  const auto country = community_->CreateSite(system_, Site{0, "Somewhere", "Sweden"});
  ASSERT_FALSE(country.has_value());
  EXPECT_EQ(country.error().field, "/country");
  const auto name = community_->CreateSite(system_, Site{0, "", "SE"});
  ASSERT_FALSE(name.has_value());
  EXPECT_EQ(name.error().field, "/name");
  EXPECT_EQ(sites_changed_, 0);
}

TEST_F(CommunityTest, ASitesAdminsKeepItsPopulationsAndNoOtherSites) {
  auto mine = community_->CreatePopulation(site_admin_, {0, sites_[0].id, "People with IBD", ""});
  ASSERT_OK(mine);
  EXPECT_ERROR(community_->CreatePopulation(site_admin_, {0, sites_[1].id, "Elsewhere", ""}),
               ErrorCode::kPermissionDenied);
  EXPECT_EQ(Denials(Action::kPopulationCreate), 1);
  const auto long_text =
      community_->UpdatePopulation(site_admin_, mine->id, {std::nullopt, std::string(2001, 'x')});
  ASSERT_FALSE(long_text.has_value());
  EXPECT_EQ(long_text.error().field, "/description");

  auto of_site = community_->ListPopulations(site_admin_, {}, sites_[0].id);
  ASSERT_OK(of_site);
  EXPECT_EQ(of_site->items.size(), 2U);  // the fixture's and this one
  for (const Population& p : of_site->items) {
    EXPECT_EQ(p.site_id, sites_[0].id);
  }
}

}  // namespace
}  // namespace covalue::app
