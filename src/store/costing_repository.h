#pragma once

#include <optional>
#include <vector>

#include "domain/error.h"
#include "domain/process_map.h"
#include "domain/unit_cost.h"

namespace covalue::store {

// What costs are computed from: sites' costing settings and unit-cost tables, teams' resources.
class CostingRepository {
 public:
  virtual ~CostingRepository() = default;
  // The site's table, by code then valid-from date.
  [[nodiscard]] virtual Result<std::vector<UnitCost>> UnitCosts(Id site_id) = 0;
  // Replaces the site's whole table with rows (valid: ValidateUnitCosts).
  [[nodiscard]] virtual Status ReplaceUnitCosts(Id site_id, const std::vector<UnitCost>& rows) = 0;
  // nullopt while the site has set none.
  [[nodiscard]] virtual Result<std::optional<SiteCosting>> GetSiteCosting(Id site_id) = 0;
  [[nodiscard]] virtual Status SetSiteCosting(const SiteCosting& costing) = 0;

  // A new resource (id set); kInvalidArgument for an unknown team.
  [[nodiscard]] virtual Result<Resource> CreateResource(const Resource& resource) = 0;
  // kNotFound when absent.
  [[nodiscard]] virtual Result<Resource> GetResource(Id id) = 0;
  // The team's resources in id order.
  [[nodiscard]] virtual Result<std::vector<Resource>> Resources(Id team_id) = 0;
  // Changes its name, kind and rates (not its team); kNotFound when absent.
  [[nodiscard]] virtual Status UpdateResource(const Resource& resource) = 0;
  // kNotFound when absent. Old map revisions keep naming it; costs then count it at 0.
  [[nodiscard]] virtual Status DeleteResource(Id id) = 0;
};

}  // namespace covalue::store
