// Strata: populations' stratifications, defined by the site's teams.

#include "app/strata/strata.h"

#include "store/population_repository.h"
#include "store/stratification_repository.h"

namespace covalue::app {
namespace {

Subject StratificationSubject(Id id) { return {"stratification", std::to_string(id), {}}; }

}  // namespace

Result<Stratification> Strata::Define(const RequestContext& ctx, Id population_id,
                                      Stratification draft) {
  COVALUE_ASSIGN_OR_RETURN(Principal principal, gate_.Require(ctx));
  COVALUE_ASSIGN_OR_RETURN(const Population population,
                           store::ReadValue<Population>(store_, [&](store::Repositories& r) {
                             return r.Populations().Get(population_id);
                           }));
  Target target;
  target.site_id = population.site_id;
  COVALUE_ASSIGN_OR_RETURN(Decision decision,
                           gate_.Permit(ctx, principal, Action::kStratificationWrite, target,
                                        {"stratification", "new", {}}));
  draft.id = 0;
  draft.population_id = population_id;
  draft.site_id = population.site_id;
  draft.created_by = principal.user_id;
  draft.created_ms = gate_.NowMs();
  return store::WriteValue<Stratification>(
      store_, [&](store::Repositories& r) -> Result<Stratification> {
        COVALUE_ASSIGN_OR_RETURN(auto fields, r.Stratifications().FieldNames(population_id));
        COVALUE_RETURN_IF_ERROR(ValidateStratification(draft, fields));
        COVALUE_ASSIGN_OR_RETURN(Stratification made, r.Stratifications().Create(draft));
        COVALUE_RETURN_IF_ERROR(gate_.AppendAudit(r, ctx, decision, Action::kStratificationWrite,
                                                  target, StratificationSubject(made.id),
                                                  AuditOutcome::kAllowed));
        return made;
      });
}

Result<Stratification> Strata::Replace(const RequestContext& ctx, Id id, Stratification draft) {
  COVALUE_ASSIGN_OR_RETURN(Principal principal, gate_.Require(ctx));
  COVALUE_ASSIGN_OR_RETURN(const Stratification old,
                           store::ReadValue<Stratification>(store_, [&](store::Repositories& r) {
                             return r.Stratifications().Get(id);
                           }));
  Target target;
  target.site_id = old.site_id;
  COVALUE_ASSIGN_OR_RETURN(Decision decision,
                           gate_.Permit(ctx, principal, Action::kStratificationWrite, target,
                                        StratificationSubject(id)));
  draft.id = id;
  draft.population_id = old.population_id;
  draft.site_id = old.site_id;
  draft.created_by = old.created_by;
  draft.created_ms = old.created_ms;
  return store::WriteValue<Stratification>(
      store_, [&](store::Repositories& r) -> Result<Stratification> {
        COVALUE_ASSIGN_OR_RETURN(auto fields, r.Stratifications().FieldNames(old.population_id));
        COVALUE_RETURN_IF_ERROR(ValidateStratification(draft, fields));
        COVALUE_RETURN_IF_ERROR(r.Stratifications().Replace(draft));
        COVALUE_RETURN_IF_ERROR(gate_.AppendAudit(r, ctx, decision, Action::kStratificationWrite,
                                                  target, StratificationSubject(id),
                                                  AuditOutcome::kAllowed));
        return draft;
      });
}

Result<Stratification> Strata::Get(const RequestContext& ctx, Id id) {
  COVALUE_RETURN_IF_ERROR(gate_.Require(ctx));
  return store::ReadValue<Stratification>(
      store_, [&](store::Repositories& r) { return r.Stratifications().Get(id); });
}

Result<std::vector<Stratification>> Strata::List(const RequestContext& ctx, Id population_id) {
  COVALUE_RETURN_IF_ERROR(gate_.Require(ctx));
  return store::ReadValue<std::vector<Stratification>>(
      store_, [&](store::Repositories& r) -> Result<std::vector<Stratification>> {
        COVALUE_RETURN_IF_ERROR(r.Populations().Get(population_id));
        return r.Stratifications().ListOfPopulation(population_id);
      });
}

}  // namespace covalue::app
