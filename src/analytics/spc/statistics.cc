#include "analytics/spc/statistics.h"

#include <algorithm>
#include <cmath>
#include <numeric>

namespace covalue::analytics::spc {

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

// c4(n) = √(2/(n−1))·Γ(n/2)/Γ((n−1)/2), exact (Montgomery 2012, §6.3): E(s) = c4·σ.
double C4(double n) {
  return std::sqrt(2 / (n - 1)) * std::exp(std::lgamma(n / 2) - std::lgamma((n - 1) / 2));
}

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

namespace {
constexpr double kTPower = 3.6;
}  // namespace

double ToT(double y) { return std::pow(y, 1 / kTPower); }
double FromT(double t) { return std::pow(t, kTPower); }

double Median(std::vector<double> values) {
  std::sort(values.begin(), values.end());
  const std::size_t mid = values.size() / 2;
  return values.size() % 2 == 1 ? values[mid] : (values[mid - 1] + values[mid]) / 2;
}

double Mean(const std::vector<double>& values) {
  return std::accumulate(values.begin(), values.end(), 0.0) / static_cast<double>(values.size());
}

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

}  // namespace covalue::analytics::spc
