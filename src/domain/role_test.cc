#include "domain/role.h"

#include <gtest/gtest.h>

namespace covalue {
namespace {

TEST(Role, EveryRoleRoundTripsThroughItsWireName) {
  for (Role role : kAllRoles) {
    auto parsed = ParseRole(RoleName(role));
    ASSERT_TRUE(parsed.has_value());
    EXPECT_EQ(*parsed, role);
  }
}

TEST(Role, UnknownAndDifferentlyCasedNamesAreRefused) {
  EXPECT_FALSE(ParseRole("Admin").has_value());
  EXPECT_FALSE(ParseRole("superuser").has_value());
  EXPECT_FALSE(ParseRole("").has_value());
}

TEST(Role, OnlyTeamRolesNeedATeam) {
  EXPECT_TRUE(RoleNeedsTeam(Role::kTeamLead));
  EXPECT_TRUE(RoleNeedsTeam(Role::kTeamMember));
  EXPECT_FALSE(RoleNeedsTeam(Role::kPatient));
  EXPECT_FALSE(RoleMayBeCommunityWide(Role::kPatient));
  EXPECT_TRUE(RoleMayBeCommunityWide(Role::kFacilitator));
}

}  // namespace
}  // namespace covalue
