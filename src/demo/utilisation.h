#pragma once

#include <cstdint>
#include <span>
#include <string_view>
#include <vector>

#include "demo/draw.h"
#include "domain/registry.h"
#include "domain/unit_cost.h"

namespace covalue::demo {

// The demo registry's utilisation events (an observation of a code in the site's unit-cost
// table; its value the quantity): plausible yearly rates per population for a demonstration,
// not reference data. A person's rates are the population's times their need (higher with a
// worse PHQ-9 baseline and a worse clinical level) times a seeded personal factor, so strata by
// severity differ in cost as they would.
struct UtilisationRate {
  std::string_view code;     // OPV, IPD, ER, HV, DISP
  std::string_view display;
  double per_year = 0;       // events a year for a person of average need
  int most = 1;              // the largest quantity of one event (inpatient days of a stay)
};

// The utilisation codes and their meanings, for every population.
std::span<const UtilisationRate> UtilisationCodes();
// The population's yearly rates (each code of UtilisationCodes, some 0).
std::vector<UtilisationRate> UtilisationOf(std::string_view population);

// A month's events for one person: at month_start_ms, need the person's multiplier.
void DrawUtilisation(std::string_view population, double need, std::int64_t month_start_ms,
                     Draw& draw, std::vector<Observation>& out);

// A demo site's unit-cost table in its country's currency, with a price rise on 2026-01-01,
// and its value of a person's time per minute.
std::vector<UnitCost> DemoUnitCosts(std::string_view country);
double DemoPersonTimeValue(std::string_view country);

}  // namespace covalue::demo
