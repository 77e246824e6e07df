#include "research/delphi/quantile.h"

#include <algorithm>
#include <cmath>
#include <random>
#include <vector>

#include <gtest/gtest.h>

namespace covalue::research {
namespace {

// R's quantile() written from Hyndman & Fan's (1996) definitions in floating point, as a
// reference away from the exact boundaries.
double Reference(std::vector<int> x, double p, int type) {
  std::sort(x.begin(), x.end());
  const auto n = static_cast<double>(x.size());
  auto at = [&](double j) {
    const double k = std::clamp(j, 1.0, n);
    return static_cast<double>(x[static_cast<std::size_t>(k) - 1]);
  };
  if (type == 2) {
    const double j = std::floor(n * p + 1e-9);
    const bool whole = std::abs(n * p - j) < 1e-9;
    return whole ? (at(j) + at(j + 1)) / 2 : at(j + 1);
  }
  const double h = type == 7 ? (n - 1) * p + 1 : (n + 1) * p;
  const double j = std::floor(h + 1e-9);
  const double g = std::max(0.0, h - j);
  return at(j) + g * (at(j + 1) - at(j));
}

TEST(Quantile, WorkedExample) {
  const std::vector<int> x = {1, 1, 2, 2, 3, 4, 7, 7, 9};
  // Type 7, P70: h = 8·0.7 + 1 = 6.6 → x6 + 0.6(x7 − x6) = 4 + 1.8.
  EXPECT_EQ(Quantile(x, 7, 10, PercentileType::kType7).value, 40 * 58 / 10);
  // Type 6, P70: h = 10·0.7 = 7 → x7 = 7.
  EXPECT_EQ(Quantile(x, 7, 10, PercentileType::kType6).value, 40 * 7);
  // Type 2, P30: np = 2.7 → x3 = 2; Q1: np = 2.25 → x3 = 2.
  EXPECT_EQ(Quantile(x, 3, 10, PercentileType::kType2).value, 40 * 2);
  // Type 2 at a whole np: n = 10, P30 → (x3 + x4) / 2.
  const std::vector<int> ten = {1, 2, 3, 6, 6, 6, 7, 8, 9, 9};
  EXPECT_EQ(Quantile(ten, 3, 10, PercentileType::kType2).value, 20 * (3 + 6));
  EXPECT_EQ(Median(x).value, 40 * 3);
  EXPECT_EQ(Median(ten).value, 40 * 6);
  EXPECT_EQ(Median(std::vector<int>{1, 2, 3, 6}).value, 20 * 5);
}

TEST(Quantile, MatchesTheDefinitionsOnRandomPanels) {
  std::mt19937 random(17);
  std::uniform_int_distribution<int> rating(1, 9);
  std::uniform_int_distribution<int> size(1, 40);
  for (int trial = 0; trial < 2000; ++trial) {
    std::vector<int> x(static_cast<std::size_t>(size(random)));
    for (int& v : x) v = rating(random);
    std::vector<int> sorted = x;
    std::sort(sorted.begin(), sorted.end());
    for (auto type : {PercentileType::kType2, PercentileType::kType6, PercentileType::kType7}) {
      for (auto [num, den] : {std::pair{3, 10}, {7, 10}, {1, 4}, {3, 4}}) {
        const double expected =
            Reference(x, static_cast<double>(num) / den, static_cast<int>(type));
        EXPECT_NEAR(Quantile(sorted, num, den, type).ToDouble(), expected, 1e-9)
            << "n " << x.size() << " type " << static_cast<int>(type) << " p " << num << "/"
            << den;
      }
    }
  }
}

}  // namespace
}  // namespace covalue::research
