#pragma once

#include <nlohmann/json.hpp>

#include "analytics/spc/chart.h"

namespace covalue::http {

// A chart's points and parts in qicharts2's vocabulary (README "SPC charts"): members in the
// documented order, null where a value does not exist. x is the point's label as the caller
// writes it (a number or a string).
nlohmann::ordered_json SpcPointJson(const analytics::spc::ChartPoint& point,
                                    nlohmann::ordered_json x);
nlohmann::ordered_json SpcPartJson(const analytics::spc::ChartPart& part);

}  // namespace covalue::http
