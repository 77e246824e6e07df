#include "demo/utilisation.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <string>

#include "demo/demo_registry.h"

namespace covalue::demo {
namespace {

constexpr std::array<UtilisationRate, 5> kCodes = {{
    {"OPV", "Outpatient visit", 0, 1},
    {"IPD", "Inpatient days", 0, 9},
    {"ER", "Emergency department visit", 0, 1},
    {"HV", "Home visit", 0, 1},
    {"DISP", "Medication dispensing", 0, 1},
}};

struct PopulationRates {
  std::string_view population;
  std::array<double, 5> per_year;  // OPV, IPD stays, ER, HV, DISP
};

// Yearly rates for a demonstration: inpatient stays (of 1 to 9 days) rather than days.
constexpr std::array<PopulationRates, 10> kRates = {{
    {"People living with cancer", {10, 1.2, 1.0, 0, 12}},
    {"People with MS", {4, 0.2, 0.3, 0, 12}},
    {"People with mental illness", {12, 0.5, 0.8, 2, 12}},
    {"Older adults with depression", {6, 0.3, 0.5, 2, 12}},
    {"People with heart failure", {5, 0.9, 1.2, 1, 12}},
    {"People receiving home care", {2, 0.8, 1.0, 100, 12}},
    {"People with morbid obesity", {6, 0.1, 0.3, 0, 4}},
    {"People with diabetes", {4, 0.2, 0.2, 0, 12}},
    {"People with opiate use disorder", {26, 0.3, 1.5, 0, 52}},
    {"People with epilepsy", {3, 0.3, 0.5, 0, 12}},
}};

// Prices in each currency (OPV, IPD a day, ER, HV, DISP), before the rise of 2026.
struct Prices {
  std::string_view country;
  std::string_view currency;
  std::array<double, 5> cost;
  double person_time_per_minute;
};
constexpr std::array<Prices, 4> kPrices = {{
    {"SE", "SEK", {2400, 9500, 4500, 900, 1200}, 4.5},
    {"NO", "NOK", {2600, 11000, 5000, 1000, 1300}, 5.0},
    {"US", "USD", {250, 3000, 1500, 150, 140}, 0.5},
    {"GB", "GBP", {180, 800, 300, 60, 90}, 0.35},
}};

const Prices& PricesOf(std::string_view country) {
  for (const Prices& p : kPrices) {
    if (p.country == country) return p;
  }
  return kPrices.front();
}

}  // namespace

std::span<const UtilisationRate> UtilisationCodes() { return kCodes; }

std::vector<UtilisationRate> UtilisationOf(std::string_view population) {
  std::vector<UtilisationRate> rates(kCodes.begin(), kCodes.end());
  for (const PopulationRates& p : kRates) {
    if (p.population != population) continue;
    for (std::size_t i = 0; i < rates.size(); ++i) rates[i].per_year = p.per_year[i];
  }
  return rates;
}

void DrawUtilisation(std::string_view population, double need, std::int64_t month_start_ms,
                     Draw& draw, std::vector<Observation>& out) {
  for (const UtilisationRate& rate : UtilisationOf(population)) {
    // Events of a month as a Poisson draw (inversion: rates are small).
    const double mean = rate.per_year * need / 12.0;
    const double limit = std::exp(-mean);
    double product = draw.Uniform();
    int events = 0;
    while (product > limit && events < 40) {
      ++events;
      product *= draw.Uniform();
    }
    for (int e = 0; e < events; ++e) {
      const std::int64_t at = month_start_ms + draw.Between(0, 27) * 86'400'000 +
                              draw.Between(7 * 60, 19 * 60) * 60'000;
      const double quantity = static_cast<double>(draw.Between(1, rate.most));
      out.push_back(Observation{0, 0, 0, 0, kDemoSystem, std::string(rate.code),
                                std::string(rate.display), at, quantity,
                                rate.code == "IPD" ? "d" : "{event}", "", std::nullopt});
    }
  }
}

std::vector<UnitCost> DemoUnitCosts(std::string_view country) {
  const Prices& prices = PricesOf(country);
  std::vector<UnitCost> rows;
  for (std::size_t i = 0; i < kCodes.size(); ++i) {
    const std::string code(kCodes[i].code);
    const std::string currency(prices.currency);
    rows.push_back({code, prices.cost[i], currency, "2020-01-01"});
    rows.push_back({code, std::round(prices.cost[i] * 1.04), currency, "2026-01-01"});
  }
  return rows;
}

double DemoPersonTimeValue(std::string_view country) {
  return PricesOf(country).person_time_per_minute;
}

}  // namespace covalue::demo
