#pragma once

#include <cmath>
#include <cstdint>
#include <numbers>
#include <random>

namespace covalue::demo {

// Seeded draws from the same bits on every platform: mt19937_64 is specified exactly, unlike
// the standard distributions.
class Draw {
 public:
  explicit Draw(std::uint64_t seed) : bits_(seed) {}

  double Uniform() { return static_cast<double>(bits_() >> 11U) * 0x1.0p-53; }  // [0, 1)

  // Box–Muller.
  double Normal(double mean, double sd) {
    const double u = 1.0 - Uniform();
    const double v = Uniform();
    return mean + sd * std::sqrt(-2.0 * std::log(u)) * std::cos(2.0 * std::numbers::pi * v);
  }

  std::int64_t Between(std::int64_t low, std::int64_t high) {
    return low + static_cast<std::int64_t>(Uniform() * static_cast<double>(high - low + 1));
  }

 private:
  std::mt19937_64 bits_;
};

}  // namespace covalue::demo
