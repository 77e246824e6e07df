#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <boost/container/small_vector.hpp>

#include "domain/error.h"

namespace covalue::analytics::spc {

// Statistical process control charts as qicharts2 0.8.1 draws them (../shared conventions:
// docs in the README), on plain values: no I/O. Formulas are cited where they are computed.

// qicharts2's chart names: run, i, mr, xbar, s, t, p, pp, c, u, up, g.
enum class ChartType { kRun, kI, kMR, kXbar, kS, kT, kP, kPP, kC, kU, kUP, kG };
std::string_view ChartName(ChartType type);
std::optional<ChartType> ParseChartType(std::string_view name);

// The rows of one subgroup (one x, as qicharts2 aggregates long data). A row's empty cell is
// nullopt; any makes the whole subgroup missing. One row is kept without an allocation: a chart
// of period aggregates has one row per subgroup, and charts are read far more than written.
using SubgroupRows = boost::container::small_vector<std::optional<double>, 1>;
// NOLINTNEXTLINE(bugprone-exception-escape): small_vector's moves copy inline rows and may throw
struct Subgroup {
  SubgroupRows y;
  SubgroupRows n;  // denominators; empty when the chart takes none
};

// The rules that find signals: Anhøj's runs rules with Shewhart's 3-sigma rule, as qicharts2
// applies them, or the NHS "Making Data Count" rules as NHSRplotthedots 0.2.2 applies them to
// XmR (i) charts.
enum class Rules { kAnhoej, kMdc };

struct ChartOptions {
  ChartType type = ChartType::kRun;
  Rules rules = Rules::kAnhoej;
  // The last point (1-based) of the baseline: centre and limits from points up to it only.
  // Ignored when parts are given, as qicharts2 does.
  std::optional<std::size_t> freeze;
  // The last point (1-based) of each part but the last: everything is computed per part.
  std::vector<std::size_t> parts;
  // Points (1-based) left out of centre, limits and runs, yet tested against the limits.
  std::vector<std::size_t> exclude;
  double multiply = 1;  // scales y, centre and limits after everything else
  std::optional<double> target;
  bool mr_screening = true;  // Nelson's screening of moving ranges (i, t, pp, up)
};

// NOLINTNEXTLINE(bugprone-exception-escape): small_vector's moves may throw (inline names)
struct ChartPoint {
  std::size_t index = 0;  // 1-based
  std::size_t part = 1;
  bool baseline = true;  // within the freeze
  bool include = true;   // not excluded
  std::optional<double> y;
  std::optional<double> n;
  std::optional<double> cl;
  std::optional<double> lcl, ucl, lcl_2sigma, ucl_2sigma;
  std::optional<double> target;
  bool sigma_signal = false;  // beyond a limit
  bool runs_signal = false;   // Anhøj: the part's runs; MDC: this point's trend, shift or 2 of 3
  // Rule names. Anhøj: "sigma", "long_run", "few_crossings"; MDC: "mdc_outside_limits",
  // "mdc_trend", "mdc_two_of_three", "mdc_shift".
  // (Names are static strings; a few fit without an allocation.)
  boost::container::small_vector<std::string_view, 3> signals;
  std::string explanation;  // one sentence a team member understands
};

struct ChartPart {
  std::size_t part = 1;
  std::size_t n_obs = 0;     // points not excluded (missing ones included)
  std::size_t n_useful = 0;  // of those, neither missing nor on the centre line
  std::size_t longest_run = 0;
  std::size_t longest_run_max = 0;
  std::size_t n_crossings = 0;
  std::size_t n_crossings_min = 0;
  bool runs_signal = false;
  // The part's runs in one sentence (Anhøj's rules: a shift, a trend, or common-cause
  // variation); with Making Data Count's rules, what holds for every point of the part (trial
  // limits), else "". A chart's reader states it once per part rather than on every point.
  std::string explanation;
};

struct Chart {
  ChartType type = ChartType::kRun;
  std::vector<ChartPart> parts;
  std::vector<ChartPoint> points;
};

// One chart of the subgroups in order. kInvalidArgument naming the option for an index out of
// range or parts out of order, and naming the point ("points[3]") for a value the chart cannot
// take; kUnsupported for a chart type not computed yet.
[[nodiscard]] Result<Chart> ComputeChart(const std::vector<Subgroup>& subgroups,
                                         const ChartOptions& options);

}  // namespace covalue::analytics::spc
