#include "research/delphi/quantile.h"

#include <cassert>

namespace covalue::research {
namespace {

// x_j, 1-based, with x_0 = x_1 and x_{n+1} = x_n as Hyndman & Fan clamp them.
std::int64_t At(std::span<const int> sorted, std::int64_t j) {
  const auto n = static_cast<std::int64_t>(sorted.size());
  if (j < 1) {
    j = 1;
  }
  if (j > n) {
    j = n;
  }
  return sorted[static_cast<std::size_t>(j - 1)];
}

// x_j + (rest / denominator)(x_{j+1} − x_j), × 40.
Fortieths Between(std::span<const int> sorted, std::int64_t j, std::int64_t rest,
                  std::int64_t denominator) {
  const std::int64_t low = At(sorted, j);
  const std::int64_t high = At(sorted, j + 1);
  return {40 * low + (40 / denominator) * rest * (high - low)};
}

}  // namespace

Fortieths Quantile(std::span<const int> sorted, int numerator, int denominator,
                   PercentileType type) {
  assert(!sorted.empty() && denominator > 0 && 40 % denominator == 0);  // the caller's promise
  const auto n = static_cast<std::int64_t>(sorted.size());
  const std::int64_t num = numerator;
  const std::int64_t den = denominator;
  switch (type) {
    case PercentileType::kType7: {  // h = (n − 1)p + 1
      const std::int64_t h = (n - 1) * num + den;
      return Between(sorted, h / den, h % den, den);
    }
    case PercentileType::kType6: {  // h = (n + 1)p, clamped to x_1 … x_n
      const std::int64_t h = (n + 1) * num;
      if (h < den) {
        return {40 * At(sorted, 1)};
      }
      if (h >= n * den) {
        return {40 * At(sorted, n)};
      }
      return Between(sorted, h / den, h % den, den);
    }
    case PercentileType::kType2: {  // np whole: the mean of x_np and x_np+1; else x_⌈np⌉
      const std::int64_t h = n * num;
      const std::int64_t j = h / den;
      if (h % den == 0) {
        return {20 * (At(sorted, j) + At(sorted, j + 1))};
      }
      return {40 * At(sorted, j + 1)};
    }
  }
  return {};
}

Fortieths Median(std::span<const int> sorted) {
  assert(!sorted.empty());  // the caller's promise
  const std::size_t n = sorted.size();
  if (n % 2 == 1) {
    return {40 * static_cast<std::int64_t>(sorted[n / 2])};
  }
  return {20 * (static_cast<std::int64_t>(sorted[n / 2 - 1]) + sorted[n / 2])};
}

}  // namespace covalue::research
