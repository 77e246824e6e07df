#pragma once

#include <cstdint>
#include <span>

namespace covalue::research {

// The sample quantile definitions of Hyndman & Fan (1996) a Delphi report may name.
enum class PercentileType { kType2 = 2, kType6 = 6, kType7 = 7 };

// A quantile of integer ratings is a rational number with a small denominator: kept exactly as
// forty times its value, so the RAND/UCLA comparisons (IPR against IPRAS) are decided exactly.
struct Fortieths {
  std::int64_t value = 0;  // the quantile × 40
  [[nodiscard]] double ToDouble() const { return static_cast<double>(value) / 40.0; }
};

// The quantile p = numerator / denominator of sorted integer values by Hyndman–Fan `type`
// (R's quantile(type = …)).
// REQUIRES: sorted is non-empty and ascending; 40 % denominator == 0; 0 ≤ p ≤ 1.
[[nodiscard]] Fortieths Quantile(std::span<const int> sorted, int numerator, int denominator,
                                 PercentileType type);

// The median (the mean of the two middle values of an even count), exactly.
// REQUIRES: sorted is non-empty and ascending.
[[nodiscard]] Fortieths Median(std::span<const int> sorted);

}  // namespace covalue::research
