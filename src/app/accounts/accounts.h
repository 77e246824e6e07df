#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "app/accounts/login_throttle.h"
#include "app/accounts/password_pool.h"
#include "app/kernel/context.h"
#include "app/kernel/gate.h"
#include "domain/community.h"
#include "domain/error.h"
#include "domain/page.h"
#include "store/store.h"

namespace covalue::app {

struct SignedIn {
  std::string session_token;  // the secret for the cookie; only its hash is stored
  User user;
  std::int64_t expires_ms = 0;
};

struct IssuedToken {
  ApiToken token;
  std::string secret;  // shown once; only its hash is stored
};

struct NewUser {
  std::string username;
  std::string display_name;
  std::string password;
  std::vector<Membership> memberships;
};

// Changes to an account; absent fields stay as they are.
struct UserChanges {
  std::optional<std::string> display_name;
  std::optional<std::string> password;
  // Needed to change one's own password (not to reset another account's).
  std::optional<std::string> current_password;
  // false deactivates the account (its sessions and tokens end), true reactivates it.
  std::optional<bool> active;
};

// One role held at a site, or community-wide, as that site's admins see it on their "who can
// see our site" page.
struct SiteGrant {
  MembershipGrant grant;
  bool community_wide = false;  // a community role, which reaches the site's aggregates only
  // Granted by someone who is not one of the site's admins (the community's admin, the command
  // line's operator).
  bool from_outside = false;
  bool revocable = false;  // whether the reader may revoke it
};

// Accounts: signing in and out (sessions, throttling, the bounded password pool), bearer
// tokens, users, and the roles they hold (grants), through the one policy function's grant rule.
class Accounts {
 public:
  static constexpr std::int64_t kSessionLifetimeMs = 12LL * 60 * 60 * 1000;  // 12 hours

  // Sign-in failures and successes at the other servers on the database count here too
  // (Store::Publish, channel "sign_in"), so the throttle holds across servers.
  Accounts(store::Store& store, Gate& gate);
  Accounts(const Accounts&) = delete;
  Accounts& operator=(const Accounts&) = delete;

  // Sign-in (sign_in.cc). Login: kUnauthenticated on a wrong username or password or a
  // deactivated account (the same message for all), kResourceExhausted while the username is
  // throttled from the client's address (login_throttle.h), with the seconds to wait in the
  // message, and kUnavailable when too many passwords are being checked at once
  // (password_pool.h).
  [[nodiscard]] Result<SignedIn> Login(const RequestContext& ctx, const std::string& username,
                                       const std::string& password);
  [[nodiscard]] Status Logout(const RequestContext& ctx, const std::string& session_token);
  // The principal of a session cookie or bearer token; kUnauthenticated when unknown or expired.
  [[nodiscard]] Result<Principal> AuthenticateSession(const std::string& session_token);
  [[nodiscard]] Result<Principal> AuthenticateToken(const std::string& bearer_token);
  [[nodiscard]] Result<IssuedToken> CreateToken(const RequestContext& ctx, const std::string& name);
  [[nodiscard]] Result<std::vector<ApiToken>> ListTokens(const RequestContext& ctx);
  [[nodiscard]] Status RevokeToken(const RequestContext& ctx, Id token_id);
  // Seconds a throttled username must wait at address, for a Retry-After header.
  std::int64_t LoginRetryAfter(const std::string& username, const std::string& address);
  // How long a new bearer token lives (Default: kDefaultTokenDays).
  static constexpr int kDefaultTokenDays = 90;
  void SetTokenDays(int days);
  // Users (users.cc). Reads show an account's patient memberships only to that site's admins
  // (and the community's admin, and the account's owner). UpdateUser: the owner changes their
  // own name and password (kInvalidArgument naming /current_password without the current one,
  // kPermissionDenied when it is wrong); whoever administers the account (app/kernel/policy.h
  // AdministersAccount) changes anything of it. A password change or reset and a deactivation
  // end the account's sessions and revoke its bearer tokens.
  [[nodiscard]] Result<Page<User>> ListUsers(const RequestContext& ctx, const PageRequest& page);
  [[nodiscard]] Result<User> GetUser(const RequestContext& ctx, Id id);
  [[nodiscard]] Result<User> Me(const RequestContext& ctx);
  // The account of a username, under the same policy as GetUser.
  [[nodiscard]] Result<User> GetUserByUsername(const RequestContext& ctx,
                                               const std::string& username);
  // kConflict when the username is taken.
  [[nodiscard]] Result<User> CreateUser(const RequestContext& ctx, const NewUser& user);
  [[nodiscard]] Result<User> UpdateUser(const RequestContext& ctx, Id id,
                                        const UserChanges& changes);

