#pragma once

#include <cstdint>
#include <string>

#include "domain/community.h"

namespace covalue {

// A team's note on one point of one of its measure charts ("new triage nurse started"): shown
// on the chart at its period and in the chart's table. The period is the point's label as the
// chart writes it (analytics::PeriodLabel: "2026-11", "2026-Q4", a week's Monday).
struct ChartNote {
  Id id = 0;
  Id site_id = 0;
  Id team_id = 0;
  std::string measure_id;
  std::string period;
  std::string text;  // 1–500 characters
  Id author_id = 0;
  std::string author;  // the author's display name, filled when read
  std::int64_t created_ms = 0;
};

}  // namespace covalue
