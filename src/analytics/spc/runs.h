#pragma once

#include <cstddef>
#include <optional>
#include <vector>

namespace covalue::analytics::spc {

// Anhøj's runs analysis (Anhøj J, Olesen AV. Run charts revisited: a simulation study of run
// chart rules for detection of non-random variation in health care processes. PLoS ONE
// 2014;9(11):e113825; Anhøj J. Diagnostic value of run chart analysis. PLoS ONE
// 2015;10(3):e0121349), as qicharts2 0.8.1 computes it.

// The critical values for n useful observations: a run longer than longest_run_max, or fewer
// crossings than n_crossings_min, signals non-random variation.
struct RunsLimits {
  std::size_t longest_run_max = 0;  // round(log2(n)) + 3
  std::size_t n_crossings_min = 0;  // the 5% quantile of Binomial(n − 1, 1/2)
};
RunsLimits RunsLimitsFor(std::size_t n_useful);

struct RunsAnalysis {
  std::size_t n_useful = 0;  // values neither missing nor on the centre line
  std::size_t longest_run = 0;
  int longest_run_side = 0;  // +1 above the centre, −1 below (the first such run)
  std::size_t n_crossings = 0;
  RunsLimits limits;
  bool long_run = false;       // longest_run > limits.longest_run_max
  bool few_crossings = false;  // n_crossings < limits.n_crossings_min
  bool Signal() const { return long_run || few_crossings; }
};

// The runs of values (nullopt: missing) about centre: points exactly on the centre line and
// missing points neither extend nor break a run and are not counted. With no useful value,
// everything is 0 and nothing signals.
RunsAnalysis AnalyseRuns(const std::vector<std::optional<double>>& values, double centre);

}  // namespace covalue::analytics::spc
