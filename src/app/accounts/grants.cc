// Roles: granting and revoking memberships through the policy's grant rule, and a site's
// "who can see our site" listing of every role held there and who granted it.

#include <map>

#include <fmt/format.h>

#include "app/accounts/accounts.h"
#include "store/site_repository.h"
#include "store/team_repository.h"
#include "store/user_repository.h"

namespace covalue::app {

Result<Membership> Accounts::CheckMembership(Membership m, const std::string& field) {
  if (RoleNeedsTeam(m.role)) {
    if (!m.team_id) {
      return Fail(ErrorCode::kInvalidArgument,
                  fmt::format("role {} needs a team_id", RoleName(m.role)), field + "/team_id");
    }
    auto team = store::ReadValue<Team>(
        store_, [&](store::Repositories& r) { return r.Teams().Get(*m.team_id); });
    if (!team) {
      return Fail(ErrorCode::kInvalidArgument, team.error().message, field + "/team_id");
    }
    if (m.site_id && *m.site_id != team->site_id) {
      return Fail(ErrorCode::kInvalidArgument,
                  fmt::format("team {} belongs to site {}", team->id, team->site_id),
                  field + "/site_id");
    }
    m.site_id = team->site_id;
  } else if (m.team_id) {
    return Fail(ErrorCode::kInvalidArgument,
                fmt::format("role {} takes no team_id", RoleName(m.role)), field + "/team_id");
  } else if (!m.site_id && !RoleMayBeCommunityWide(m.role)) {
    return Fail(ErrorCode::kInvalidArgument,
                fmt::format("role {} needs a site_id", RoleName(m.role)), field + "/site_id");
  } else if (m.site_id) {
    auto site = store::ReadValue<Site>(
        store_, [&](store::Repositories& r) { return r.Sites().Get(*m.site_id); });
    if (!site) {
      return Fail(ErrorCode::kInvalidArgument, site.error().message, field + "/site_id");
    }
  }
  return m;
}

Result<Decision> Accounts::PermitGrant(const RequestContext& ctx, const Principal& principal,
                                       const std::optional<User>& account, const Membership& m) {
  const Target target{m.site_id, m.team_id, account ? std::optional(account->id) : std::nullopt,
                      account ? account->memberships : std::vector<Membership>{}, m.role};
  return gate_.Permit(ctx, principal, Action::kMembershipGrant, target,
                      {"membership", std::string(RoleName(m.role)),
                       account ? std::optional(account->id) : std::nullopt});
}

Status Accounts::AppendGrant(store::Repositories& repos, const RequestContext& ctx,
                             const Decision& decision, Action action, Id user_id,
                             const Membership& m) {
  return gate_.AppendAudit(
      repos, ctx, decision, action, {m.site_id, m.team_id, user_id, {}, m.role},
      {"membership", std::string(RoleName(m.role)), user_id}, AuditOutcome::kAllowed);
}

Result<User> Accounts::GrantMembership(const RequestContext& ctx, Id user_id,
                                       const Membership& membership) {
  COVALUE_ASSIGN_OR_RETURN(Principal principal, gate_.Require(ctx));
  COVALUE_ASSIGN_OR_RETURN(Membership m, CheckMembership(membership, ""));
  auto user = store::ReadValue<User>(
      store_, [&](store::Repositories& r) { return r.Users().Get(user_id); });
  // An unknown account is refused as one the caller may not change.
  User unknown;
  unknown.id = user_id;
  std::optional<User> account = user ? *user : unknown;
  COVALUE_ASSIGN_OR_RETURN(Decision decision, PermitGrant(ctx, principal, account, m));
  if (!user) {
    return Fail(ErrorCode::kNotFound, user.error().message, "user_id");
  }
  const store::GrantedBy by = gate_.GrantedByOf(principal);
  COVALUE_RETURN_IF_ERROR(store_.Write([&](store::Repositories& repos) -> Status {
    COVALUE_RETURN_IF_ERROR(repos.Users().AddMembership(user_id, m, by));
    return AppendGrant(repos, ctx, decision, Action::kMembershipGrant, user_id, m);
  }));
  user->memberships.push_back(m);
  return VisibleTo(principal, std::move(*user));
}

Status Accounts::RevokeMembership(const RequestContext& ctx, Id grant_id) {
  COVALUE_ASSIGN_OR_RETURN(Principal principal, gate_.Require(ctx));
  auto grant = store::ReadValue<MembershipGrant>(
      store_, [&](store::Repositories& r) { return r.Users().GetGrant(grant_id); });
  const Subject subject{"membership", std::to_string(grant_id),
                        grant ? std::optional(grant->user_id) : std::nullopt};
  // An unknown grant is refused as one the caller may not revoke (a site is named by none).
  Target target;
  if (grant) {
    target = Target{grant->membership.site_id,
                    grant->membership.team_id,
                    grant->user_id,
                    {},
                    grant->membership.role};
  } else {
    target.site_id = -1;
  }
  COVALUE_ASSIGN_OR_RETURN(
      Decision decision, gate_.Permit(ctx, principal, Action::kMembershipRevoke, target, subject));
  if (!grant) {
    return Fail(ErrorCode::kNotFound, grant.error().message, "id");
  }
  return store_.Write([&](store::Repositories& repos) -> Status {
    COVALUE_RETURN_IF_ERROR(repos.Users().RemoveMembership(grant->user_id, grant->membership));
    return AppendGrant(repos, ctx, decision, Action::kMembershipRevoke, grant->user_id,
                       grant->membership);
  });
}

Result<std::vector<SiteGrant>> Accounts::SiteAccess(const RequestContext& ctx, Id site_id) {
  COVALUE_ASSIGN_OR_RETURN(Principal principal, gate_.Require(ctx));
  const Target target{site_id, {}, {}, {}, {}};
  const Subject subject{"site-access", std::to_string(site_id), {}};
  COVALUE_ASSIGN_OR_RETURN(Decision decision,
                           gate_.Permit(ctx, principal, Action::kSiteAccessRead, target, subject));
  COVALUE_ASSIGN_OR_RETURN(auto grants, store::ReadValue<std::vector<MembershipGrant>>(
                                            store_, [&](store::Repositories& r) {
                                              return r.Users().GrantsAt(site_id);
                                            }));
  // Whether each granter administers the site: a grant by anyone else (the community's admin,
  // the command line's operator) came from outside it.
  std::map<Id, bool> site_admin;
  std::vector<SiteGrant> out;
  for (MembershipGrant& grant : grants) {
    // Patients see their own records only: the listing is of the staff and the community.
    if (grant.membership.role == Role::kPatient) {
      continue;
    }
    SiteGrant& item = out.emplace_back();
    item.community_wide = !grant.membership.site_id.has_value();
    if (grant.granted_by && !site_admin.contains(*grant.granted_by)) {
      auto granter = store::ReadValue<User>(
          store_, [&](store::Repositories& r) { return r.Users().Get(*grant.granted_by); });
      site_admin[*grant.granted_by] =
          granter && std::any_of(granter->memberships.begin(), granter->memberships.end(),
                                 [&](const Membership& m) {
                                   return m.role == Role::kAdmin && m.site_id == site_id;
                                 });
    }
    item.from_outside = !grant.granted_by || !site_admin[*grant.granted_by];
    item.revocable = !item.community_wide && Authorize(principal, Action::kMembershipRevoke,
                                                       {grant.membership.site_id,
                                                        grant.membership.team_id,
                                                        grant.user_id,
                                                        {},
                                                        grant.membership.role})
                                                 .allowed;
    item.grant = std::move(grant);
  }
  COVALUE_RETURN_IF_ERROR(
      gate_.RecordRead(ctx, decision, Action::kSiteAccessRead, target, subject));
  return out;
}

Status Accounts::RevokeTeamRoles(const RequestContext& ctx, const Team& team, Id user_id) {
  COVALUE_ASSIGN_OR_RETURN(Principal principal, gate_.Require(ctx));
  // Asked as for a team role of the team, before anything about the account is looked up.
  const Target target{team.site_id, team.id, user_id, {}, Role::kTeamMember};
  const Subject subject{"team", std::to_string(team.id), user_id};
  COVALUE_ASSIGN_OR_RETURN(
      Decision decision, gate_.Permit(ctx, principal, Action::kMembershipRevoke, target, subject));
  return store_.Write([&](store::Repositories& repos) -> Status {
    COVALUE_ASSIGN_OR_RETURN(User user, repos.Users().Get(user_id));
    bool removed = false;
    for (const Membership& m : user.memberships) {
      if (m.team_id == team.id) {
        COVALUE_RETURN_IF_ERROR(repos.Users().RemoveMembership(user_id, m));
        COVALUE_RETURN_IF_ERROR(
            AppendGrant(repos, ctx, decision, Action::kMembershipRevoke, user_id, m));
        removed = true;
      }
    }
    if (!removed) {
      return Fail(ErrorCode::kNotFound,
                  fmt::format("user {} is not a member of team {}", user_id, team.id), "user_id");
    }
    return Ok();
  });
}

}  // namespace covalue::app
