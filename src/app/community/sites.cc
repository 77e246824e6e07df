#include "app/community/community.h"

#include <cmath>

#include "app/costs/costs.h"
#include "domain/validation.h"
#include "store/costing_repository.h"
#include "store/site_repository.h"

namespace covalue::app {
namespace {

Status ValidateSite(const Site& site) {
  COVALUE_RETURN_IF_ERROR(ValidateText(site.name, "/name", 200));
  return ValidateCountry(site.country, "/country");
}

}  // namespace

Result<Page<Site>> Community::ListSites(const RequestContext& ctx, const PageRequest& page) {
  COVALUE_ASSIGN_OR_RETURN(Principal principal, gate_.Require(ctx));
  COVALUE_RETURN_IF_ERROR(gate_.Permit(ctx, principal, Action::kSiteList, {}, {"site", "", {}}));
  return store::ReadValue<Page<Site>>(store_,
                                      [&](store::Repositories& r) { return r.Sites().List(page); });
}

Result<Site> Community::GetSite(const RequestContext& ctx, Id id) {
  COVALUE_ASSIGN_OR_RETURN(Principal principal, gate_.Require(ctx));
  COVALUE_RETURN_IF_ERROR(gate_.Permit(ctx, principal, Action::kSiteRead, {id, {}, {}, {}},
                                       {"site", std::to_string(id), {}}));
  return store::ReadValue<Site>(store_, [&](store::Repositories& r) { return r.Sites().Get(id); });
}

Result<Site> Community::CreateSite(const RequestContext& ctx, const Site& site) {
  COVALUE_ASSIGN_OR_RETURN(Principal principal, gate_.Require(ctx));
  COVALUE_RETURN_IF_ERROR(ValidateSite(site));
  COVALUE_ASSIGN_OR_RETURN(Decision decision,
                           gate_.Permit(ctx, principal, Action::kSiteCreate, {}, {"site", "", {}}));
  auto created = store::WriteValue<Site>(store_, [&](store::Repositories& repos) -> Result<Site> {
    COVALUE_ASSIGN_OR_RETURN(Site written, repos.Sites().Create(site, gate_.NowMs()));
    COVALUE_RETURN_IF_ERROR(
        gate_.AppendAudit(repos, ctx, decision, Action::kSiteCreate, {written.id, {}, {}, {}},
                          {"site", std::to_string(written.id), {}}, AuditOutcome::kAllowed));
    return written;
  });
  if (created) {
    sites_changed_();
  }
  return created;
}

Result<Site> Community::UpdateSite(const RequestContext& ctx, Id id, const SiteChanges& changes) {
  COVALUE_ASSIGN_OR_RETURN(Principal principal, gate_.Require(ctx));
  const Target target{id, {}, {}, {}};
  const Subject subject{"site", std::to_string(id), {}};
  COVALUE_ASSIGN_OR_RETURN(Decision decision,
                           gate_.Permit(ctx, principal, Action::kSiteUpdate, target, subject));
  auto updated = store::WriteValue<Site>(store_, [&](store::Repositories& repos) -> Result<Site> {
    COVALUE_ASSIGN_OR_RETURN(Site site, repos.Sites().Get(id));
    site.name = changes.name.value_or(site.name);
    site.country = changes.country.value_or(site.country);
    COVALUE_RETURN_IF_ERROR(ValidateSite(site));
    COVALUE_RETURN_IF_ERROR(repos.Sites().Update(site));
    COVALUE_RETURN_IF_ERROR(gate_.AppendAudit(repos, ctx, decision, Action::kSiteUpdate, target,
                                              subject, AuditOutcome::kAllowed));
    return site;
  });
  if (updated) {
    sites_changed_();
  }
  return updated;
}

Result<Decision> Community::PermitCosting(const RequestContext& ctx, Action action, Id site_id) {
  COVALUE_ASSIGN_OR_RETURN(Principal principal, gate_.Require(ctx));
  COVALUE_RETURN_IF_ERROR(store_.Read([&](store::Repositories& r) -> Status {
    return r.Sites().Get(site_id).map([](const Site&) {});
  }));
  Target target;
  target.site_id = site_id;
  return gate_.Permit(ctx, principal, action, target, {"site_costing", std::to_string(site_id), {}});
}

Result<SiteCosting> Community::GetSiteCosting(const RequestContext& ctx, Id site_id) {
  COVALUE_RETURN_IF_ERROR(PermitCosting(ctx, Action::kCostingRead, site_id));
  return store::ReadValue<SiteCosting>(
      store_, [&](store::Repositories& r) { return Costs::CostingOf(r, site_id); });
}

Result<SiteCosting> Community::SetSiteCosting(const RequestContext& ctx, Id site_id,
                                          std::optional<std::string> currency,
                                          std::optional<double> person_time_value) {
  COVALUE_ASSIGN_OR_RETURN(Decision decision, PermitCosting(ctx, Action::kCostingWrite, site_id));
  if (currency) COVALUE_RETURN_IF_ERROR(ValidateCurrency(*currency, "/currency"));
  if (person_time_value && (!std::isfinite(*person_time_value) || *person_time_value < 0)) {
    return Fail(ErrorCode::kInvalidArgument, "the value of a person's time is a number ≥ 0",
                "/person_time_value_per_minute");
  }
  Target target;
  target.site_id = site_id;
  return store::WriteValue<SiteCosting>(store_, [&](store::Repositories& r) -> Result<SiteCosting> {
    COVALUE_ASSIGN_OR_RETURN(SiteCosting costing, Costs::CostingOf(r, site_id));
    if (currency) costing.currency = *currency;
    if (person_time_value) costing.person_time_value_per_minute = *person_time_value;
    COVALUE_RETURN_IF_ERROR(r.Costing().SetSiteCosting(costing));
    COVALUE_RETURN_IF_ERROR(gate_.AppendAudit(r, ctx, decision, Action::kCostingWrite, target,
                                              {"site_costing", std::to_string(site_id), {}}, AuditOutcome::kAllowed));
    return costing;
  });
}

}  // namespace covalue::app
