#include "app/app.h"
#include "domain/validation.h"

namespace covalue::app {
namespace {

Status ValidateSite(const Site& site) {
  COVALUE_RETURN_IF_ERROR(ValidateText(site.name, "/name", 200));
  return ValidateCountry(site.country, "/country");
}

}  // namespace

Result<Page<Site>> App::ListSites(const RequestContext& ctx, const PageRequest& page) {
  COVALUE_ASSIGN_OR_RETURN(Principal principal, gate_.Require(ctx));
  COVALUE_RETURN_IF_ERROR(gate_.Permit(ctx, principal, Action::kSiteList, {}, {"site", "", {}}));
  return ReadValue<Page<Site>>(store_,
                               [&](store::Repositories& r) { return r.Sites().List(page); });
}

Result<Site> App::GetSite(const RequestContext& ctx, Id id) {
  COVALUE_ASSIGN_OR_RETURN(Principal principal, gate_.Require(ctx));
  COVALUE_RETURN_IF_ERROR(gate_.Permit(ctx, principal, Action::kSiteRead, {id, {}, {}, {}},
                                       {"site", std::to_string(id), {}}));
  return ReadValue<Site>(store_, [&](store::Repositories& r) { return r.Sites().Get(id); });
}

Result<Site> App::CreateSite(const RequestContext& ctx, const Site& site) {
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
    measures_.Invalidate();  // the measure store names the sites of its series
  }
  return created;
}

Result<Site> App::UpdateSite(const RequestContext& ctx, Id id, const SiteChanges& changes) {
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
    measures_.Invalidate();
  }
  return updated;
}

}  // namespace covalue::app
