#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "app/kernel/context.h"
#include "app/kernel/gate.h"
#include "domain/error.h"
#include "domain/process_map.h"
#include "domain/unit_cost.h"
#include "store/store.h"

namespace covalue::app {

// The prices costs are computed with: each site's unit-cost table (what one outpatient visit,
// inpatient day or dispensing costs from a date on), with its currency and the value of a
// person's time per minute (set through app/community/, read here by CostingOf); each team's resources (staff roles, rooms, equipment) with their capacity
// cost rates (time-driven activity-based costing). A site's admins set its prices; its staff
// read them. Resources are the team's, as its process maps are.
class Costs {
 public:
  Costs(store::Store& store, Gate& gate) : store_(store), gate_(gate) {}
  Costs(const Costs&) = delete;
  Costs& operator=(const Costs&) = delete;

  [[nodiscard]] Result<std::vector<UnitCost>> UnitCosts(const RequestContext& ctx, Id site_id);
  // Replaces the site's whole table (a site's admins), all or nothing; the site's currency
  // becomes the table's. kInvalidArgument from ValidateUnitCosts.
  [[nodiscard]] Result<std::vector<UnitCost>> ReplaceUnitCosts(const RequestContext& ctx,
                                                               Id site_id,
                                                               std::vector<UnitCost> rows);

  // The team's resources; kNotFound for an unknown team or resource.
  [[nodiscard]] Result<Resource> CreateResource(const RequestContext& ctx, Id team_id,
                                                Resource resource);
  [[nodiscard]] Result<std::vector<Resource>> ListResources(const RequestContext& ctx, Id team_id);
  [[nodiscard]] Result<Resource> UpdateResource(const RequestContext& ctx, Id resource_id,
                                                Resource resource);
  [[nodiscard]] Status DeleteResource(const RequestContext& ctx, Id resource_id);

  // For the other services, inside their own transaction and after their own policy check:
  // the site's settings with the defaults above.
  static Result<SiteCosting> CostingOf(store::Repositories& repos, Id site_id);

 private:
  // The decision that lets ctx take action on the team's resources (denials audited).
  Result<std::pair<Decision, Target>> PermitTeam(const RequestContext& ctx, Action action,
                                                Id team_id, const Subject& subject);
  Result<Decision> PermitSite(const RequestContext& ctx, Action action, Id site_id);

  store::Store& store_;
  Gate& gate_;
};

}  // namespace covalue::app
