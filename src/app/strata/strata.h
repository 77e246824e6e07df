#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "app/kernel/context.h"
#include "app/kernel/gate.h"
#include "domain/error.h"
#include "domain/stratification.h"
#include "store/store.h"

namespace covalue::app {

struct Quartiles {
  double median = 0;
  double q1 = 0;
  double q3 = 0;
};

// A count that may be withheld (nullopt) by the small-cell rule.
using ShownCount = std::optional<std::int64_t>;

// One stratum's live numbers. A suppressed stratum shows none of them.
struct StratumSummary {
  std::string name;
  ShownCount people;
  bool suppressed = false;
  std::optional<double> utilisation_per_person_year;
  std::optional<double> cost_per_person_year;
  std::vector<std::pair<std::string, ShownCount>> ages;   // kAgeBands' order
  std::vector<std::pair<std::string, ShownCount>> sexes;  // female, male, other, unknown
  // Per score code, the quartiles of each person's latest value (nullopt: nobody has one, or
  // fewer than the minimum cell for a reader who sees suppressed numbers).
  std::vector<std::pair<std::string, std::optional<Quartiles>>> scores;
};

// Age bands of a stratum's age distribution (whole years today).
inline constexpr const char* kAgeBands[] = {"0-17", "18-29", "30-44", "45-64", "65-79", "80+"};

struct StratificationSummary {
  Id stratification_id = 0;
  Id population_id = 0;
  Id site_id = 0;
  std::string currency;     // of the costs: the site's
  std::string window_from;  // the window is (window_from, window_to], YYYY-MM-DD
  std::string window_to;
  int months = 12;
  bool whole = true;  // every number shown; false: through the small-cell rule
  std::size_t min_cell = 5;
  std::vector<StratumSummary> strata;  // in order, "Other" last
};

// Strata of a population with live numbers (DESIGN.md §2 "Population"): named sub-groups by the
// people's fields and latest observations, first match wins, the rest "Other"; per stratum the
// number of people, their ages and sexes, utilisation and cost per person-year over a window
// (utilisation events: observations of a code in the site's unit-cost table, valued at the unit
// cost valid on the event's day), and the quartiles (Hyndman–Fan type 7) of chosen scores'
// latest values. The site's team members and leads, professionals and admins see every number;
// anyone else sees them through the small-cell rule: a stratum of 1 to min_cell − 1 people, or
// the next smallest when only one is (complementary suppression, as the strata add up to the
// population), shows no number; in shown strata, age and sex counts of 1 to min_cell − 1 are
// withheld the same way, and scores of fewer than min_cell people.
class Strata {
 public:
  Strata(store::Store& store, Gate& gate) : store_(store), gate_(gate) {}
  Strata(const Strata&) = delete;
  Strata& operator=(const Strata&) = delete;

  // Default 5, as the community's measure views; at least 1.
  void SetMinCell(std::size_t min_cell) { min_cell_ = min_cell < 1 ? 1 : min_cell; }

  // Defines strata of the population (its site's teams and admins). kInvalidArgument from
  // ValidateStratification (fields: kStratumFields and the population's variables); kNotFound
  // for an unknown population.
  [[nodiscard]] Result<Stratification> Define(const RequestContext& ctx, Id population_id,
                                              Stratification draft);
  [[nodiscard]] Result<Stratification> Replace(const RequestContext& ctx, Id id,
                                               Stratification draft);
  // The rules (any signed-in user: they hold no one's data).
  [[nodiscard]] Result<Stratification> Get(const RequestContext& ctx, Id id);
  [[nodiscard]] Result<std::vector<Stratification>> List(const RequestContext& ctx,
                                                         Id population_id);
  // The live numbers over the last `months` calendar months to today (1–120).
  [[nodiscard]] Result<StratificationSummary> Summarize(const RequestContext& ctx, Id id,
                                                        int months = 12);

 private:
  store::Store& store_;
  Gate& gate_;
  std::size_t min_cell_ = 5;
};

}  // namespace covalue::app
