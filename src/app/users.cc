#include <algorithm>
#include <set>

#include "app/app.h"
#include "app/auth/crypto.h"
#include "domain/validation.h"

namespace covalue::app {
namespace {

std::vector<Id> SitesOf(const User& user) {
  std::set<Id> sites;
  for (const Membership& m : user.memberships) {
    if (m.site_id) {
      sites.insert(*m.site_id);
    }
  }
  return {sites.begin(), sites.end()};
}

Target UserTarget(const User& user) {
  return Target{std::nullopt, std::nullopt, user.id, SitesOf(user)};
}

// A site admin (not of the community) sees users of one of their sites; nullopt: all users.
std::optional<Id> AdminScope(const Principal& p) {
  std::optional<Id> site;
  for (const Membership& m : p.memberships) {
    if (m.role == Role::kAdmin) {
      if (!m.site_id) {
        return std::nullopt;
      }
      site = site.value_or(*m.site_id);
    }
  }
  return site;
}

}  // namespace

Result<Page<User>> App::ListUsers(const RequestContext& ctx, const PageRequest& page) {
  COVALUE_ASSIGN_OR_RETURN(Principal principal, Require(ctx));
  const Subject subject{"user", "", {}};
  COVALUE_ASSIGN_OR_RETURN(Decision decision,
                           Permit(ctx, principal, Action::kUserList, {}, subject));
  const std::optional<Id> scope = AdminScope(principal);
  COVALUE_RETURN_IF_ERROR(
      RecordRead(ctx, decision, Action::kUserList, {scope, {}, {}, {}}, subject));
  return ReadValue<Page<User>>(store_,
                               [&](store::Repositories& r) { return r.Users().List(page, scope); });
}

Result<User> App::GetUser(const RequestContext& ctx, Id id) {
  COVALUE_ASSIGN_OR_RETURN(Principal principal, Require(ctx));
  auto user = ReadValue<User>(store_, [&](store::Repositories& r) { return r.Users().Get(id); });
  // An unknown id is refused like a forbidden one, so that ids cannot be probed.
  const Target target = user ? UserTarget(*user) : Target{std::nullopt, std::nullopt, id, {}};
  const Subject subject{"user", std::to_string(id), id};
  COVALUE_ASSIGN_OR_RETURN(Decision decision,
                           Permit(ctx, principal, Action::kUserRead, target, subject));
  if (!user) {
    return Fail(user.error());
  }
  COVALUE_RETURN_IF_ERROR(RecordRead(ctx, decision, Action::kUserRead, target, subject));
  return user;
}

Result<User> App::Me(const RequestContext& ctx) {
  COVALUE_ASSIGN_OR_RETURN(Principal principal, Require(ctx));
  return GetUser(ctx, principal.user_id);
}

Result<User> App::GetUserByUsername(const RequestContext& ctx, const std::string& username) {
  COVALUE_RETURN_IF_ERROR(Require(ctx));
  auto found = ReadValue<store::UserCredentials>(
      store_, [&](store::Repositories& r) { return r.Users().FindByUsername(username); });
  if (!found) {
    return Fail(found.error().code, found.error().message, "username");
  }
  return GetUser(ctx, found->user.id);
}

Result<User> App::CreateUser(const RequestContext& ctx, const NewUser& user) {
  COVALUE_ASSIGN_OR_RETURN(Principal principal, Require(ctx));
  COVALUE_RETURN_IF_ERROR(ValidateUsername(user.username, "/username"));
  COVALUE_RETURN_IF_ERROR(ValidateText(user.display_name, "/display_name", 200));
  COVALUE_RETURN_IF_ERROR(ValidatePassword(user.password, "/password"));
  const Subject subject{"user", "", {}};
  COVALUE_ASSIGN_OR_RETURN(Decision decision,
                           Permit(ctx, principal, Action::kUserCreate, {}, subject));
  COVALUE_ASSIGN_OR_RETURN(auto memberships, CheckMemberships(ctx, principal, user.memberships));
  COVALUE_ASSIGN_OR_RETURN(std::string hash, auth::HashPassword(user.password));
  return store::WriteValue<User>(store_, [&](store::Repositories& repos) -> Result<User> {
    COVALUE_ASSIGN_OR_RETURN(
        User created,
        repos.Users().Create(User{0, user.username, user.display_name, memberships}, hash));
    COVALUE_RETURN_IF_ERROR(
        AppendAudit(repos, ctx, decision, Action::kUserCreate, UserTarget(created),
                    {"user", std::to_string(created.id), created.id}, AuditOutcome::kAllowed));
    return created;
  });
}

Result<User> App::UpdateUser(const RequestContext& ctx, Id id, const UserChanges& changes) {
  COVALUE_ASSIGN_OR_RETURN(Principal principal, Require(ctx));
  auto user = ReadValue<User>(store_, [&](store::Repositories& r) { return r.Users().Get(id); });
  const Target target = user ? UserTarget(*user) : Target{std::nullopt, std::nullopt, id, {}};
  const Subject subject{"user", std::to_string(id), id};
  COVALUE_ASSIGN_OR_RETURN(Decision decision,
                           Permit(ctx, principal, Action::kUserUpdate, target, subject));
  if (!user) {
    return Fail(user.error());
  }
  if (changes.display_name) {
    COVALUE_RETURN_IF_ERROR(ValidateText(*changes.display_name, "/display_name", 200));
    user->display_name = *changes.display_name;
  }
  std::optional<std::string> hash;
  if (changes.password) {
    COVALUE_RETURN_IF_ERROR(ValidatePassword(*changes.password, "/password"));
    COVALUE_ASSIGN_OR_RETURN(hash, auth::HashPassword(*changes.password));
  }
  COVALUE_RETURN_IF_ERROR(store_.Write([&](store::Repositories& repos) -> Status {
    if (changes.display_name) {
      COVALUE_RETURN_IF_ERROR(repos.Users().SetDisplayName(id, *changes.display_name));
    }
    if (hash) {
      COVALUE_RETURN_IF_ERROR(repos.Users().SetPassword(id, *hash));
      // A new password ends every session of the account.
      COVALUE_RETURN_IF_ERROR(repos.Credentials().DeleteSessionsOf(id));
    }
    return AppendAudit(repos, ctx, decision, Action::kUserUpdate, target, subject,
                       AuditOutcome::kAllowed);
  }));
  return *user;
}

}  // namespace covalue::app
