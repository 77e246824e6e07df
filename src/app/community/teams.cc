#include <algorithm>

#include <fmt/format.h>

#include "app/community/community.h"
#include "domain/validation.h"
#include "store/population_repository.h"
#include "store/team_repository.h"

namespace covalue::app {
namespace {

// Admins and facilitators see every team; everyone else the teams they belong to.
bool SeesAllTeams(const Principal& p) {
  return std::any_of(p.memberships.begin(), p.memberships.end(), [](const Membership& m) {
    return m.role == Role::kAdmin || m.role == Role::kFacilitator;
  });
}

}  // namespace

Result<Team> Community::TeamById(Id id) {
  return store::ReadValue<Team>(store_, [&](store::Repositories& r) { return r.Teams().Get(id); });
}

Result<TeamDetail> Community::DetailOf(const Team& team) {
  COVALUE_ASSIGN_OR_RETURN(
      auto members, store::ReadValue<std::vector<TeamMember>>(store_, [&](store::Repositories& r) {
        return r.Teams().Members(team.id);
      }));
  return TeamDetail{team, std::move(members)};
}

Result<Page<Team>> Community::ListTeams(const RequestContext& ctx, const PageRequest& page) {
  COVALUE_ASSIGN_OR_RETURN(Principal principal, gate_.Require(ctx));
  COVALUE_RETURN_IF_ERROR(gate_.Permit(ctx, principal, Action::kTeamList, {}, {"team", "", {}}));
  store::TeamFilter filter;
  if (!SeesAllTeams(principal)) {
    filter.member_user_id = principal.user_id;
  }
  return store::ReadValue<Page<Team>>(
      store_, [&](store::Repositories& r) { return r.Teams().List(page, filter); });
}

Result<TeamDetail> Community::GetTeam(const RequestContext& ctx, Id id) {
  COVALUE_ASSIGN_OR_RETURN(Principal principal, gate_.Require(ctx));
  COVALUE_ASSIGN_OR_RETURN(Team team, TeamById(id));
  const Target target{team.site_id, team.id, {}, {}};
  const Subject subject{"team", std::to_string(id), {}};
  COVALUE_ASSIGN_OR_RETURN(Decision decision,
                           gate_.Permit(ctx, principal, Action::kTeamRead, target, subject));
  // Team pages name their members: a read of people's data.
  COVALUE_RETURN_IF_ERROR(gate_.RecordRead(ctx, decision, Action::kTeamRead, target, subject));
  return DetailOf(team);
}

Result<Team> Community::CreateTeam(const RequestContext& ctx, const Team& team) {
  COVALUE_ASSIGN_OR_RETURN(Principal principal, gate_.Require(ctx));
  COVALUE_RETURN_IF_ERROR(ValidateText(team.name, "/name", 200));
  COVALUE_RETURN_IF_ERROR(ValidateTranslations(team.names, "/names"));
  auto population = store::ReadValue<Population>(
      store_, [&](store::Repositories& r) { return r.Populations().Get(team.population_id); });
  if (!population) {
    return Fail(ErrorCode::kInvalidArgument, population.error().message, "/population_id");
  }
  Team to_create = team;
  to_create.site_id = population->site_id;
  const Target target{to_create.site_id, {}, {}, {}};
  COVALUE_ASSIGN_OR_RETURN(Decision decision, gate_.Permit(ctx, principal, Action::kTeamCreate,
                                                           target, {"team", "", {}}));
  return store::WriteValue<Team>(store_, [&](store::Repositories& repos) -> Result<Team> {
    COVALUE_ASSIGN_OR_RETURN(Team created, repos.Teams().Create(to_create));
    COVALUE_RETURN_IF_ERROR(gate_.AppendAudit(repos, ctx, decision, Action::kTeamCreate, target,
                                              {"team", std::to_string(created.id), {}},
                                              AuditOutcome::kAllowed));
    return created;
  });
}

Result<Team> Community::UpdateTeam(const RequestContext& ctx, Id id, const TeamChanges& changes) {
  COVALUE_ASSIGN_OR_RETURN(Principal principal, gate_.Require(ctx));
  COVALUE_ASSIGN_OR_RETURN(Team team, TeamById(id));
  const Target target{team.site_id, team.id, {}, {}};
  const Subject subject{"team", std::to_string(id), {}};
  COVALUE_ASSIGN_OR_RETURN(Decision decision,
                           gate_.Permit(ctx, principal, Action::kTeamUpdate, target, subject));
  team.name = changes.name.value_or(team.name);
  team.names = changes.names.value_or(team.names);
  COVALUE_RETURN_IF_ERROR(ValidateText(team.name, "/name", 200));
  COVALUE_RETURN_IF_ERROR(ValidateTranslations(team.names, "/names"));
  if (changes.population_id) {
    auto population = store::ReadValue<Population>(store_, [&](store::Repositories& r) {
      return r.Populations().Get(*changes.population_id);
    });
    if (!population || population->site_id != team.site_id) {
      return Fail(ErrorCode::kInvalidArgument,
                  fmt::format("population {} is not a population of site {}",
                              *changes.population_id, team.site_id),
                  "/population_id");
    }
    team.population_id = *changes.population_id;
  }
  COVALUE_RETURN_IF_ERROR(store_.Write([&](store::Repositories& repos) -> Status {
    COVALUE_RETURN_IF_ERROR(repos.Teams().Update(team));
    return gate_.AppendAudit(repos, ctx, decision, Action::kTeamUpdate, target, subject,
                             AuditOutcome::kAllowed);
  }));
  return team;
}

Result<TeamDetail> Community::AddTeamMember(const RequestContext& ctx, Id id, Id user_id,
                                            Role role) {
  if (!RoleNeedsTeam(role)) {
    return Fail(ErrorCode::kInvalidArgument, "role must be team_member or team_lead", "/role");
  }
  COVALUE_ASSIGN_OR_RETURN(Team team, TeamById(id));
  COVALUE_RETURN_IF_ERROR(
      accounts_.GrantMembership(ctx, user_id, Membership{role, team.site_id, team.id}));
  return DetailOf(team);
}

Result<TeamDetail> Community::RemoveTeamMember(const RequestContext& ctx, Id id, Id user_id) {
  COVALUE_RETURN_IF_ERROR(gate_.Require(ctx));
  COVALUE_ASSIGN_OR_RETURN(Team team, TeamById(id));
  COVALUE_RETURN_IF_ERROR(accounts_.RevokeTeamRoles(ctx, team, user_id));
  return DetailOf(team);
}

}  // namespace covalue::app
