#include "app/demo/demo_community.h"

#include <set>

#include "app/demo/demo_sites.h"
#include "support/app_fixture.h"

namespace covalue::app::demo {
namespace {

using DemoCommunityTest = EmptyAppTest;

TEST_F(DemoCommunityTest, WritesTwelveSitesInFourCountriesWithATeamEachAndEveryRole) {
  auto demo = WriteDemoCommunity(*app_, 7);
  ASSERT_OK(demo);
  EXPECT_TRUE(demo->written);
  auto sites = app_->ListSites(system_, {});
  ASSERT_OK(sites);
  ASSERT_EQ(sites->items.size(), 12U);
  std::set<std::string> countries;
  for (const Site& s : sites->items) {
    countries.insert(s.country);
  }
  EXPECT_EQ(countries.size(), 4U);
  auto teams = app_->ListTeams(system_, {});
  ASSERT_OK(teams);
  EXPECT_EQ(teams->items.size(), 12U);

  std::set<Role> roles;
  for (const DemoLogin& login : demo->logins) {
    roles.insert(login.role);
    auto signed_in = app_->Login(RequestContext{}, login.username, login.password);
    ASSERT_OK(signed_in);
    if (RoleNeedsTeam(login.role)) {
      ASSERT_TRUE(signed_in->user.memberships[0].team_id.has_value()) << login.username;
    }
  }
  EXPECT_EQ(roles.size(), std::size(kAllRoles));
}

TEST_F(DemoCommunityTest, TheSameSeedGivesTheSamePasswordsAndASecondRunWritesNothing) {
  auto first = WriteDemoCommunity(*app_, 7);
  ASSERT_OK(first);
  auto again = WriteDemoCommunity(*app_, 7);
  ASSERT_OK(again);
  EXPECT_FALSE(again->written);
  ASSERT_EQ(first->logins.size(), again->logins.size());
  for (std::size_t i = 0; i < first->logins.size(); ++i) {
    EXPECT_EQ(first->logins[i].password, again->logins[i].password);
    EXPECT_EQ(first->logins[i].site_id, again->logins[i].site_id);
  }
  EXPECT_NE(DemoPassword(7, "admin"), DemoPassword(8, "admin"));
  EXPECT_NE(DemoPassword(7, "admin"), DemoPassword(7, "facilitator"));
  EXPECT_GE(DemoPassword(7, "admin").size(), 10U);
}

}  // namespace
}  // namespace covalue::app::demo
