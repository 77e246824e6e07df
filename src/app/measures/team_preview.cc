// A team tries a measure on its own data before anyone defines it (Measures::PreviewTeamMeasure).

#include "app/measures/measures.h"

namespace covalue::app {

Result<MeasureChartView> Measures::PreviewTeamMeasure(const RequestContext& ctx, Id team_id,
                                                      const MeasureDefinition& measure,
                                                      const MeasureChartQuery& query) {
  COVALUE_ASSIGN_OR_RETURN(Principal principal, gate_.Require(ctx));
  COVALUE_ASSIGN_OR_RETURN(Team team, TeamById(team_id));
  // The readers of the team's own charts: the site's staff see every cell of their own people,
  // so no cut-point or suppression applies (those guard the community's views).
  COVALUE_RETURN_IF_ERROR(gate_.Permit(ctx, principal, Action::kMeasureRead,
                                       {team.site_id, team.id, std::nullopt, {}},
                                       {"measure", "preview", {}}));
  COVALUE_RETURN_IF_ERROR(ValidateMeasure(measure));
  COVALUE_ASSIGN_OR_RETURN(auto views, Previewed({measure}, query, 0, [&](Id site, Id population) {
                             return site == team.site_id && population == team.population_id;
                           }));
  return std::move(views.front());
}

}  // namespace covalue::app
