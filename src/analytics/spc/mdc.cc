#include "analytics/spc/mdc.h"

#include <fmt/format.h>

namespace covalue::analytics::spc {
namespace {

constexpr std::size_t kRun = 7;          // points for a shift or a trend
constexpr std::size_t kTrialLimit = 13;  // fewer points give trial limits

// Flags every point of each maximal sequence of at least kRun in which next(previous, point)
// holds from one point to the next.
template <typename Next>
void FlagSequences(std::vector<ChartPoint>& points, std::size_t begin, std::size_t end,
                   const Next& next, std::vector<bool>& flags) {
  std::size_t start = begin;
  for (std::size_t i = begin; i <= end; ++i) {
    const bool continues = i > start && i < end && next(points[i - 1], points[i]);
    if (i == end || !continues) {
      if (i - start >= kRun) {
        for (std::size_t k = start; k < i; ++k) {
          flags[k - begin] = true;
        }
      }
      start = i;
    }
  }
}

}  // namespace

bool ApplyMdcRules(std::vector<ChartPoint>& points, std::size_t begin, std::size_t end) {
  const std::size_t n = end - begin;
  std::vector<bool> up(n), down(n), above(n), below(n), near_high(n), near_low(n);
  const auto valued = [](const ChartPoint& p) { return p.y && p.cl && p.ucl && p.lcl; };
  FlagSequences(
      points, begin, end,
      [&](const ChartPoint& a, const ChartPoint& b) {
        return valued(a) && valued(b) && *b.y > *a.y;
      },
      up);
  FlagSequences(
      points, begin, end,
      [&](const ChartPoint& a, const ChartPoint& b) {
        return valued(a) && valued(b) && *b.y < *a.y;
      },
      down);
  const auto side = [&](const ChartPoint& p) {
    return !valued(p) || *p.y == *p.cl ? 0 : (*p.y > *p.cl ? 1 : -1);
  };
  // A sequence of one point on a side: FlagSequences starts every sequence at one point.
  FlagSequences(
      points, begin, end,
      [&](const ChartPoint& a, const ChartPoint& b) { return side(a) == 1 && side(b) == 1; },
      above);
  FlagSequences(
      points, begin, end,
      [&](const ChartPoint& a, const ChartPoint& b) { return side(a) == -1 && side(b) == -1; },
      below);
  // Between the 2σ line and the limit on side s.
  const auto in_band = [&](const ChartPoint& p, int s) {
    return valued(p) && (s > 0 ? *p.y > *p.ucl_2sigma && *p.y <= *p.ucl
                               : *p.y < *p.lcl_2sigma && *p.y >= *p.lcl);
  };
  for (std::size_t i = begin; i + 2 < end; ++i) {
    for (int s : {1, -1}) {
      const auto band = [&](const ChartPoint& p) { return in_band(p, s); };
      std::vector<bool>& flags = s > 0 ? near_high : near_low;
      if (side(points[i]) != s || side(points[i + 1]) != s || side(points[i + 2]) != s) {
        continue;
      }
      const int banded = band(points[i]) + band(points[i + 1]) + band(points[i + 2]);
      if (banded >= 2) {
        for (std::size_t k = i; k < i + 3; ++k) {
          if (band(points[k])) {
            flags[k - begin] = true;
          }
        }
      }
    }
  }
  bool any = false;
  for (std::size_t i = begin; i < end; ++i) {
    ChartPoint& p = points[i];
    const std::size_t k = i - begin;
    p.signals.clear();
    std::vector<std::string> sentences;
    if (valued(p) && (*p.y > *p.ucl || *p.y < *p.lcl)) {
      p.sigma_signal = true;
      p.signals.emplace_back("mdc_outside_limits");
      sentences.push_back(fmt::format("{:.4g} is {} the process limits: special cause variation.",
                                      *p.y, *p.y > *p.ucl ? "above" : "below"));
    }
    if (up[k] || down[k]) {
      p.signals.emplace_back("mdc_trend");
      sentences.push_back(
          fmt::format("{} or more points in a row each {} than the one before: a "
                      "trend.",
                      kRun, up[k] ? "higher" : "lower"));
    }
    if (near_high[k] || near_low[k]) {
      p.signals.emplace_back("mdc_two_of_three");
      sentences.push_back(
          fmt::format("Two of three points close to the {} limit: special cause "
                      "variation.",
                      near_high[k] ? "upper" : "lower"));
    }
    if (above[k] || below[k]) {
      p.signals.emplace_back("mdc_shift");
      sentences.push_back(fmt::format("{} or more points in a row {} the mean: a shift.", kRun,
                                      above[k] ? "above" : "below"));
    }
    p.runs_signal = up[k] || down[k] || near_high[k] || near_low[k] || above[k] || below[k];
    any = any || p.runs_signal;
    p.explanation.clear();
    for (const std::string& s : sentences) {
      p.explanation += (p.explanation.empty() ? "" : " ") + s;
    }
    if (!p.y) {
      p.explanation = "No value for this point.";
    } else if (p.explanation.empty()) {
      p.explanation = "Common cause variation: no Making Data Count rule signals.";
    }
    if (n < kTrialLimit) {
      p.explanation +=
          fmt::format(" Limits from fewer than {} points are trial limits.", kTrialLimit);
    }
  }
  return any;
}

std::string MdcPartNote(std::size_t points) {
  return points < kTrialLimit
             ? fmt::format("Limits from fewer than {} points are trial limits.", kTrialLimit)
             : "";
}

std::string_view VariationName(Variation variation) {
  switch (variation) {
    case Variation::kImprovement:
      return "special_cause_improvement";
    case Variation::kConcern:
      return "special_cause_concern";
    case Variation::kCommonCause:
      break;
  }
  return "common_cause";
}

std::string_view AssuranceName(Assurance assurance) {
  switch (assurance) {
    case Assurance::kPass:
      return "consistent_pass";
    case Assurance::kFail:
      return "consistent_fail";
    case Assurance::kHitAndMiss:
      break;
  }
  return "hit_and_miss";
}

MdcIcons IconsOf(const Chart& chart, Direction direction, std::optional<double> target) {
  MdcIcons icons;
  const double better = direction == Direction::kHigherIsBetter ? 1 : -1;
  for (auto p = chart.points.rbegin(); p != chart.points.rend(); ++p) {
    if (!p->y || !p->cl) {
      continue;
    }
    if (p->signals.empty()) {
      icons.variation = Variation::kCommonCause;
    } else {
      const double side = *p->y > *p->cl ? 1 : (*p->y < *p->cl ? -1 : 0);
      icons.variation = side * better > 0 ? Variation::kImprovement : Variation::kConcern;
    }
    if (target && p->lcl && p->ucl) {
      // The latest part's limits: those of the latest point with a value.
      const double worst = better > 0 ? *p->lcl : *p->ucl;
      const double best = better > 0 ? *p->ucl : *p->lcl;
      icons.assurance = (worst - *target) * better > 0  ? Assurance::kPass
                        : (best - *target) * better < 0 ? Assurance::kFail
                                                        : Assurance::kHitAndMiss;
    }
    break;
  }
  return icons;
}

}  // namespace covalue::analytics::spc
