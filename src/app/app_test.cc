#include <algorithm>

#include "support/app_fixture.h"

namespace covalue::app {
namespace {

bool Recorded(const std::vector<AuditRecord>& trail, std::string_view action, AuditOutcome outcome,
              const std::string& request_id) {
  return std::any_of(trail.begin(), trail.end(), [&](const AuditRecord& r) {
    return r.action == action && r.outcome == outcome && r.request_id == request_id;
  });
}

TEST_F(AppTest, APatientIsRefusedAnotherSitesTeamAndBothAttemptsAreAudited) {
  RequestContext patient = As("pat", {Role::kPatient, sites_[0].id, std::nullopt});
  RequestContext lead = As("lea", {Role::kTeamLead, std::nullopt, teams_[0].id});
  EXPECT_ERROR(app_->GetTeam(patient, teams_[1].id), ErrorCode::kPermissionDenied);
  auto read = app_->GetTeam(lead, teams_[0].id);
  ASSERT_OK(read);
  ASSERT_EQ(read->members.size(), 1U);
  EXPECT_EQ(read->members[0].username, "lea");
  auto trail = AuditTrail();
  EXPECT_TRUE(Recorded(trail, "team.read", AuditOutcome::kDenied, "req-pat"));
  EXPECT_TRUE(Recorded(trail, "team.read", AuditOutcome::kAllowed, "req-lea"));
}

TEST_F(AppTest, ATeamMembershipTakesItsTeamsSite) {
  RequestContext lead = As("lea", {Role::kTeamLead, std::nullopt, teams_[1].id});
  ASSERT_EQ(lead.principal->memberships.size(), 1U);
  EXPECT_EQ(lead.principal->memberships[0].site_id, sites_[1].id);
  auto mismatched = app_->CreateUser(
      system_,
      NewUser{"bad", "Bad", "a long password", {{Role::kTeamLead, sites_[0].id, teams_[1].id}}});
  ASSERT_FALSE(mismatched.has_value());
  EXPECT_EQ(mismatched.error().field, "/memberships/0/site_id");
}

TEST_F(AppTest, TeamListsShowOwnTeamsToMembersAndAllToFacilitators) {
  RequestContext member = As("mem", {Role::kTeamMember, std::nullopt, teams_[1].id});
  RequestContext facilitator = As("fac", {Role::kFacilitator, std::nullopt, std::nullopt});
  auto own = app_->ListTeams(member, {});
  ASSERT_OK(own);
  ASSERT_EQ(own->items.size(), 1U);
  EXPECT_EQ(own->items[0].id, teams_[1].id);
  auto all = app_->ListTeams(facilitator, {});
  ASSERT_OK(all);
  EXPECT_EQ(all->items.size(), 2U);
}

TEST_F(AppTest, ATeamLeadAddsAndRemovesMembersOfTheirTeamOnly) {
  RequestContext lead = As("lea", {Role::kTeamLead, std::nullopt, teams_[0].id});
  RequestContext other_lead = As("olle", {Role::kTeamLead, std::nullopt, teams_[1].id});
  RequestContext nurse = As("nurse", {Role::kProfessional, sites_[0].id, std::nullopt});
  const Id nurse_id = nurse.principal->user_id;
  EXPECT_ERROR(app_->AddTeamMember(other_lead, teams_[0].id, nurse_id, Role::kTeamMember),
               ErrorCode::kPermissionDenied);
  EXPECT_ERROR(app_->AddTeamMember(lead, teams_[0].id, nurse_id, Role::kPatient),
               ErrorCode::kInvalidArgument);
  auto added = app_->AddTeamMember(lead, teams_[0].id, nurse_id, Role::kTeamMember);
  ASSERT_OK(added);
  EXPECT_EQ(added->members.size(), 2U);
  auto teams = app_->ListTeams(nurse, {});
  ASSERT_OK(teams);
  ASSERT_EQ(teams->items.size(), 1U);
  auto removed = app_->RemoveTeamMember(lead, teams_[0].id, nurse_id);
  ASSERT_OK(removed);
  EXPECT_EQ(removed->members.size(), 1U);
  EXPECT_ERROR(app_->RemoveTeamMember(lead, teams_[0].id, nurse_id), ErrorCode::kNotFound);
  teams = app_->ListTeams(nurse, {});
  ASSERT_OK(teams);
  EXPECT_TRUE(teams->items.empty());
}

TEST_F(AppTest, LoginGivesASessionThatAuthenticatesUntilLogout) {
  As("anna", {Role::kProfessional, sites_[0].id, std::nullopt});
  RequestContext anonymous{std::nullopt, "req-login", "127.0.0.1"};
  EXPECT_ERROR(app_->Login(anonymous, "anna", "wrong password"), ErrorCode::kUnauthenticated);
  EXPECT_ERROR(app_->Login(anonymous, "nobody", "a long password"), ErrorCode::kUnauthenticated);
  auto signed_in = app_->Login(anonymous, "anna", "a long password");
  ASSERT_OK(signed_in);
  auto principal = app_->AuthenticateSession(signed_in->session_token);
  ASSERT_OK(principal);
  EXPECT_EQ(principal->username, "anna");
  RequestContext anna{*principal, "req-logout", "127.0.0.1"};
  ASSERT_OK(app_->Logout(anna, signed_in->session_token));
  EXPECT_ERROR(app_->AuthenticateSession(signed_in->session_token), ErrorCode::kUnauthenticated);
  EXPECT_TRUE(Recorded(AuditTrail(), "auth.login", AuditOutcome::kDenied, "req-login"));
}

TEST_F(AppTest, RepeatedWrongPasswordsAreThrottledEvenForTheRightOne) {
  As("anna", {Role::kProfessional, sites_[0].id, std::nullopt});
  RequestContext anonymous{std::nullopt, "r", "127.0.0.1"};
  for (int i = 0; i < auth::LoginThrottle::kFreeFailures; ++i) {
    EXPECT_ERROR(app_->Login(anonymous, "anna", "wrong password"), ErrorCode::kUnauthenticated);
  }
  EXPECT_ERROR(app_->Login(anonymous, "anna", "a long password"), ErrorCode::kResourceExhausted);
  EXPECT_GT(app_->LoginRetryAfter("anna", "127.0.0.1"), 0);
  // Anna at her own desk is not locked out by what another address tried.
  RequestContext at_her_desk{std::nullopt, "r", "10.0.0.7"};
  ASSERT_OK(app_->Login(at_her_desk, "anna", "a long password"));
}

TEST_F(AppTest, TokensAuthenticateUntilRevokedAndOnlyTheirOwnerRevokesThem) {
  RequestContext anna = As("anna", {Role::kProfessional, sites_[0].id, std::nullopt});
  RequestContext bert = As("bert", {Role::kProfessional, sites_[0].id, std::nullopt});
  auto issued = app_->CreateToken(anna, "laptop");
  ASSERT_OK(issued);
  auto principal = app_->AuthenticateToken(issued->secret);
  ASSERT_OK(principal);
  EXPECT_EQ(principal->username, "anna");
  EXPECT_ERROR(app_->RevokeToken(bert, issued->token.id), ErrorCode::kNotFound);
  ASSERT_OK(app_->RevokeToken(anna, issued->token.id));
  EXPECT_ERROR(app_->AuthenticateToken(issued->secret), ErrorCode::kUnauthenticated);
}

TEST_F(AppTest, UsersReadThemselvesNotOthersAndAdminsListOnlyTheirSite) {
  RequestContext pat = As("pat", {Role::kPatient, sites_[0].id, std::nullopt});
  RequestContext other = As("other", {Role::kPatient, sites_[1].id, std::nullopt});
  RequestContext admin_a = As("admin-a", {Role::kAdmin, sites_[0].id, std::nullopt});
  ASSERT_OK(app_->Me(pat));
  EXPECT_ERROR(app_->GetUser(pat, other.principal->user_id), ErrorCode::kPermissionDenied);
  EXPECT_ERROR(app_->ListUsers(pat, {}), ErrorCode::kPermissionDenied);
  auto listed = app_->ListUsers(admin_a, {});
  ASSERT_OK(listed);
  std::vector<std::string> names;
  for (const User& u : listed->items) {
    names.push_back(u.username);
  }
  EXPECT_EQ(names, (std::vector<std::string>{"pat", "admin-a"}));
  EXPECT_ERROR(app_->GetUser(admin_a, other.principal->user_id), ErrorCode::kPermissionDenied);
}

TEST_F(AppTest, ASiteAdminCannotGrantRolesElsewhere) {
  RequestContext admin_a = As("admin-a", {Role::kAdmin, sites_[0].id, std::nullopt});
  ASSERT_OK(app_->CreateUser(
      admin_a,
      NewUser{"new-a", "New", "a long password", {{Role::kPatient, sites_[0].id, std::nullopt}}}));
  EXPECT_ERROR(app_->CreateUser(admin_a, NewUser{"new-b",
                                                 "New",
                                                 "a long password",
                                                 {{Role::kPatient, sites_[1].id, std::nullopt}}}),
               ErrorCode::kPermissionDenied);
  EXPECT_ERROR(
      app_->CreateUser(
          admin_a,
          NewUser{"boss", "Boss", "a long password", {{Role::kAdmin, std::nullopt, std::nullopt}}}),
      ErrorCode::kPermissionDenied);
}

TEST_F(AppTest, ValidationNamesTheFieldAndWritesNothing) {
  auto bad = app_->community().CreateSite(system_, Site{0, "Fine name", "Sweden"});
  ASSERT_FALSE(bad.has_value());
  EXPECT_EQ(bad.error().field, "/country");
  auto sites = app_->community().ListSites(system_, {});
  ASSERT_OK(sites);
  EXPECT_EQ(sites->items.size(), 2U);
  EXPECT_ERROR(app_->community().ListSites(RequestContext{}, {}), ErrorCode::kUnauthenticated);
}

}  // namespace
}  // namespace covalue::app
