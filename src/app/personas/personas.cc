// Personas: portraits whose texts are their workbooks' answers, with their stratum's numbers.

#include "app/personas/personas.h"

#include <algorithm>

#include "store/persona_repository.h"
#include "store/stratification_repository.h"
#include "store/team_repository.h"
#include "store/workbook_repository.h"

namespace covalue::app {
namespace {

Subject PersonaSubject(Id id) { return {"persona", std::to_string(id), {}}; }

}  // namespace

Result<std::pair<Decision, Target>> Personas::PermitTeam(const RequestContext& ctx, Action action,
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

Result<PersonaView> Personas::ViewOf(const RequestContext& ctx, Persona persona) {
  PersonaView view{std::move(persona), std::nullopt, "", "", ""};
  if (!view.persona.stratification_id) return view;
  auto summary = strata_.Summarize(ctx, *view.persona.stratification_id);
  if (!summary) return view;  // the stratification's numbers are not the persona's to refuse
  view.currency = summary->currency;
  view.window_from = summary->window_from;
  view.window_to = summary->window_to;
  for (StratumSummary& s : summary->strata) {
    if (s.name == view.persona.stratum) view.numbers = std::move(s);
  }
  return view;
}

Result<PersonaView> Personas::Create(const RequestContext& ctx, Id team_id, Persona draft) {
  COVALUE_ASSIGN_OR_RETURN(const auto permit, PermitTeam(ctx, Action::kWorkbookCreate, team_id,
                                                         {"persona", "new", {}}));
  COVALUE_RETURN_IF_ERROR(ValidatePersona(draft));
  COVALUE_ASSIGN_OR_RETURN(const Guide guide, workbooks_.GetGuide(ctx, kPersonaGuide));
  const Principal& principal = *ctx.principal;
  draft.id = 0;
  draft.team_id = team_id;
  draft.created_ms = gate_.NowMs();
  COVALUE_ASSIGN_OR_RETURN(
      Persona made,
      store::WriteValue<Persona>(store_, [&](store::Repositories& r) -> Result<Persona> {
        COVALUE_ASSIGN_OR_RETURN(const Team team, r.Teams().Get(team_id));
        if (draft.stratification_id) {
          auto s = r.Stratifications().Get(*draft.stratification_id);
          if (!s || s->population_id != team.population_id) {
            return Fail(ErrorCode::kInvalidArgument,
                        "no such stratification of the team's population", "/stratification_id");
          }
          const bool known = draft.stratum == kOtherStratum ||
                             std::any_of(s->strata.begin(), s->strata.end(),
                                         [&](const Stratum& x) { return x.name == draft.stratum; });
          if (!known) {
            return Fail(ErrorCode::kInvalidArgument, "no such stratum in the stratification",
                        "/stratum");
          }
        }
        COVALUE_ASSIGN_OR_RETURN(
            Workbook workbook,
            r.Workbooks().Create(Workbook{0, team.site_id, team.id, guide.id, guide.version,
                                          principal.user_id, draft.created_ms, "", false,
                                          draft.name, std::nullopt}));
        draft.workbook_id = workbook.id;
        COVALUE_ASSIGN_OR_RETURN(Persona persona, r.Personas().Create(draft));
        COVALUE_RETURN_IF_ERROR(gate_.AppendAudit(r, ctx, permit.first, Action::kWorkbookCreate,
                                                  permit.second, PersonaSubject(persona.id),
                                                  AuditOutcome::kAllowed));
        return persona;
      }));
  return ViewOf(ctx, std::move(made));
}

Result<PersonaView> Personas::Get(const RequestContext& ctx, Id id) {
  COVALUE_ASSIGN_OR_RETURN(Persona persona,
                           store::ReadValue<Persona>(store_, [&](store::Repositories& r) {
                             return r.Personas().Get(id);
                           }));
  COVALUE_RETURN_IF_ERROR(
      PermitTeam(ctx, Action::kWorkbookRead, persona.team_id, PersonaSubject(id)));
  return ViewOf(ctx, std::move(persona));
}

Result<std::vector<PersonaView>> Personas::List(const RequestContext& ctx, Id team_id) {
  COVALUE_RETURN_IF_ERROR(PermitTeam(ctx, Action::kWorkbookRead, team_id,
                                     {"persona", "team " + std::to_string(team_id), {}}));
  COVALUE_ASSIGN_OR_RETURN(auto personas,
                           store::ReadValue<std::vector<Persona>>(store_, [&](store::Repositories& r) {
                             return r.Personas().ListOfTeam(team_id);
                           }));
  std::vector<PersonaView> views;
  for (Persona& p : personas) {
    COVALUE_ASSIGN_OR_RETURN(PersonaView view, ViewOf(ctx, std::move(p)));
    views.push_back(std::move(view));
  }
  return views;
}

}  // namespace covalue::app
