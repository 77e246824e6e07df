// Costs: sites' prices and teams' resources.

#include "app/costs/costs.h"

#include "store/costing_repository.h"
#include "store/site_repository.h"
#include "store/team_repository.h"

namespace covalue::app {
namespace {

Subject SiteCostingSubject(Id site_id) { return {"site_costing", std::to_string(site_id), {}}; }
Subject ResourceSubject(Id id) { return {"resource", std::to_string(id), {}}; }

}  // namespace

Result<SiteCosting> Costs::CostingOf(store::Repositories& r, Id site_id) {
  COVALUE_ASSIGN_OR_RETURN(const Site site, r.Sites().Get(site_id));
  COVALUE_ASSIGN_OR_RETURN(auto set, r.Costing().GetSiteCosting(site_id));
  if (set) return *set;
  return SiteCosting{site_id, DefaultCurrency(site.country), 0};
}

Result<Decision> Costs::PermitSite(const RequestContext& ctx, Action action, Id site_id) {
  COVALUE_ASSIGN_OR_RETURN(Principal principal, gate_.Require(ctx));
  COVALUE_RETURN_IF_ERROR(store_.Read([&](store::Repositories& r) -> Status {
    return r.Sites().Get(site_id).map([](const Site&) {});
  }));
  Target target;
  target.site_id = site_id;
  return gate_.Permit(ctx, principal, action, target, SiteCostingSubject(site_id));
}

Result<std::pair<Decision, Target>> Costs::PermitTeam(const RequestContext& ctx, Action action,
                                                     Id team_id, const Subject& subject) {
  COVALUE_ASSIGN_OR_RETURN(Principal principal, gate_.Require(ctx));
  COVALUE_ASSIGN_OR_RETURN(const Team team, store::ReadValue<Team>(store_, [&](store::Repositories& r) {
                             return r.Teams().Get(team_id);
                           }));
  Target target;
  target.site_id = team.site_id;
  target.team_id = team.id;
  COVALUE_ASSIGN_OR_RETURN(Decision decision, gate_.Permit(ctx, principal, action, target, subject));
  return std::pair{decision, target};
}

Result<std::vector<UnitCost>> Costs::UnitCosts(const RequestContext& ctx, Id site_id) {
  COVALUE_RETURN_IF_ERROR(PermitSite(ctx, Action::kCostingRead, site_id));
  return store::ReadValue<std::vector<UnitCost>>(
      store_, [&](store::Repositories& r) { return r.Costing().UnitCosts(site_id); });
}

Result<std::vector<UnitCost>> Costs::ReplaceUnitCosts(const RequestContext& ctx, Id site_id,
                                                      std::vector<UnitCost> rows) {
  COVALUE_ASSIGN_OR_RETURN(Decision decision, PermitSite(ctx, Action::kCostingWrite, site_id));
  COVALUE_RETURN_IF_ERROR(ValidateUnitCosts(rows));
  Target target;
  target.site_id = site_id;
  COVALUE_RETURN_IF_ERROR(store_.Write([&](store::Repositories& r) -> Status {
    COVALUE_RETURN_IF_ERROR(r.Costing().ReplaceUnitCosts(site_id, rows));
    if (!rows.empty()) {
      COVALUE_ASSIGN_OR_RETURN(SiteCosting costing, CostingOf(r, site_id));
      costing.currency = rows.front().currency;
      COVALUE_RETURN_IF_ERROR(r.Costing().SetSiteCosting(costing));
    }
    return gate_.AppendAudit(r, ctx, decision, Action::kCostingWrite, target,
                             {"unit_costs", std::to_string(site_id), {}}, AuditOutcome::kAllowed);
  }));
  return store::ReadValue<std::vector<UnitCost>>(
      store_, [&](store::Repositories& r) { return r.Costing().UnitCosts(site_id); });
}

Result<Resource> Costs::CreateResource(const RequestContext& ctx, Id team_id, Resource resource) {
  COVALUE_ASSIGN_OR_RETURN(
      const auto permit,
      PermitTeam(ctx, Action::kProcessMapWrite, team_id, {"resource", "new", {}}));
  COVALUE_RETURN_IF_ERROR(CompleteResource(resource));
  resource.id = 0;
  resource.team_id = team_id;
  return store::WriteValue<Resource>(store_, [&](store::Repositories& r) -> Result<Resource> {
    COVALUE_ASSIGN_OR_RETURN(Resource made, r.Costing().CreateResource(resource));
    COVALUE_RETURN_IF_ERROR(gate_.AppendAudit(r, ctx, permit.first, Action::kProcessMapWrite,
                                              permit.second,
                                              ResourceSubject(made.id), AuditOutcome::kAllowed));
    return made;
  });
}

Result<std::vector<Resource>> Costs::ListResources(const RequestContext& ctx, Id team_id) {
  COVALUE_RETURN_IF_ERROR(
      PermitTeam(ctx, Action::kProcessMapRead, team_id, {"resource", "team " + std::to_string(team_id), {}}));
  return store::ReadValue<std::vector<Resource>>(
      store_, [&](store::Repositories& r) { return r.Costing().Resources(team_id); });
}

Result<Resource> Costs::UpdateResource(const RequestContext& ctx, Id resource_id,
                                       Resource resource) {
  COVALUE_ASSIGN_OR_RETURN(const Resource old,
                           store::ReadValue<Resource>(store_, [&](store::Repositories& r) {
                             return r.Costing().GetResource(resource_id);
                           }));
  COVALUE_ASSIGN_OR_RETURN(const auto permit, PermitTeam(ctx, Action::kProcessMapWrite,
                                                         old.team_id, ResourceSubject(resource_id)));
  COVALUE_RETURN_IF_ERROR(CompleteResource(resource));
  resource.id = resource_id;
  resource.team_id = old.team_id;
  COVALUE_RETURN_IF_ERROR(store_.Write([&](store::Repositories& r) -> Status {
    COVALUE_RETURN_IF_ERROR(r.Costing().UpdateResource(resource));
    return gate_.AppendAudit(r, ctx, permit.first, Action::kProcessMapWrite, permit.second,
                             ResourceSubject(resource_id), AuditOutcome::kAllowed);
  }));
  return resource;
}

Status Costs::DeleteResource(const RequestContext& ctx, Id resource_id) {
  COVALUE_ASSIGN_OR_RETURN(const Resource old,
                           store::ReadValue<Resource>(store_, [&](store::Repositories& r) {
                             return r.Costing().GetResource(resource_id);
                           }));
  COVALUE_ASSIGN_OR_RETURN(const auto permit, PermitTeam(ctx, Action::kProcessMapWrite,
                                                         old.team_id, ResourceSubject(resource_id)));
  return store_.Write([&](store::Repositories& r) -> Status {
    COVALUE_RETURN_IF_ERROR(r.Costing().DeleteResource(resource_id));
    return gate_.AppendAudit(r, ctx, permit.first, Action::kProcessMapWrite, permit.second,
                             ResourceSubject(resource_id), AuditOutcome::kAllowed);
  });
}

}  // namespace covalue::app
