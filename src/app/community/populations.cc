#include <fmt/format.h>

#include "app/community/community.h"
#include "domain/validation.h"
#include "store/population_repository.h"
#include "store/site_repository.h"

namespace covalue::app {
namespace {

Status ValidatePopulation(const Population& population) {
  COVALUE_RETURN_IF_ERROR(ValidateText(population.name, "/name", 200));
  COVALUE_RETURN_IF_ERROR(ValidateTranslations(population.names, "/names"));
  COVALUE_RETURN_IF_ERROR(ValidateTranslations(population.descriptions, "/descriptions", 2000));
  if (!population.description.empty()) {
    COVALUE_RETURN_IF_ERROR(ValidateText(population.description, "/description", 2000));
  }
  return Ok();
}

}  // namespace

Result<Page<Population>> Community::ListPopulations(const RequestContext& ctx,
                                                    const PageRequest& page,
                                                    std::optional<Id> site_id) {
  COVALUE_ASSIGN_OR_RETURN(Principal principal, gate_.Require(ctx));
  COVALUE_RETURN_IF_ERROR(gate_.Permit(ctx, principal, Action::kPopulationList,
                                       {site_id, {}, {}, {}}, {"population", "", {}}));
  return store::ReadValue<Page<Population>>(
      store_, [&](store::Repositories& r) { return r.Populations().List(page, site_id); });
}

Result<Population> Community::GetPopulation(const RequestContext& ctx, Id id) {
  COVALUE_ASSIGN_OR_RETURN(Principal principal, gate_.Require(ctx));
  COVALUE_ASSIGN_OR_RETURN(Population population,
                           store::ReadValue<Population>(store_, [&](store::Repositories& r) {
                             return r.Populations().Get(id);
                           }));
  COVALUE_RETURN_IF_ERROR(gate_.Permit(ctx, principal, Action::kPopulationRead,
                                       {population.site_id, {}, {}, {}},
                                       {"population", std::to_string(id), {}}));
  return population;
}

Result<Population> Community::CreatePopulation(const RequestContext& ctx,
                                               const Population& population) {
  COVALUE_ASSIGN_OR_RETURN(Principal principal, gate_.Require(ctx));
  COVALUE_RETURN_IF_ERROR(ValidatePopulation(population));
  auto site = store::ReadValue<Site>(
      store_, [&](store::Repositories& r) { return r.Sites().Get(population.site_id); });
  if (!site) {
    return Fail(ErrorCode::kInvalidArgument, site.error().message, "/site_id");
  }
  const Target target{population.site_id, {}, {}, {}};
  COVALUE_ASSIGN_OR_RETURN(
      Decision decision,
      gate_.Permit(ctx, principal, Action::kPopulationCreate, target, {"population", "", {}}));
  auto created =
      store::WriteValue<Population>(store_, [&](store::Repositories& repos) -> Result<Population> {
        COVALUE_ASSIGN_OR_RETURN(Population written, repos.Populations().Create(population));
        COVALUE_RETURN_IF_ERROR(gate_.AppendAudit(
            repos, ctx, decision, Action::kPopulationCreate, target,
            {"population", std::to_string(written.id), {}}, AuditOutcome::kAllowed));
        return written;
      });
  if (created) {
    sites_changed_();  // the measure store names the populations of its series
  }
  return created;
}

Result<Population> Community::UpdatePopulation(const RequestContext& ctx, Id id,
                                               const PopulationChanges& changes) {
  COVALUE_ASSIGN_OR_RETURN(Principal principal, gate_.Require(ctx));
  COVALUE_ASSIGN_OR_RETURN(Population population,
                           store::ReadValue<Population>(store_, [&](store::Repositories& r) {
                             return r.Populations().Get(id);
                           }));
  const Target target{population.site_id, {}, {}, {}};
  const Subject subject{"population", std::to_string(id), {}};
  COVALUE_ASSIGN_OR_RETURN(
      Decision decision, gate_.Permit(ctx, principal, Action::kPopulationUpdate, target, subject));
  population.name = changes.name.value_or(population.name);
  population.description = changes.description.value_or(population.description);
  population.descriptions = changes.descriptions.value_or(population.descriptions);
  population.names = changes.names.value_or(population.names);
  COVALUE_RETURN_IF_ERROR(ValidatePopulation(population));
  COVALUE_RETURN_IF_ERROR(store_.Write([&](store::Repositories& repos) -> Status {
    COVALUE_RETURN_IF_ERROR(repos.Populations().Update(population));
    return gate_.AppendAudit(repos, ctx, decision, Action::kPopulationUpdate, target, subject,
                             AuditOutcome::kAllowed);
  }));
  sites_changed_();
  return population;
}

}  // namespace covalue::app
