#pragma once

#include <optional>
#include <utility>
#include <vector>

#include "analytics/spc/chart.h"
#include "analytics/spc/statistics.h"

// Each chart type's centre line and sigma over one part (internal to analytics/spc).
namespace covalue::analytics::spc {

struct PartData {
  ChartType type = ChartType::kRun;
  PartRange part;
  const Values& values;             // every subgroup's value, indexed as the chart's points
  const Values& plotted;            // what the part plots (the moving ranges for MR)
  const std::vector<double>& base;  // the plotted values of the baseline's included points
  const std::vector<ChartPoint>& points;
  const std::vector<Subgroup>& subgroups;
  const std::vector<std::optional<std::pair<double, double>>>& sums;  // of each subgroup
  bool mr_screening = true;
  Rules rules = Rules::kAnhoej;
};

struct Centre {
  std::optional<double> cl;
  std::optional<double> sigma;                // one for the whole part …
  std::vector<std::optional<double>> sigmas;  // … or one per point, where it varies
  std::optional<double> limit_centre;         // where the limits centre when not on cl (G, T)
};

// Nothing when the part has no baseline value.
Centre CentreOf(const PartData& d);

}  // namespace covalue::analytics::spc
