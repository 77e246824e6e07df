#include "research/statistics/statistics.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <numeric>

namespace covalue::research {

std::optional<double> Mean(std::span<const double> values) {
  if (values.empty()) {
    return std::nullopt;
  }
  return std::accumulate(values.begin(), values.end(), 0.0) / static_cast<double>(values.size());
}

std::optional<double> SampleSd(std::span<const double> values) {
  if (values.size() < 2) {
    return std::nullopt;
  }
  const double mean = *Mean(values);
  double squares = 0;
  for (double v : values) {
    squares += (v - mean) * (v - mean);
  }
  return std::sqrt(squares / static_cast<double>(values.size() - 1));
}

std::optional<double> Pearson(std::span<const double> x, std::span<const double> y) {
  if (x.size() != y.size() || x.size() < 2) {
    return std::nullopt;
  }
  const double mx = *Mean(x);
  const double my = *Mean(y);
  double sxy = 0;
  double sxx = 0;
  double syy = 0;
  for (std::size_t i = 0; i < x.size(); ++i) {
    sxy += (x[i] - mx) * (y[i] - my);
    sxx += (x[i] - mx) * (x[i] - mx);
    syy += (y[i] - my) * (y[i] - my);
  }
  if (sxx == 0 || syy == 0) {
    return std::nullopt;
  }
  return sxy / std::sqrt(sxx * syy);
}

std::vector<double> MidRanks(std::span<const double> values) {
  std::vector<std::size_t> order(values.size());
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(),
                   [&](std::size_t a, std::size_t b) { return values[a] < values[b]; });
  std::vector<double> ranks(values.size());
  for (std::size_t i = 0; i < order.size();) {
    std::size_t j = i;
    while (j + 1 < order.size() && values[order[j + 1]] == values[order[i]]) {
      ++j;
    }
    const double rank = (static_cast<double>(i + 1) + static_cast<double>(j + 1)) / 2;
    for (std::size_t k = i; k <= j; ++k) {
      ranks[order[k]] = rank;
    }
    i = j + 1;
  }
  return ranks;
}

std::optional<double> Spearman(std::span<const double> x, std::span<const double> y) {
  if (x.size() != y.size()) {
    return std::nullopt;
  }
  const auto rx = MidRanks(x);
  const auto ry = MidRanks(y);
  return Pearson(rx, ry);
}

std::optional<double> KendallTauB(std::span<const double> x, std::span<const double> y) {
  if (x.size() != y.size() || x.size() < 2) {
    return std::nullopt;
  }
  // O(n²) pairs: the analyses call it with one value per cluster or statement (≤ a few
  // thousand), where this stays well under a millisecond per thousand.
  std::int64_t concordant = 0;
  std::int64_t discordant = 0;
  std::int64_t tied_x = 0;
  std::int64_t tied_y = 0;
  std::int64_t pairs = 0;
  for (std::size_t i = 0; i < x.size(); ++i) {
    for (std::size_t j = i + 1; j < x.size(); ++j) {
      ++pairs;
      const double dx = x[i] - x[j];
      const double dy = y[i] - y[j];
      if (dx == 0) {
        ++tied_x;
      }
      if (dy == 0) {
        ++tied_y;
      }
      if (dx == 0 || dy == 0) {
        continue;
      }
      (dx > 0) == (dy > 0) ? ++concordant : ++discordant;
    }
  }
  const auto denominator = static_cast<double>(pairs - tied_x) * static_cast<double>(pairs - tied_y);
  if (denominator <= 0) {
    return std::nullopt;
  }
  return static_cast<double>(concordant - discordant) / std::sqrt(denominator);
}

SignedRank WilcoxonSignedRank(std::span<const std::int64_t> differences) {
  std::vector<double> magnitudes;
  std::vector<bool> positive;
  for (std::int64_t d : differences) {
    if (d != 0) {
      magnitudes.push_back(static_cast<double>(d < 0 ? -d : d));
      positive.push_back(d > 0);
    }
  }
  SignedRank result;
  result.n_nonzero = magnitudes.size();
  if (magnitudes.empty()) {
    return result;
  }
  const auto ranks = MidRanks(magnitudes);
  double w_plus = 0;
  double w_minus = 0;
  for (std::size_t i = 0; i < ranks.size(); ++i) {
    (positive[i] ? w_plus : w_minus) += ranks[i];
  }
  std::map<double, double> ties;  // |d| → how many share it
  for (double m : magnitudes) {
    ties[m] += 1;
  }
  double tie_term = 0;
  for (const auto& [value, t] : ties) {
    tie_term += t * t * t - t;
  }
  const auto n = static_cast<double>(magnitudes.size());
  const double w = std::min(w_plus, w_minus);
  const double variance = n * (n + 1) * (2 * n + 1) / 24 - tie_term / 48;
  const double z = (w - n * (n + 1) / 4) / std::sqrt(variance);
  result.statistic = w;
  result.p = std::erfc(std::abs(z) / std::sqrt(2.0));  // 2Φ(−|z|)
  return result;
}

}  // namespace covalue::research
