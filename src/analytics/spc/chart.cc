#include "analytics/spc/chart.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>
#include <numeric>
#include <utility>

#include <fmt/format.h>

#include "analytics/spc/runs.h"

namespace covalue::analytics::spc {
namespace {

// Moving-range constants for subgroups of two (Montgomery DC. Introduction to Statistical
// Quality Control, 7th ed. Wiley 2012, Appendix VI): d2 = 1.128, D4 = 3.267.
constexpr double kD2 = 1.128;
constexpr double kD4 = 3.267;

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

using Values = std::vector<std::optional<double>>;

// A subgroup's value for the run, I and MR charts: the mean of its rows, or Σy/Σn when it has
// denominators; missing when any cell is, or when it has no rows or no denominator.
std::optional<double> MeanOrRatio(const Subgroup& s) {
  if (s.y.empty() || std::any_of(s.y.begin(), s.y.end(), [](auto v) { return !v; }) ||
      std::any_of(s.n.begin(), s.n.end(), [](auto v) { return !v; })) {
    return std::nullopt;
  }
  double sum = 0;
  for (const auto& v : s.y) {
    sum += *v;
  }
  if (s.n.empty()) {
    return sum / static_cast<double>(s.y.size());
  }
  double n = 0;
  for (const auto& v : s.n) {
    n += *v;
  }
  return n == 0 ? std::nullopt : std::optional(sum / n);
}

// The sums of a subgroup's numerators and denominators (denominator 0 when it has none);
// nullopt when a cell is empty or it has no rows.
std::optional<std::pair<double, double>> Sums(const Subgroup& s) {
  if (s.y.empty() || std::any_of(s.y.begin(), s.y.end(), [](auto v) { return !v; }) ||
      std::any_of(s.n.begin(), s.n.end(), [](auto v) { return !v; })) {
    return std::nullopt;
  }
  std::pair<double, double> sums{0, 0};
  for (const auto& v : s.y) {
    sums.first += *v;
  }
  for (const auto& v : s.n) {
    sums.second += *v;
  }
  return sums;
}

bool IsRatioChart(ChartType type) {
  return type == ChartType::kP || type == ChartType::kPP || type == ChartType::kU ||
         type == ChartType::kUP;
}

// c4(n) = √(2/(n−1))·Γ(n/2)/Γ((n−1)/2), exact (Montgomery 2012, §6.3): E(s) = c4·σ.
double C4(double n) {
  return std::sqrt(2 / (n - 1)) * std::exp(std::lgamma(n / 2) - std::lgamma((n - 1) / 2));
}

// A subgroup's standard deviation (n − 1 in the denominator); nullopt under two rows.
std::optional<double> StandardDeviation(const Subgroup& s) {
  const auto mean = MeanOrRatio(Subgroup{s.y, {}});
  if (!mean || s.y.size() < 2) {
    return std::nullopt;
  }
  double squares = 0;
  for (const auto& v : s.y) {
    squares += (*v - *mean) * (*v - *mean);
  }
  return std::sqrt(squares / static_cast<double>(s.y.size() - 1));
}

// The T chart's transformation of times between events to near normality (Nelson LS. Control
// charts for rare events. J Qual Technol 1994;26(4):308-9), and back.
constexpr double kTPower = 3.6;
double ToT(double y) { return std::pow(y, 1 / kTPower); }
double FromT(double t) { return std::pow(t, kTPower); }

// The median; for an even count the mean of the two middle values.
double Median(std::vector<double> values) {
  std::sort(values.begin(), values.end());
  const std::size_t mid = values.size() / 2;
  return values.size() % 2 == 1 ? values[mid] : (values[mid - 1] + values[mid]) / 2;
}

double Mean(const std::vector<double>& values) {
  return std::accumulate(values.begin(), values.end(), 0.0) / static_cast<double>(values.size());
}

// The points of one part: [begin, end) of the chart's points.
struct PartRange {
  std::size_t begin = 0;
  std::size_t end = 0;
};

// The moving ranges of a part's baseline for sigma: an excluded point is skipped (its
// neighbours form a range), a missing one breaks the chain (qicharts2's convention).
std::vector<double> BaselineMovingRanges(const Values& y, const std::vector<ChartPoint>& points,
                                         PartRange part) {
  std::vector<double> ranges;
  std::optional<double> previous;
  for (std::size_t i = part.begin; i < part.end; ++i) {
    if (!points[i].baseline) {
      break;
    }
    if (!y[i]) {
      previous.reset();
    } else if (points[i].include) {
      if (previous) {
        ranges.push_back(std::abs(*y[i] - *previous));
      }
      previous = y[i];
    }
  }
  return ranges;
}

// The average moving range, screened once as Nelson proposed (Nelson LS. Control charts for
// individual measurements. J Qual Technol 1982;14(3):172-3): ranges of at least D4 times the
// average are dropped and the average taken again.
std::optional<double> AverageMovingRange(std::vector<double> ranges, bool screening) {
  if (ranges.empty()) {
    return std::nullopt;
  }
  double average = Mean(ranges);
  if (screening) {
    const double limit = kD4 * average;
    std::erase_if(ranges, [&](double r) { return r >= limit; });
    if (ranges.empty()) {
      return std::nullopt;
    }
    average = Mean(ranges);
  }
  return average;
}

std::string Format(double value) { return fmt::format("{:.4g}", value); }

// Shewhart's rule and the part's runs, as signal names and one sentence.
void Explain(ChartPoint& point, const RunsAnalysis& runs, bool runs_count, const char* centre) {
  if (point.y && point.ucl && *point.y > *point.ucl) {
    point.sigma_signal = true;
    point.signals.emplace_back("sigma");
    point.explanation = fmt::format(
        "{} is above the upper limit {}: a special cause worth looking into.", Format(*point.y),
        Format(*point.ucl));
  } else if (point.y && point.lcl && *point.y < *point.lcl) {
    point.sigma_signal = true;
    point.signals.emplace_back("sigma");
    point.explanation = fmt::format(
        "{} is below the lower limit {}: a special cause worth looking into.", Format(*point.y),
        Format(*point.lcl));
  }
  if (!runs_count) {
    return;
  }
  point.runs_signal = runs.Signal();
  std::string runs_text;
  if (runs.long_run) {
    point.signals.emplace_back("long_run");
    runs_text = fmt::format(
        "{} points in a row {} the {} (more than {} is unusual): a shift.", runs.longest_run,
        runs.longest_run_side > 0 ? "above" : "below", centre, runs.limits.longest_run_max);
  }
  if (runs.few_crossings) {
    point.signals.emplace_back("few_crossings");
    runs_text += fmt::format(
        "{}The series crosses the {} only {} times (fewer than {} is unusual): a shift or a "
        "trend.",
        runs_text.empty() ? "" : " ", centre, runs.n_crossings, runs.limits.n_crossings_min);
  }
  if (!runs_text.empty()) {
    point.explanation += (point.explanation.empty() ? "" : " ") + runs_text;
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

std::string_view ChartName(ChartType type) {
  for (const auto& [t, name] : kNames) {
    if (t == type) {
      return name;
    }
  }
  return "run";
}

std::optional<ChartType> ParseChartType(std::string_view name) {
  for (const auto& [t, n] : kNames) {
    if (n == name) {
      return t;
    }
  }
  return std::nullopt;
}

Result<Chart> ComputeChart(const std::vector<Subgroup>& subgroups, const ChartOptions& options) {
  const ChartType type = options.type;
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
        return Fail(ErrorCode::kInvalidArgument,
                    fmt::format("the {} chart needs a denominator (n) for every point",
                                ChartName(type)),
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
      return Fail(ErrorCode::kInvalidArgument,
                  fmt::format("point {} is {}: times between events are more than 0", i + 1,
                              *values[i]),
                  fmt::format("points[{}]", i));
    }
    if (type == ChartType::kG && values[i] && *values[i] < 0) {
      return Fail(ErrorCode::kInvalidArgument,
                  fmt::format("point {} is {}: a count of opportunities is 0 or more", i + 1,
                              *values[i]),
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
  const std::optional<std::size_t> freeze = options.parts.empty() ? options.freeze : std::nullopt;

  chart.points.resize(count);
  for (std::size_t p = 0; p < ranges.size(); ++p) {
    for (std::size_t i = ranges[p].begin; i < ranges[p].end; ++i) {
      ChartPoint& point = chart.points[i];
      point.index = i + 1;
      point.part = p + 1;
      point.baseline = !freeze || i + 1 <= *freeze;
      point.include = std::find(options.exclude.begin(), options.exclude.end(), i + 1) ==
                      options.exclude.end();
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
    std::optional<double> cl;
    std::optional<double> sigma;
    std::vector<std::optional<double>> sigmas(plotted.size());  // per point, when it varies
    std::optional<double> limit_centre;  // where the limits centre when not on cl (G, T)
    if (!base.empty()) {
      switch (type) {
        case ChartType::kRun:
          cl = Median(base);  // the run chart's centre is the median (Anhøj 2014)
          break;
        case ChartType::kI:
          // Individuals: centre the mean, sigma the average moving range over d2
          // (Montgomery 2012, §6.4; Provost & Murray, The Health Care Data Guide, 2011, ch. 5).
          cl = Mean(base);
          if (auto amr = AverageMovingRange(
                  BaselineMovingRanges(values, chart.points, part), options.mr_screening)) {
            sigma = *amr / kD2;
          }
          break;
        case ChartType::kXbar:
        case ChartType::kS: {
          // Subgroup means and SDs (Montgomery 2012, §6.3): s̄ pooled over the baseline's
          // subgroups when their sizes differ within the part, else their mean; centre the
          // size-weighted mean of the means (Xbar) or s̄ (S); per point sigma s̄/(c4·√n) for the
          // mean, s̄·c5/c4 for the SD, so that the limits are A3·s̄ and B3·s̄, B4·s̄.
          bool variable = false;
          std::optional<double> first_size;
          double weighted = 0, weights = 0, pooled = 0, freedom = 0, sd_sum = 0, sds = 0;
          for (std::size_t k = 0; k < plotted.size(); ++k) {
            const std::size_t i = part.begin + k;
            if (!sums[i]) {
              continue;
            }
            const auto size = static_cast<double>(subgroups[i].y.size());
            variable = variable || (first_size && *first_size != size);
            first_size = first_size.value_or(size);
            const ChartPoint& point = chart.points[i];
            if (!point.baseline || !point.include) {
              continue;
            }
            const double mean = *MeanOrRatio(Subgroup{subgroups[i].y, {}});
            weighted += size * mean;
            weights += size;
            if (const auto sd = StandardDeviation(subgroups[i])) {
              pooled += (size - 1) * *sd * *sd;
              freedom += size - 1;
              sd_sum += *sd;
              ++sds;
            }
          }
          if (sds == 0) {
            cl = type == ChartType::kXbar ? std::optional(weighted / weights) : std::nullopt;
            break;
          }
          const double sbar = variable ? std::sqrt(pooled / freedom) : sd_sum / sds;
          cl = type == ChartType::kXbar ? weighted / weights : sbar;
          for (std::size_t k = 0; k < plotted.size(); ++k) {
            const std::size_t i = part.begin + k;
            const auto size = static_cast<double>(subgroups[i].y.size());
            if (sums[i] && size >= 2) {
              const double c4 = C4(size);
              sigmas[k] = type == ChartType::kXbar ? sbar / (c4 * std::sqrt(size))
                                                   : sbar * std::sqrt(1 - c4 * c4) / c4;
            }
          }
          break;
        }
        case ChartType::kG: {
          // Opportunities between events: the median drawn and used for the runs, the limits
          // from the mean ḡ ± 3√(ḡ(ḡ+1)) of the geometric distribution (Benneyan JC. Number-
          // between g-type statistical quality control charts for monitoring adverse events.
          // Health Care Manag Sci 2001;4(4):305-18).
          cl = Median(base);
          limit_centre = Mean(base);
          sigma = std::sqrt(*limit_centre * (*limit_centre + 1));
          break;
        }
        case ChartType::kT: {
          // Times between events: an I chart of y^(1/3.6), centre and limits taken back by the
          // power 3.6 (qicharts2; Nelson 1994).
          std::vector<double> transformed;
          Values t(count);
          for (std::size_t k = 0; k < plotted.size(); ++k) {
            if (plotted[k]) {
              t[part.begin + k] = ToT(*plotted[k]);
            }
          }
          for (double b : base) {
            transformed.push_back(ToT(b));
          }
          limit_centre = Mean(transformed);
          cl = FromT(*limit_centre);
          if (auto amr = AverageMovingRange(BaselineMovingRanges(t, chart.points, part),
                                            options.mr_screening)) {
            sigma = *amr / kD2;
          }
          break;
        }
        case ChartType::kC:
          // Counts: centre the mean, sigma its square root (Montgomery 2012, §7.3.1).
          cl = Mean(base);
          sigma = std::sqrt(*cl);
          break;
        case ChartType::kP:
        case ChartType::kPP:
        case ChartType::kU:
        case ChartType::kUP: {
          // Proportions and rates: centre Σy/Σn over the baseline, never the mean of the
          // ratios; sigma √(p̄(1−p̄)/n_i) or √(ū/n_i) with each point's own n (Montgomery 2012,
          // §7.2.1, §7.3.3).
          double numerator = 0;
          double denominator = 0;
          for (std::size_t k = 0; k < plotted.size(); ++k) {
            const ChartPoint& point = chart.points[part.begin + k];
            if (sums[part.begin + k] && point.baseline && point.include) {
              numerator += sums[part.begin + k]->first;
              denominator += sums[part.begin + k]->second;
            }
          }
          cl = numerator / denominator;
          const bool proportion = type == ChartType::kP || type == ChartType::kPP;
          for (std::size_t k = 0; k < plotted.size(); ++k) {
            if (sums[part.begin + k]) {
              const double n = sums[part.begin + k]->second;
              sigmas[k] = std::sqrt((proportion ? *cl * (1 - *cl) : *cl) / n);
            }
          }
          if (type == ChartType::kPP || type == ChartType::kUP) {
            // Laney's p′ and u′: each σ_i times σ_z, the spread of z_i = (y_i − centre)/σ_i
            // between points, from the screened average moving range of z over d2 (Laney DB.
            // Improved control charts for attributes. Qual Eng 2002;14(4):531-7).
            Values z(count);
            for (std::size_t k = 0; k < plotted.size(); ++k) {
              if (plotted[k] && sigmas[k] && *sigmas[k] > 0) {
                z[part.begin + k] = (*plotted[k] - *cl) / *sigmas[k];
              }
            }
            const auto amr = AverageMovingRange(BaselineMovingRanges(z, chart.points, part),
                                                options.mr_screening);
            for (auto& s_i : sigmas) {
              if (s_i) {
                s_i = amr ? std::optional(*s_i * *amr / kD2) : std::nullopt;
              }
            }
          }
          break;
        }
        default:  // kMR: centre the mean moving range, never screened; UCL = D4 · centre
          cl = Mean(base);
          break;
      }
    }
    // Limits cannot pass what the values can take: proportions stay in [0, 1], counts and
    // rates at or above 0.
    const double floor = type == ChartType::kI || type == ChartType::kRun ||
                                 type == ChartType::kXbar
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
      } else if (point.y && cl && type == ChartType::kMR) {
        point.ucl = kD4 * *cl;
        point.lcl = 0.0;
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
    const char* centre = type == ChartType::kRun ? "median" : "centre line";
    for (std::size_t k = 0; k < plotted.size(); ++k) {
      ChartPoint& point = chart.points[part.begin + k];
      Explain(point, runs, type != ChartType::kMR, centre);
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
      for (std::optional<double>* v : {&point.y, &point.cl, &point.lcl, &point.ucl,
                                       &point.lcl_2sigma, &point.ucl_2sigma}) {
        if (*v) {
          **v *= options.multiply;
        }
      }
    }
  }
  return chart;
}

}  // namespace covalue::analytics::spc
