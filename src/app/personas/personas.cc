// Personas: portraits whose texts are their workbooks' answers, with their stratum's numbers.

#include "app/personas/personas.h"

#include <algorithm>
#include <map>

#include "app/kernel/crypto.h"
#include "formats/picture.h"
#include "store/persona_repository.h"
#include "store/stratification_repository.h"
#include "store/team_repository.h"
#include "store/workbook_repository.h"

namespace covalue::app {
namespace {

Subject PersonaSubject(Id id) { return {"persona", std::to_string(id), {}}; }

}  // namespace

Result<std::pair<Decision, Target>> Personas::PermitTeam(const RequestContext& ctx, Action action,
                                                         Id team_id, const Subject& subject,
                                                         bool shared) {
  COVALUE_ASSIGN_OR_RETURN(Principal principal, gate_.Require(ctx));
  COVALUE_ASSIGN_OR_RETURN(const Team team, store::ReadValue<Team>(store_, [&](store::Repositories& r) {
                             return r.Teams().Get(team_id);
                           }));
  Target target;
  target.site_id = team.site_id;
  target.team_id = team.id;
  if (shared && !Authorize(principal, action, target).allowed) {
    action = Action::kWorkbookProgress;
  }
  COVALUE_ASSIGN_OR_RETURN(Decision decision, gate_.Permit(ctx, principal, action, target, subject));
  return std::pair{decision, target};
}

PersonaView Personas::ViewOf(const RequestContext& ctx, Persona persona,
                             StratumNumbers& numbers) {
  PersonaView view{std::move(persona), std::nullopt, "", "", ""};
  if (!view.persona.stratification_id) return view;
  const Id id = *view.persona.stratification_id;
  auto it = numbers.find(id);
  if (it == numbers.end()) it = numbers.emplace(id, strata_.Summarize(ctx, id)).first;
  // The stratification's numbers are not the persona's to refuse: without them it is shown alone.
  const Result<StratificationSummary>& summary = it->second;
  if (!summary) return view;
  view.currency = summary->currency;
  view.window_from = summary->window_from;
  view.window_to = summary->window_to;
  for (const StratumSummary& s : summary->strata) {
    if (s.name == view.persona.stratum) view.numbers = s;
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
  StratumNumbers numbers;
  return ViewOf(ctx, std::move(made), numbers);
}

Result<std::pair<Persona, std::pair<Decision, Target>>> Personas::Readable(
    const RequestContext& ctx, Id id) {
  Persona persona;
  bool shared = false;
  COVALUE_RETURN_IF_ERROR(store_.Read([&](store::Repositories& r) -> Status {
    COVALUE_ASSIGN_OR_RETURN(persona, r.Personas().Get(id));
    COVALUE_ASSIGN_OR_RETURN(const Workbook workbook, r.Workbooks().Get(persona.workbook_id));
    shared = workbook.shared;
    return Ok();
  }));
  COVALUE_ASSIGN_OR_RETURN(auto permit, PermitTeam(ctx, Action::kWorkbookRead, persona.team_id,
                                                   PersonaSubject(id), shared));
  return std::pair{std::move(persona), std::move(permit)};
}

Result<std::pair<Persona, std::pair<Decision, Target>>> Personas::Writable(
    const RequestContext& ctx, Id id) {
  COVALUE_ASSIGN_OR_RETURN(Persona persona,
                           store::ReadValue<Persona>(store_, [&](store::Repositories& r) {
                             return r.Personas().Get(id);
                           }));
  COVALUE_ASSIGN_OR_RETURN(auto permit, PermitTeam(ctx, Action::kWorkbookWrite, persona.team_id,
                                                   PersonaSubject(id)));
  return std::pair{std::move(persona), std::move(permit)};
}

Result<PersonaView> Personas::Get(const RequestContext& ctx, Id id, StratumNumbers* numbers) {
  COVALUE_ASSIGN_OR_RETURN(auto readable, Readable(ctx, id));
  StratumNumbers fresh;
  return ViewOf(ctx, std::move(readable.first), numbers != nullptr ? *numbers : fresh);
}

Result<PersonaView> Personas::SetPicture(const RequestContext& ctx, Id id,
                                         std::string_view upload) {
  COVALUE_ASSIGN_OR_RETURN(auto writable, Writable(ctx, id));
  Persona& persona = writable.first;
  const auto& permit = writable.second;
  COVALUE_ASSIGN_OR_RETURN(const formats::Picture picture, formats::ReencodePicture(upload));
  const PersonaPicture kept{id, crypto::ToBase64(picture.png), picture.width, picture.height,
                            ctx.principal->user_id, gate_.NowMs()};
  COVALUE_RETURN_IF_ERROR(store_.Write([&](store::Repositories& r) -> Status {
    COVALUE_RETURN_IF_ERROR(r.Personas().SetPicture(kept));
    return gate_.AppendAudit(r, ctx, permit.first, Action::kWorkbookWrite, permit.second,
                             PersonaSubject(id), AuditOutcome::kAllowed);
  }));
  persona.picture_width = picture.width;
  persona.picture_height = picture.height;
  StratumNumbers numbers;
  return ViewOf(ctx, std::move(persona), numbers);
}

Result<std::string> Personas::Picture(const RequestContext& ctx, Id id) {
  COVALUE_RETURN_IF_ERROR(Readable(ctx, id));
  COVALUE_ASSIGN_OR_RETURN(const PersonaPicture picture,
                           store::ReadValue<PersonaPicture>(store_, [&](store::Repositories& r) {
                             return r.Personas().Picture(id);
                           }));
  auto png = crypto::FromBase64(picture.png_base64);
  if (!png) return Fail(ErrorCode::kInternal, "the stored picture is not base64");
  return std::move(*png);
}

Status Personas::DeletePicture(const RequestContext& ctx, Id id) {
  COVALUE_ASSIGN_OR_RETURN(const auto writable, Writable(ctx, id));
  const auto& permit = writable.second;
  return store_.Write([&](store::Repositories& r) -> Status {
    COVALUE_RETURN_IF_ERROR(r.Personas().DeletePicture(id));
    return gate_.AppendAudit(r, ctx, permit.first, Action::kWorkbookWrite, permit.second,
                             PersonaSubject(id), AuditOutcome::kAllowed);
  });
}

Result<std::vector<PersonaView>> Personas::List(const RequestContext& ctx, Id team_id) {
  COVALUE_ASSIGN_OR_RETURN(const auto permit,
                           PermitTeam(ctx, Action::kWorkbookRead, team_id,
                                      {"persona", "team " + std::to_string(team_id), {}}, true));
  // Who follows the team's progress only (facilitators) lists the personas the team has shared.
  const bool all = Authorize(*ctx.principal, Action::kWorkbookRead, permit.second).allowed;
  std::vector<Persona> personas;
  COVALUE_RETURN_IF_ERROR(store_.Read([&](store::Repositories& r) -> Status {
    COVALUE_ASSIGN_OR_RETURN(personas, r.Personas().ListOfTeam(team_id));
    if (all) return Ok();
    std::vector<Persona> shared;
    for (Persona& p : personas) {
      COVALUE_ASSIGN_OR_RETURN(const Workbook workbook, r.Workbooks().Get(p.workbook_id));
      if (workbook.shared) shared.push_back(std::move(p));
    }
    personas = std::move(shared);
    return Ok();
  }));
  StratumNumbers numbers;
  std::vector<PersonaView> views;
  for (Persona& p : personas) views.push_back(ViewOf(ctx, std::move(p), numbers));
  return views;
}

}  // namespace covalue::app
