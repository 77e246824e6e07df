#include "analytics/spc/runs.h"

#include <algorithm>
#include <cmath>
#include <vector>

namespace covalue::analytics::spc {

namespace {

RunsLimits Compute(std::size_t n_useful) {
  RunsLimits limits;
  if (n_useful == 0) {
    return limits;
  }
  // log2(n) is never exactly x.5 for a whole n, so how halves round does not matter.
  limits.longest_run_max =
      static_cast<std::size_t>(std::lround(std::log2(static_cast<double>(n_useful)))) + 3;
  // qbinom(0.05, m, 1/2): the smallest k with P(X <= k) >= 0.05. P(X <= k) is never exactly
  // 1/20 (2^m has no factor 5); the pmf is summed in long double from log-gamma, whose error is
  // far below the distance of any partial sum from 0.05 for the sizes charts have.
  const std::size_t m = n_useful - 1;
  const long double log_half_power = static_cast<long double>(m) * std::log(0.5L);
  const long double log_m_factorial = std::lgammal(static_cast<long double>(m) + 1);
  long double cumulative = 0;
  for (std::size_t k = 0; k <= m; ++k) {
    cumulative += std::exp(log_m_factorial - std::lgammal(static_cast<long double>(k) + 1) -
                           std::lgammal(static_cast<long double>(m - k) + 1) + log_half_power);
    if (cumulative >= 0.05L) {
      limits.n_crossings_min = k;
      break;
    }
  }
  return limits;
}

}  // namespace

RunsLimits RunsLimitsFor(std::size_t n_useful) {
  // Charts ask for the same small sizes again and again: those are computed once (a
  // thread-safe static), larger ones each time.
  constexpr std::size_t kTabled = 512;
  static const std::vector<RunsLimits> kTable = [] {
    std::vector<RunsLimits> out;
    out.reserve(kTabled);
    for (std::size_t n = 0; n < kTabled; ++n) {
      out.push_back(Compute(n));
    }
    return out;
  }();
  return n_useful < kTabled ? kTable[n_useful] : Compute(n_useful);
}

RunsAnalysis AnalyseRuns(const std::vector<std::optional<double>>& values, double centre) {
  RunsAnalysis out;
  int side = 0;  // of the current run: +1 above, −1 below
  std::size_t run = 0;
  for (const std::optional<double>& value : values) {
    if (!value || *value == centre) {
      continue;
    }
    const int here = *value > centre ? 1 : -1;
    ++out.n_useful;
    if (here == side) {
      ++run;
    } else {
      if (side != 0) {
        ++out.n_crossings;
      }
      side = here;
      run = 1;
    }
    if (run > out.longest_run) {
      out.longest_run = run;
      out.longest_run_side = side;
    }
  }
  out.limits = RunsLimitsFor(out.n_useful);
  out.long_run = out.n_useful > 0 && out.longest_run > out.limits.longest_run_max;
  out.few_crossings = out.n_useful > 0 && out.n_crossings < out.limits.n_crossings_min;
  return out;
}

}  // namespace covalue::analytics::spc
