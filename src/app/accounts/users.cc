// Accounts: reading, creating and changing them (DESIGN.md §4 "Auth"). Who may change an
// account is the policy's AdministersAccount; who a patient is stays with their site's admins.

#include <fmt/format.h>

#include "app/accounts/accounts.h"
#include "domain/validation.h"
#include "store/credential_repository.h"
#include "store/user_repository.h"

namespace covalue::app {
namespace {

Target AccountTarget(const User& user) {
  return Target{std::nullopt, std::nullopt, user.id, user.memberships, std::nullopt};
}

}  // namespace

User Accounts::VisibleTo(const Principal& reader, User user) const {
  std::erase_if(user.memberships, [&](const Membership& m) {
    return m.role == Role::kPatient &&
           !Authorize(reader, Action::kPatientMembershipRead, {m.site_id, {}, user.id, {}, {}})
                .allowed;
  });
  return user;
}

Result<Page<User>> Accounts::ListUsers(const RequestContext& ctx, const PageRequest& page) {
  COVALUE_ASSIGN_OR_RETURN(Principal principal, gate_.Require(ctx));
  const Subject subject{"user", "", {}};
  COVALUE_ASSIGN_OR_RETURN(Decision decision,
                           gate_.Permit(ctx, principal, Action::kUserList, {}, subject));
  // The community's admin sees every account; a site's admin those of the sites they
  // administer.
  std::optional<std::vector<Id>> sites = std::vector<Id>{};
  for (const Membership& m : principal.memberships) {
    if (m.role == Role::kAdmin) {
      if (!m.site_id) {
        sites.reset();
        break;
      }
      sites->push_back(*m.site_id);
    }
  }
  COVALUE_RETURN_IF_ERROR(gate_.RecordRead(
      ctx, decision, Action::kUserList,
      {sites && sites->size() == 1 ? std::optional(sites->front()) : std::nullopt, {}, {}, {}, {}},
      subject));
  COVALUE_ASSIGN_OR_RETURN(
      auto users, store::ReadValue<Page<User>>(
                      store_, [&](store::Repositories& r) { return r.Users().List(page, sites); }));
  for (User& user : users.items) {
    user = VisibleTo(principal, std::move(user));
  }
  return users;
}

Result<Accounts::AccountAccess> Accounts::AccessAccount(const RequestContext& ctx,
                                                        const Principal& principal, Id id,
                                                        Action action) {
  auto user =
      store::ReadValue<User>(store_, [&](store::Repositories& r) { return r.Users().Get(id); });
  // An unknown id is refused like a forbidden one, so that ids cannot be probed.
  const Target target = user ? AccountTarget(*user) : Target{{}, {}, id, {}, {}};
  const Subject subject{"user", std::to_string(id), id};
  COVALUE_ASSIGN_OR_RETURN(Decision decision,
                           gate_.Permit(ctx, principal, action, target, subject));
  if (!user) {
    return Fail(user.error());
  }
  return AccountAccess{std::move(*user), target, subject, decision};
}

Result<User> Accounts::GetUser(const RequestContext& ctx, Id id) {
  COVALUE_ASSIGN_OR_RETURN(Principal principal, gate_.Require(ctx));
  COVALUE_ASSIGN_OR_RETURN(AccountAccess access,
                           AccessAccount(ctx, principal, id, Action::kUserRead));
  COVALUE_RETURN_IF_ERROR(
      gate_.RecordRead(ctx, access.decision, Action::kUserRead, access.target, access.subject));
  return VisibleTo(principal, std::move(access.user));
}

Result<User> Accounts::Me(const RequestContext& ctx) {
  COVALUE_ASSIGN_OR_RETURN(Principal principal, gate_.Require(ctx));
  return GetUser(ctx, principal.user_id);
}

Result<User> Accounts::GetUserByUsername(const RequestContext& ctx, const std::string& username) {
  COVALUE_ASSIGN_OR_RETURN(Principal principal, gate_.Require(ctx));
  auto found = store::ReadValue<store::UserCredentials>(
      store_, [&](store::Repositories& r) { return r.Users().FindByUsername(username); });
  if (!found && found.error().code != ErrorCode::kNotFound) {
    return Fail(found.error());
  }
  // Refused alike whether the account exists or not: the subject names what was asked for.
  const Target target = found ? AccountTarget(found->user) : Target{};
  const Subject subject{"user", username, found ? std::optional(found->user.id) : std::nullopt};
  COVALUE_ASSIGN_OR_RETURN(Decision decision,
                           gate_.Permit(ctx, principal, Action::kUserRead, target, subject));
  if (!found) {
    return Fail(ErrorCode::kNotFound, found.error().message, "username");
  }
  COVALUE_RETURN_IF_ERROR(gate_.RecordRead(ctx, decision, Action::kUserRead, target, subject));
  return VisibleTo(principal, std::move(found->user));
}

Result<User> Accounts::CreateUser(const RequestContext& ctx, const NewUser& user) {
  COVALUE_ASSIGN_OR_RETURN(Principal principal, gate_.Require(ctx));
  COVALUE_RETURN_IF_ERROR(ValidateUsername(user.username, "/username"));
  COVALUE_RETURN_IF_ERROR(ValidateText(user.display_name, "/display_name", 200));
  COVALUE_RETURN_IF_ERROR(ValidatePassword(user.password, "/password"));
  const Subject subject{"user", "", {}};
  COVALUE_ASSIGN_OR_RETURN(Decision decision,
                           gate_.Permit(ctx, principal, Action::kUserCreate, {}, subject));
  std::vector<Membership> memberships;
  std::vector<Decision> grants;
  for (std::size_t i = 0; i < user.memberships.size(); ++i) {
    const std::string field = "/memberships/" + std::to_string(i);
    COVALUE_ASSIGN_OR_RETURN(Membership m, CheckMembership(user.memberships[i], field));
    COVALUE_ASSIGN_OR_RETURN(Decision grant, PermitGrant(ctx, principal, std::nullopt, m));
    memberships.push_back(m);
    grants.push_back(grant);
  }
  COVALUE_ASSIGN_OR_RETURN(std::string hash, passwords_.Hash(user.password, ctx.client_address));
  const store::GrantedBy by = gate_.GrantedByOf(principal);
  return store::WriteValue<User>(store_, [&](store::Repositories& repos) -> Result<User> {
    COVALUE_ASSIGN_OR_RETURN(
        User created,
        repos.Users().Create(User{0, user.username, user.display_name, memberships, {}}, hash, by));
    COVALUE_RETURN_IF_ERROR(gate_.AppendAudit(
        repos, ctx, decision, Action::kUserCreate, AccountTarget(created),
        {"user", std::to_string(created.id), created.id}, AuditOutcome::kAllowed));
    for (std::size_t i = 0; i < memberships.size(); ++i) {
      COVALUE_RETURN_IF_ERROR(
          AppendGrant(repos, ctx, grants[i], Action::kMembershipGrant, created.id, memberships[i]));
    }
    return created;
  });
}

Result<User> Accounts::UpdateUser(const RequestContext& ctx, Id id, const UserChanges& changes) {
  COVALUE_ASSIGN_OR_RETURN(Principal principal, gate_.Require(ctx));
  COVALUE_ASSIGN_OR_RETURN(AccountAccess access,
                           AccessAccount(ctx, principal, id, Action::kUserUpdate));
  User& user = access.user;
  const Target& target = access.target;
  const Subject& subject = access.subject;
  const Decision& decision = access.decision;
  const bool own = id == principal.user_id;
  if (changes.display_name) {
    COVALUE_RETURN_IF_ERROR(ValidateText(*changes.display_name, "/display_name", 200));
    user.display_name = *changes.display_name;
  }
  if (own && changes.active) {
    return Fail(ErrorCode::kInvalidArgument, "an account cannot be deactivated by its owner",
                "/active");
  }
  std::optional<std::string> hash;
  if (changes.password) {
    COVALUE_RETURN_IF_ERROR(ValidatePassword(*changes.password, "/password"));
    if (own) {
      // One's own password is changed with the current one: a session left open is not enough.
      COVALUE_RETURN_IF_ERROR(CheckCurrentPassword(ctx, principal, changes.current_password));
    }
    COVALUE_ASSIGN_OR_RETURN(hash, passwords_.Hash(*changes.password, ctx.client_address));
  }
  const std::int64_t now = gate_.NowMs();
  COVALUE_RETURN_IF_ERROR(store_.Write([&](store::Repositories& repos) -> Status {
    if (changes.display_name) {
      COVALUE_RETURN_IF_ERROR(repos.Users().SetDisplayName(id, *changes.display_name));
    }
    if (hash) {
      COVALUE_RETURN_IF_ERROR(repos.Users().SetPassword(id, *hash));
    }
    if (changes.active) {
      COVALUE_RETURN_IF_ERROR(
          repos.Users().SetDeactivated(id, *changes.active ? std::nullopt : std::optional(now)));
    }
    // A new password, a reset or a deactivation ends every session and token of the account.
    if (hash || changes.active == false) {
      COVALUE_RETURN_IF_ERROR(repos.Credentials().DeleteSessionsOf(id));
      COVALUE_RETURN_IF_ERROR(repos.Credentials().RevokeTokensOf(id, now));
    }
    return gate_.AppendAudit(repos, ctx, decision, Action::kUserUpdate, target, subject,
                             AuditOutcome::kAllowed);
  }));
  if (changes.active) {
    user.deactivated_ms = *changes.active ? std::nullopt : std::optional(now);
  }
  return VisibleTo(principal, std::move(user));
}

Status Accounts::CheckCurrentPassword(const RequestContext& ctx, const Principal& principal,
                                      const std::optional<std::string>& current) {
  if (!current) {
    return Fail(ErrorCode::kInvalidArgument, "changing your own password needs the current one",
                "/current_password");
  }
  if (const auto wait = LoginRetryAfter(principal.username, ctx.client_address); wait > 0) {
    return Fail(ErrorCode::kResourceExhausted,
                fmt::format("too many failed sign-ins; try again in {} seconds", wait));
  }
  COVALUE_ASSIGN_OR_RETURN(
      auto found, store::ReadValue<store::UserCredentials>(store_, [&](store::Repositories& r) {
        return r.Users().FindByUsername(principal.username);
      }));
  COVALUE_ASSIGN_OR_RETURN(bool matches,
                           passwords_.Verify(*current, found.password_hash, ctx.client_address));
  if (!matches) {
    // A wrong current password counts as a failed sign-in, and is refused like any denial.
    CountSignIn(true, principal.username, ctx.client_address);
    const Subject subject{"user", std::to_string(principal.user_id), principal.user_id};
    COVALUE_RETURN_IF_ERROR(store_.Write([&](store::Repositories& repos) {
      return gate_.AppendAudit(repos, ctx, Decision{false, ""}, Action::kUserUpdate,
                               {{}, {}, principal.user_id, {}, {}}, subject, AuditOutcome::kDenied);
    }));
    return Fail(ErrorCode::kPermissionDenied, "the current password is wrong", "/current_password");
  }
  return Ok();
}

}  // namespace covalue::app