  // Roles (grants.cc), through the policy's grant rule (app/kernel/policy.cc Grant, Revoke); every
  // grant and revocation is audited with the site it names. GrantMembership: kConflict when the
  // account holds it already, kNotFound for an unknown account (after the refusal a caller who
  // may not change it gets).
  [[nodiscard]] Result<User> GrantMembership(const RequestContext& ctx, Id user_id,
                                             const Membership& membership);
  // Revokes the membership of a grant id (MembershipGrant::id).
  [[nodiscard]] Status RevokeMembership(const RequestContext& ctx, Id grant_id);
  // Every role held at the site (its staff's, not its patients') and every community-wide one,
  // with who granted each and when: the site's admins' "who can see our site".
  [[nodiscard]] Result<std::vector<SiteGrant>> SiteAccess(const RequestContext& ctx, Id site_id);
  // For the community's teams: takes every team role of user_id in team away (asked as a
  // revocation of a team role, audited with the team's site); kNotFound when they hold none.
  [[nodiscard]] Status RevokeTeamRoles(const RequestContext& ctx, const Team& team, Id user_id);

 private:
  // A membership about to be granted, checked: its site and team exist, the role fits its scope;
  // a team role gets its team's site. Errors name field + "/team_id" or "/site_id".
  Result<Membership> CheckMembership(Membership membership, const std::string& field);
  // Asks the policy whether principal may give m to account (nullopt: an account being created).
  Result<Decision> PermitGrant(const RequestContext& ctx, const Principal& principal,
                               const std::optional<User>& account, const Membership& m);
  // The audit record of a grant or revocation, naming the membership's site.
  Status AppendGrant(store::Repositories& repos, const RequestContext& ctx,
                     const Decision& decision, Action action, Id user_id, const Membership& m);
  // The account as reader may see it: patient memberships reader may not learn are left out.
  User VisibleTo(const Principal& reader, User user) const;
  // Checks the current password of one changing their own (throttled as a sign-in).
  Status CheckCurrentPassword(const RequestContext& ctx, const Principal& principal,
                              const std::optional<std::string>& current);
  Result<Principal> PrincipalOf(Id user_id);
  // The account of id and the decision that lets principal take action on it (a denial
  // audited); an unknown id is refused like a forbidden one, so that ids cannot be probed.
  struct AccountAccess {
    User user;
    Target target;
    Subject subject;
    Decision decision;
  };
  Result<AccountAccess> AccessAccount(const RequestContext& ctx, const Principal& principal, Id id,
                                      Action action);

  // A failed or successful sign-in counted by the throttle here and at the other servers.
  void CountSignIn(bool failed, const std::string& username, const std::string& address);
  // One the other servers counted: "failure|success \n username \n address".
  void OnSignInEvent(std::string_view event);

  store::Store& store_;
  Gate& gate_;
  auth::LoginThrottle throttle_;
  auth::PasswordPool passwords_;
  std::int64_t token_lifetime_ms_ = std::int64_t{kDefaultTokenDays} * 86'400'000;
  std::unique_ptr<store::Subscription> sign_in_events_;  // last: calls into the members above
};

}  // namespace covalue::app
