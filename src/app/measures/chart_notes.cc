// A team's notes on the points of its measure charts (domain/chart_note.h): written by those
// who write the team's workbooks, read with the team's chart (Measures::TeamMeasureChart).

#include <algorithm>

#include <fmt/format.h>

#include "app/measures/measures.h"
#include "domain/validation.h"
#include "store/measure_repository.h"

namespace covalue::app {

Result<ChartNote> Measures::AddChartNote(const RequestContext& ctx, Id team_id,
                                         const std::string& measure_id, const std::string& period,
                                         const std::string& text) {
  COVALUE_RETURN_IF_ERROR(ValidateText(period, "/period", 40));
  COVALUE_RETURN_IF_ERROR(ValidateText(text, "/text", 500));
  COVALUE_ASSIGN_OR_RETURN(Principal principal, gate_.Require(ctx));
  COVALUE_ASSIGN_OR_RETURN(Team team, TeamById(team_id));
  const Target target{team.site_id, team.id, std::nullopt, {}};
  COVALUE_ASSIGN_OR_RETURN(Decision decision, gate_.Permit(ctx, principal, Action::kChartNoteWrite,
                                                           target, {"chart_note", measure_id, {}}));
  return store::WriteValue<ChartNote>(store_, [&](store::Repositories& repos) -> Result<ChartNote> {
    COVALUE_ASSIGN_OR_RETURN(std::vector<MeasureDefinition> definitions,
                             repos.Measures().Definitions());
    if (std::none_of(definitions.begin(), definitions.end(),
                     [&](const MeasureDefinition& m) { return m.id == measure_id; })) {
      return Fail(ErrorCode::kNotFound, fmt::format("no measure '{}'", measure_id));
    }
    COVALUE_ASSIGN_OR_RETURN(ChartNote note, repos.Measures().AddChartNote(
                                                 {0, team.site_id, team.id, measure_id, period,
                                                  text, principal.user_id, "", gate_.NowMs()}));
    COVALUE_RETURN_IF_ERROR(gate_.AppendAudit(repos, ctx, decision, Action::kChartNoteWrite, target,
                                              {"chart_note", std::to_string(note.id), {}},
                                              AuditOutcome::kAllowed));
    return note;
  });
}

Status Measures::DeleteChartNote(const RequestContext& ctx, Id id) {
  COVALUE_ASSIGN_OR_RETURN(Principal principal, gate_.Require(ctx));
  auto note = store::ReadValue<ChartNote>(
      store_, [&](store::Repositories& r) { return r.Measures().GetChartNote(id); });
  if (!note && note.error().code != ErrorCode::kNotFound) {
    return Fail(note.error());
  }
  // An unknown note is refused as another team's would be: its id tells nothing.
  const Target target = note ? Target{note->site_id, note->team_id, std::nullopt, {}}
                             : Target{std::nullopt, std::nullopt, std::nullopt, {}};
  COVALUE_ASSIGN_OR_RETURN(Decision decision,
                           gate_.Permit(ctx, principal, Action::kChartNoteWrite, target,
                                        {"chart_note", std::to_string(id), {}}));
  return store_.Write([&](store::Repositories& repos) -> Status {
    COVALUE_RETURN_IF_ERROR(repos.Measures().DeleteChartNote(id));
    return gate_.AppendAudit(repos, ctx, decision, Action::kChartNoteWrite, target,
                             {"chart_note", std::to_string(id), {}}, AuditOutcome::kAllowed);
  });
}

}  // namespace covalue::app
