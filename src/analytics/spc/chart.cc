#include "analytics/spc/chart.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>
#include <numeric>
#include <utility>

#include <fmt/format.h>

#include "analytics/spc/centre.h"
#include "analytics/spc/mdc.h"
#include "analytics/spc/runs.h"
#include "analytics/spc/statistics.h"
#include "domain/name_table.h"

namespace covalue::analytics::spc {
namespace {

constexpr std::array<std::pair<ChartType, std::string_view>, 12> kNames = {{
    {ChartType::kRun, "run"},
    {ChartType::kI, "i"},
    {ChartType::kMR, "mr"},
    {ChartType::kXbar, "xbar"},
    {ChartType::kS, "s"},
    {ChartType::kT, "t"},
    {ChartType::kP, "p"},
    {ChartType::kPP, "pp"},
    {ChartType::kC, "c"},
    {ChartType::kU, "u"},
    {ChartType::kUP, "up"},
    {ChartType::kG, "g"},
}};

bool IsRatioChart(ChartType type) {
  return type == ChartType::kP || type == ChartType::kPP || type == ChartType::kU ||
         type == ChartType::kUP;
}

// What the part's runs say, once per part: the signal names and the sentence every point of
// the part carries.
struct RunsText {
  bool counts = false;  // the chart's runs can signal (never the MR chart's)
  bool signal = false;
  std::vector<std::string_view> names;
  std::string text;
};

RunsText DescribeRuns(const RunsAnalysis& runs, bool runs_count, const char* centre) {
  RunsText out;
  out.counts = runs_count;
  if (!runs_count) {
    return out;
  }
  out.signal = runs.Signal();
  if (runs.long_run) {
    out.names.emplace_back("long_run");
    out.text = fmt::format("{} points in a row {} the {} (more than {} is unusual): a shift.",
                           runs.longest_run, runs.longest_run_side > 0 ? "above" : "below", centre,
                           runs.limits.longest_run_max);
  }
  if (runs.few_crossings) {
    out.names.emplace_back("few_crossings");
    out.text += fmt::format(
        "{}The series crosses the {} only {} times (fewer than {} is unusual): a shift or a "
        "trend.",
        out.text.empty() ? "" : " ", centre, runs.n_crossings, runs.limits.n_crossings_min);
  }
  return out;
}

// Shewhart's rule and the part's runs, as signal names and one sentence.
void Explain(ChartPoint& point, const RunsText& runs) {
  if (point.y && point.ucl && *point.y > *point.ucl) {
    point.sigma_signal = true;
    point.signals.emplace_back("sigma");
    point.explanation =
        fmt::format("{:.4g} is above the upper limit {:.4g}: a special cause worth looking into.",
                    *point.y, *point.ucl);
  } else if (point.y && point.lcl && *point.y < *point.lcl) {
    point.sigma_signal = true;
    point.signals.emplace_back("sigma");
    point.explanation =
        fmt::format("{:.4g} is below the lower limit {:.4g}: a special cause worth looking into.",
                    *point.y, *point.lcl);
  }
  if (!runs.counts) {
    return;
  }
  point.runs_signal = runs.signal;
  point.signals.insert(point.signals.end(), runs.names.begin(), runs.names.end());
  if (runs.text.empty()) {
    return;
  }
  if (point.explanation.empty()) {
    point.explanation = runs.text;
  } else {
    point.explanation.append(" ").append(runs.text);
  }
}

Status CheckIndices(const std::vector<std::size_t>& indices, std::size_t count,
                    const std::string& option) {
  for (std::size_t index : indices) {
    if (index < 1 || index > count) {
      return Fail(ErrorCode::kInvalidArgument,
                  fmt::format("{} {} is not a point: points are 1 to {}", option, index, count),
                  option);
    }
  }
  return Ok();
}

}  // namespace

std::string_view ChartName(ChartType type) { return NameIn(kNames, type, "run"); }

std::optional<ChartType> ParseChartType(std::string_view name) { return ParseIn(kNames, name); }

Result<Chart> ComputeChart(const std::vector<Subgroup>& subgroups, const ChartOptions& options) {
  const ChartType type = options.type;
  if (options.rules == Rules::kMdc && type != ChartType::kI) {
    return Fail(ErrorCode::kInvalidArgument,
                "the Making Data Count rules are for XmR charts: use the i chart", "rules");
  }
  const std::size_t count = subgroups.size();
  COVALUE_RETURN_IF_ERROR(CheckIndices(options.exclude, count, "exclude"));
  COVALUE_RETURN_IF_ERROR(CheckIndices(options.parts, count, "part"));
  if (!std::is_sorted(options.parts.begin(), options.parts.end()) ||
      std::adjacent_find(options.parts.begin(), options.parts.end()) != options.parts.end()) {
    return Fail(ErrorCode::kInvalidArgument, "part takes increasing point numbers", "part");
  }
  if (options.freeze && (*options.freeze < 1 || *options.freeze > count)) {
    return Fail(ErrorCode::kInvalidArgument,
                fmt::format("freeze {} is not a point: points are 1 to {}", *options.freeze, count),
                "freeze");
  }

  Chart chart;
  chart.type = type;
  // What each subgroup plots: a ratio of sums for p and u charts (their centre is a ratio of
  // sums too), the sum for c charts, else the mean or ratio.
  Values values(count);
  std::vector<std::optional<std::pair<double, double>>> sums(count);
  for (std::size_t i = 0; i < count; ++i) {
    sums[i] = Sums(subgroups[i]);
    if (IsRatioChart(type)) {
      if (subgroups[i].n.empty()) {
        return Fail(
            ErrorCode::kInvalidArgument,
            fmt::format("the {} chart needs a denominator (n) for every point", ChartName(type)),
            fmt::format("points[{}]", i));
      }
      if (sums[i] && (sums[i]->second <= 0 || sums[i]->first < 0 ||
                      ((type == ChartType::kP || type == ChartType::kPP) &&
                       sums[i]->first > sums[i]->second))) {
        return Fail(ErrorCode::kInvalidArgument,
                    fmt::format("point {} has {} of {}: a {} chart counts at most its "
                                "denominator, which is more than 0",
                                i + 1, sums[i]->first, sums[i]->second, ChartName(type)),
                    fmt::format("points[{}]", i));
      }
      values[i] = sums[i] ? std::optional(sums[i]->first / sums[i]->second) : std::nullopt;
    } else if (type == ChartType::kC) {
      values[i] = sums[i] ? std::optional(sums[i]->first) : std::nullopt;
    } else if (type == ChartType::kS) {
      values[i] = sums[i] ? StandardDeviation(subgroups[i]) : std::nullopt;
    } else {
      // Run, I, MR, Xbar: the mean of the rows (or their ratio); G and T: the mean interval.
      values[i] = MeanOrRatio(subgroups[i]);
    }
    if (type == ChartType::kT && values[i] && *values[i] <= 0) {
      return Fail(
          ErrorCode::kInvalidArgument,
          fmt::format("point {} is {}: times between events are more than 0", i + 1, *values[i]),
          fmt::format("points[{}]", i));
    }
    if (type == ChartType::kG && values[i] && *values[i] < 0) {
      return Fail(
          ErrorCode::kInvalidArgument,
          fmt::format("point {} is {}: a count of opportunities is 0 or more", i + 1, *values[i]),
          fmt::format("points[{}]", i));
    }
  }
  std::vector<PartRange> ranges;
  std::size_t begin = 0;
  for (std::size_t last : options.parts) {
    if (last < count) {
      ranges.push_back({begin, last});
      begin = last;
    }
  }
  ranges.push_back({begin, count});
  // qicharts2 ignores freeze when parts are given.
  const std::size_t last_baseline =
      options.parts.empty() && options.freeze ? *options.freeze : count;

  chart.points.resize(count);
  for (std::size_t p = 0; p < ranges.size(); ++p) {
    for (std::size_t i = ranges[p].begin; i < ranges[p].end; ++i) {
      ChartPoint& point = chart.points[i];
      point.index = i + 1;
      point.part = p + 1;
      point.baseline = i + 1 <= last_baseline;
      point.include =
          std::find(options.exclude.begin(), options.exclude.end(), i + 1) == options.exclude.end();
      point.target = options.target;
      point.y = values[i];
      if ((type == ChartType::kXbar || type == ChartType::kS) && point.y) {
        point.n = static_cast<double>(subgroups[i].y.size());
      } else if (!subgroups[i].n.empty() && point.y) {
        double n = 0;
        for (const auto& v : subgroups[i].n) {
          n += *v;
        }
        point.n = n;
      }
    }
  }

  for (std::size_t p = 0; p < ranges.size(); ++p) {
    const PartRange part = ranges[p];
    // What the chart plots: the values, or for the MR chart their moving ranges within the
    // part (the first point has none; a missing point voids the ranges beside it).
    Values plotted(values.begin() + static_cast<std::ptrdiff_t>(part.begin),
                   values.begin() + static_cast<std::ptrdiff_t>(part.end));
    if (type == ChartType::kMR) {
      for (std::size_t k = plotted.size(); k-- > 0;) {
        const std::size_t i = part.begin + k;
        plotted[k] = k > 0 && values[i] && values[i - 1]
                         ? std::optional(std::abs(*values[i] - *values[i - 1]))
                         : std::nullopt;
      }
    }
    std::vector<double> base;
    for (std::size_t k = 0; k < plotted.size(); ++k) {
      const ChartPoint& point = chart.points[part.begin + k];
      if (plotted[k] && point.baseline && point.include) {
        base.push_back(*plotted[k]);
      }
    }
    const Centre centre_of_part = CentreOf({type, part, values, plotted, base, chart.points,
                                            subgroups, sums, options.mr_screening, options.rules});
    const std::optional<double>& cl = centre_of_part.cl;
    const std::optional<double>& sigma = centre_of_part.sigma;
    const std::vector<std::optional<double>>& sigmas = centre_of_part.sigmas;
    const std::optional<double>& limit_centre = centre_of_part.limit_centre;
    // Limits cannot pass what the values can take: proportions stay in [0, 1], counts and
    // rates at or above 0.
    const double floor =
        type == ChartType::kI || type == ChartType::kRun || type == ChartType::kXbar
            ? -std::numeric_limits<double>::infinity()
            : 0.0;
    const double ceiling = type == ChartType::kP || type == ChartType::kPP
                               ? 1.0
                               : std::numeric_limits<double>::infinity();
    Values runs_values;
    for (std::size_t k = 0; k < plotted.size(); ++k) {
      ChartPoint& point = chart.points[part.begin + k];
      point.y = plotted[k];
      point.cl = cl;
      const std::optional<double> s_k = sigmas[k] ? sigmas[k] : sigma;
      const double centre = limit_centre.value_or(cl.value_or(0));
      if (point.y && cl && s_k && type == ChartType::kT) {
        // Back from the transformed scale; a negative transformed limit becomes 0.
        const auto back = [](double t) { return t < 0 ? 0.0 : FromT(t); };
        point.ucl = back(centre + 3 * *s_k);
        point.lcl = back(centre - 3 * *s_k);
        point.ucl_2sigma = back(centre + 2 * *s_k);
        point.lcl_2sigma = back(centre - 2 * *s_k);
      } else if (point.y && cl && s_k) {
        point.ucl = std::min(ceiling, centre + 3 * *s_k);
        point.lcl = std::max(floor, centre - 3 * *s_k);
        point.ucl_2sigma = std::min(ceiling, centre + 2 * *s_k);
        point.lcl_2sigma = std::max(floor, centre - 2 * *s_k);
      } else if (cl && type == ChartType::kMR) {
        // Every point of the part carries the MR chart's limits, the first (which has no
        // range) included, as qicharts2 draws them: D4 · centre and 0, and at two sigma
        // (D4 / 3) · 2 · centre and 0.
        point.ucl = kD4 * *cl;
        point.lcl = 0.0;
        point.ucl_2sigma = kD4 / 3 * 2 * *cl;
        point.lcl_2sigma = 0.0;
      }
      if (point.include) {
        runs_values.push_back(point.y);
      }
    }
    const RunsAnalysis runs = cl ? AnalyseRuns(runs_values, *cl) : RunsAnalysis{};
    ChartPart summary;
    summary.part = p + 1;
    summary.n_obs = runs_values.size();
    summary.n_useful = runs.n_useful;
    summary.longest_run = runs.longest_run;
    summary.longest_run_max = runs.limits.longest_run_max;
    summary.n_crossings = runs.n_crossings;
    summary.n_crossings_min = runs.limits.n_crossings_min;
    // Consecutive moving ranges are correlated: the MR chart reports its runs, never signals.
    summary.runs_signal = type != ChartType::kMR && runs.Signal();
    chart.parts.push_back(summary);
    if (options.rules == Rules::kMdc) {
      chart.parts.back().runs_signal = ApplyMdcRules(chart.points, part.begin, part.end);
      chart.parts.back().explanation = MdcPartNote(summary.n_obs);
      continue;
    }
    const char* centre = type == ChartType::kRun ? "median" : "centre line";
    const RunsText runs_text = DescribeRuns(runs, type != ChartType::kMR, centre);
    chart.parts.back().explanation =
        !runs_text.text.empty() ? runs_text.text
        : type == ChartType::kMR
            ? "The moving ranges' runs are reported, never signalled: neighbouring ranges share a "
              "point."
            : "No unusual runs: common-cause variation.";
    for (std::size_t k = 0; k < plotted.size(); ++k) {
      ChartPoint& point = chart.points[part.begin + k];
      Explain(point, runs_text);
      if (!point.y) {
        point.explanation = "No value for this point.";
      } else if (point.explanation.empty()) {
        point.explanation = type == ChartType::kRun
                                ? "No unusual runs: common-cause variation."
                                : "Within the limits and no unusual runs: common-cause variation.";
      }
    }
  }
  if (options.multiply != 1) {
    for (ChartPoint& point : chart.points) {
      for (std::optional<double>* v :
           {&point.y, &point.cl, &point.lcl, &point.ucl, &point.lcl_2sigma, &point.ucl_2sigma}) {
        if (*v) {
          **v *= options.multiply;
        }
      }
    }
  }
  return chart;
}

}  // namespace covalue::analytics::spc
