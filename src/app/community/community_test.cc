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
    accounts_ = std::make_unique<Accounts>(*store_, *gate_);
    community_ =
        std::make_unique<Community>(*store_, *gate_, *accounts_, [this] { ++sites_changed_; });
    site_admin_ = As("admin-a", {Role::kAdmin, sites_[0].id, std::nullopt});
  }

  std::int64_t Denials(Action action) {
    const auto trail = AuditTrail();
    return std::count_if(trail.begin(), trail.end(), [&](const AuditRecord& r) {
      return r.action == ActionName(action) && r.outcome == AuditOutcome::kDenied;
    });
  }

  std::unique_ptr<Gate> gate_;
  std::unique_ptr<Accounts> accounts_;
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

using TeamsTest = AppTest;

bool Recorded(const std::vector<AuditRecord>& trail, std::string_view action, AuditOutcome outcome,
              const std::string& request_id) {
  return std::any_of(trail.begin(), trail.end(), [&](const AuditRecord& r) {
    return r.action == action && r.outcome == outcome && r.request_id == request_id;
  });
}

TEST_F(TeamsTest, APatientIsRefusedAnotherSitesTeamAndBothAttemptsAreAudited) {
  RequestContext patient = As("pat", {Role::kPatient, sites_[0].id, std::nullopt});
  RequestContext lead = As("lea", {Role::kTeamLead, std::nullopt, teams_[0].id});
  EXPECT_ERROR(app_->community().GetTeam(patient, teams_[1].id), ErrorCode::kPermissionDenied);
  auto read = app_->community().GetTeam(lead, teams_[0].id);
  ASSERT_OK(read);
  ASSERT_EQ(read->members.size(), 1U);
  EXPECT_EQ(read->members[0].username, "lea");
  auto trail = AuditTrail();
  EXPECT_TRUE(Recorded(trail, "team.read", AuditOutcome::kDenied, "req-pat"));
  EXPECT_TRUE(Recorded(trail, "team.read", AuditOutcome::kAllowed, "req-lea"));
}

TEST_F(TeamsTest, ATeamMembershipTakesItsTeamsSite) {
  RequestContext lead = As("lea", {Role::kTeamLead, std::nullopt, teams_[1].id});
  ASSERT_EQ(lead.principal->memberships.size(), 1U);
  EXPECT_EQ(lead.principal->memberships[0].site_id, sites_[1].id);
  auto mismatched = app_->accounts().CreateUser(
      system_,
      NewUser{"bad", "Bad", "a long password", {{Role::kTeamLead, sites_[0].id, teams_[1].id}}});
  ASSERT_FALSE(mismatched.has_value());
  EXPECT_EQ(mismatched.error().field, "/memberships/0/site_id");
}

TEST_F(TeamsTest, TeamListsShowOwnTeamsToMembersAndAllToFacilitators) {
  RequestContext member = As("mem", {Role::kTeamMember, std::nullopt, teams_[1].id});
  RequestContext facilitator = As("fac", {Role::kFacilitator, std::nullopt, std::nullopt});
  auto own = app_->community().ListTeams(member, {});
  ASSERT_OK(own);
  ASSERT_EQ(own->items.size(), 1U);
  EXPECT_EQ(own->items[0].id, teams_[1].id);
  auto all = app_->community().ListTeams(facilitator, {});
  ASSERT_OK(all);
  EXPECT_EQ(all->items.size(), 2U);
}

TEST_F(TeamsTest, ATeamLeadAddsAndRemovesMembersOfTheirTeamOnly) {
  RequestContext lead = As("lea", {Role::kTeamLead, std::nullopt, teams_[0].id});
  RequestContext other_lead = As("olle", {Role::kTeamLead, std::nullopt, teams_[1].id});
  RequestContext nurse = As("nurse", {Role::kProfessional, sites_[0].id, std::nullopt});
  const Id nurse_id = nurse.principal->user_id;
  EXPECT_ERROR(
      app_->community().AddTeamMember(other_lead, teams_[0].id, nurse_id, Role::kTeamMember),
      ErrorCode::kPermissionDenied);
  EXPECT_ERROR(app_->community().AddTeamMember(lead, teams_[0].id, nurse_id, Role::kPatient),
               ErrorCode::kInvalidArgument);
  auto added = app_->community().AddTeamMember(lead, teams_[0].id, nurse_id, Role::kTeamMember);
  ASSERT_OK(added);
  EXPECT_EQ(added->members.size(), 2U);
  auto teams = app_->community().ListTeams(nurse, {});
  ASSERT_OK(teams);
  ASSERT_EQ(teams->items.size(), 1U);
  auto removed = app_->community().RemoveTeamMember(lead, teams_[0].id, nurse_id);
  ASSERT_OK(removed);
  EXPECT_EQ(removed->members.size(), 1U);
  EXPECT_ERROR(app_->community().RemoveTeamMember(lead, teams_[0].id, nurse_id),
               ErrorCode::kNotFound);
  teams = app_->community().ListTeams(nurse, {});
  ASSERT_OK(teams);
  EXPECT_TRUE(teams->items.empty());
}

}  // namespace
}  // namespace covalue::app
