#include "app/accounts/accounts.h"

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

TEST_F(AppTest, LoginGivesASessionThatAuthenticatesUntilLogout) {
  As("anna", {Role::kProfessional, sites_[0].id, std::nullopt});
  RequestContext anonymous{std::nullopt, "req-login", "127.0.0.1"};
  EXPECT_ERROR(app_->accounts().Login(anonymous, "anna", "wrong password"),
               ErrorCode::kUnauthenticated);
  EXPECT_ERROR(app_->accounts().Login(anonymous, "nobody", "a long password"),
               ErrorCode::kUnauthenticated);
  auto signed_in = app_->accounts().Login(anonymous, "anna", "a long password");
  ASSERT_OK(signed_in);
  auto principal = app_->accounts().AuthenticateSession(signed_in->session_token);
  ASSERT_OK(principal);
  EXPECT_EQ(principal->username, "anna");
  RequestContext anna{*principal, "req-logout", "127.0.0.1"};
  ASSERT_OK(app_->accounts().Logout(anna, signed_in->session_token));
  EXPECT_ERROR(app_->accounts().AuthenticateSession(signed_in->session_token),
               ErrorCode::kUnauthenticated);
  EXPECT_TRUE(Recorded(AuditTrail(), "auth.login", AuditOutcome::kDenied, "req-login"));
}

TEST_F(AppTest, RepeatedWrongPasswordsAreThrottledEvenForTheRightOne) {
  As("anna", {Role::kProfessional, sites_[0].id, std::nullopt});
  RequestContext anonymous{std::nullopt, "r", "127.0.0.1"};
  for (int i = 0; i < auth::LoginThrottle::kFreeFailures; ++i) {
    EXPECT_ERROR(app_->accounts().Login(anonymous, "anna", "wrong password"),
                 ErrorCode::kUnauthenticated);
  }
  EXPECT_ERROR(app_->accounts().Login(anonymous, "anna", "a long password"),
               ErrorCode::kResourceExhausted);
  EXPECT_GT(app_->accounts().LoginRetryAfter("anna", "127.0.0.1"), 0);
  // Anna at her own desk is not locked out by what another address tried.
  RequestContext at_her_desk{std::nullopt, "r", "10.0.0.7"};
  ASSERT_OK(app_->accounts().Login(at_her_desk, "anna", "a long password"));
}

TEST_F(AppTest, TokensAuthenticateUntilRevokedAndOnlyTheirOwnerRevokesThem) {
  RequestContext anna = As("anna", {Role::kProfessional, sites_[0].id, std::nullopt});
  RequestContext bert = As("bert", {Role::kProfessional, sites_[0].id, std::nullopt});
  auto issued = app_->accounts().CreateToken(anna, "laptop");
  ASSERT_OK(issued);
  auto principal = app_->accounts().AuthenticateToken(issued->secret);
  ASSERT_OK(principal);
  EXPECT_EQ(principal->username, "anna");
  EXPECT_ERROR(app_->accounts().RevokeToken(bert, issued->token.id), ErrorCode::kNotFound);
  ASSERT_OK(app_->accounts().RevokeToken(anna, issued->token.id));
  EXPECT_ERROR(app_->accounts().AuthenticateToken(issued->secret), ErrorCode::kUnauthenticated);
}

TEST_F(AppTest, UsersReadThemselvesNotOthersAndAdminsListOnlyTheirSite) {
  RequestContext pat = As("pat", {Role::kPatient, sites_[0].id, std::nullopt});
  RequestContext other = As("other", {Role::kPatient, sites_[1].id, std::nullopt});
  RequestContext admin_a = As("admin-a", {Role::kAdmin, sites_[0].id, std::nullopt});
  ASSERT_OK(app_->accounts().Me(pat));
  EXPECT_ERROR(app_->accounts().GetUser(pat, other.principal->user_id),
               ErrorCode::kPermissionDenied);
  EXPECT_ERROR(app_->accounts().ListUsers(pat, {}), ErrorCode::kPermissionDenied);
  auto listed = app_->accounts().ListUsers(admin_a, {});
  ASSERT_OK(listed);
  std::vector<std::string> names;
  for (const User& u : listed->items) {
    names.push_back(u.username);
  }
  EXPECT_EQ(names, (std::vector<std::string>{"pat", "admin-a"}));
  EXPECT_ERROR(app_->accounts().GetUser(admin_a, other.principal->user_id),
               ErrorCode::kPermissionDenied);
}

TEST_F(AppTest, ASiteAdminCannotGrantRolesElsewhere) {
  RequestContext admin_a = As("admin-a", {Role::kAdmin, sites_[0].id, std::nullopt});
  ASSERT_OK(app_->accounts().CreateUser(
      admin_a,
      NewUser{"new-a", "New", "a long password", {{Role::kPatient, sites_[0].id, std::nullopt}}}));
  EXPECT_ERROR(
      app_->accounts().CreateUser(
          admin_a,
          NewUser{
              "new-b", "New", "a long password", {{Role::kPatient, sites_[1].id, std::nullopt}}}),
      ErrorCode::kPermissionDenied);
  EXPECT_ERROR(
      app_->accounts().CreateUser(
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
