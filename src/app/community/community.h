#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "app/accounts/accounts.h"
#include "app/kernel/context.h"
#include "app/kernel/gate.h"
#include "domain/community.h"
#include "domain/error.h"
#include "domain/page.h"
#include "domain/unit_cost.h"
#include "store/store.h"

namespace covalue::app {

// Changes to an existing record; absent fields stay as they are.
struct SiteChanges {
  std::optional<std::string> name;
  std::optional<std::string> country;
};
struct PopulationChanges {
  std::optional<std::string> name;
  std::optional<std::string> description;
  std::optional<Translations> names = {};  // replaces every translation of the name
  std::optional<Translations> descriptions = {};  // … of the description
};
struct TeamChanges {
  std::optional<std::string> name;
  std::optional<Translations> names;
  std::optional<Id> population_id;
};

struct TeamDetail {
  Team team;
  std::vector<TeamMember> members;
};

// The community of practice: its sites (health systems), the populations each serves, and the
// improvement teams that serve them. Any
// signed-in user lists and reads them; the community's admin creates and changes sites, a site's
// admins create and change its populations (app/kernel/policy.h); refusals are audited. Names are
// 1–200 characters, a site's country an ISO 3166-1 alpha-2 code, a description at most 2000; errors
// name their field.
class Community {
 public:
  // sites_changed: told after a site is created or changed (the measure store names sites).
  // accounts: who grants and revokes a team's roles.
  Community(store::Store& store, Gate& gate, Accounts& accounts,
            std::function<void()> sites_changed)
      : store_(store), gate_(gate), accounts_(accounts), sites_changed_(std::move(sites_changed)) {}
  Community(const Community&) = delete;
  Community& operator=(const Community&) = delete;

  [[nodiscard]] Result<Page<Site>> ListSites(const RequestContext& ctx, const PageRequest& page);
  [[nodiscard]] Result<Site> GetSite(const RequestContext& ctx, Id id);
  // kConflict when the name is taken.
  [[nodiscard]] Result<Site> CreateSite(const RequestContext& ctx, const Site& site);
  [[nodiscard]] Result<Site> UpdateSite(const RequestContext& ctx, Id id,
                                        const SiteChanges& changes);
  // The site's costing settings (currency, value of a person's time per minute); while it has
  // set none, its country's currency and 0 (app/costs/ Costs::CostingOf). Anyone signed in
  // reads them; the site's admins set them: kInvalidArgument naming /currency or
  // /person_time_value_per_minute (a number ≥ 0).
  [[nodiscard]] Result<SiteCosting> GetSiteCosting(const RequestContext& ctx, Id site_id);
  [[nodiscard]] Result<SiteCosting> SetSiteCosting(const RequestContext& ctx, Id site_id,
                                                   std::optional<std::string> currency,
                                                   std::optional<double> person_time_value);

  // site_id: only that site's populations.
  [[nodiscard]] Result<Page<Population>> ListPopulations(const RequestContext& ctx,
                                                         const PageRequest& page,
                                                         std::optional<Id> site_id);
  [[nodiscard]] Result<Population> GetPopulation(const RequestContext& ctx, Id id);
  [[nodiscard]] Result<Population> CreatePopulation(const RequestContext& ctx,
                                                    const Population& population);
  [[nodiscard]] Result<Population> UpdatePopulation(const RequestContext& ctx, Id id,
                                                    const PopulationChanges& changes);

  // Teams. ListTeams shows the teams the user belongs to, or all for admins and
  // facilitators.
  [[nodiscard]] Result<Page<Team>> ListTeams(const RequestContext& ctx, const PageRequest& page);
  [[nodiscard]] Result<TeamDetail> GetTeam(const RequestContext& ctx, Id id);
  [[nodiscard]] Result<Team> CreateTeam(const RequestContext& ctx, const Team& team);
  [[nodiscard]] Result<Team> UpdateTeam(const RequestContext& ctx, Id id,
                                        const TeamChanges& changes);
  // Gives user_id a team role (team_member or team_lead) in team id: GrantMembership.
  [[nodiscard]] Result<TeamDetail> AddTeamMember(const RequestContext& ctx, Id id, Id user_id,
                                                 Role role);
  // Takes every team role of user_id in team id away; kNotFound when they hold none.
  [[nodiscard]] Result<TeamDetail> RemoveTeamMember(const RequestContext& ctx, Id id, Id user_id);

 private:
  // The decision that lets ctx take action on the site's costing (denials audited).
  Result<Decision> PermitCosting(const RequestContext& ctx, Action action, Id site_id);
  Result<Team> TeamById(Id id);
  // The team with its members, read now.
  Result<TeamDetail> DetailOf(const Team& team);

  store::Store& store_;
  Gate& gate_;
  Accounts& accounts_;
  std::function<void()> sites_changed_;
};

}  // namespace covalue::app
