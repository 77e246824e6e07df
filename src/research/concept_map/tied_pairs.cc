#include "research/concept_map/tied_pairs.h"

#include <algorithm>
#include <array>
#include <bit>
#include <cassert>
#include <cmath>

namespace covalue::research {
namespace {

using Pair = TiedPairs::Pair;

struct Closer {
  bool operator()(const Pair& a, const Pair& b) const { return a.distance < b.distance; }
};

// Insertion sort by distance: linear when [first, last) is nearly in order already.
void InsertionSort(Pair* first, Pair* last) {
  const Closer closer;
  for (Pair* it = first + (first == last ? 0 : 1); it < last; ++it) {
    if (!closer(*it, *(it - 1))) continue;
    const Pair value = *it;
    Pair* hole = it;
    do {
      *hole = *(hole - 1);
      --hole;
    } while (hole != first && closer(value, *(hole - 1)));
    *hole = value;
  }
}

// Sorts a block by distance: a least-significant-digit radix sort on the top 32 bits of the
// distances' bit patterns (non-negative doubles order as their bits do) in three cache-friendly
// passes of 11, 11 and 10 bits, each skipped when every key shares its digit; then an insertion
// sort puts the few distances that agree in those bits in exact order. Linear in the size.
void RadixSort(Pair* first, Pair* last, std::vector<Pair>& buffer) {
  const auto size = static_cast<std::size_t>(last - first);
  buffer.resize(size);
  std::array<std::size_t, 1 << 11> count{};
  Pair* from = first;
  Pair* to = buffer.data();
  const auto key = [](const Pair& p) {
    return static_cast<std::uint32_t>(std::bit_cast<std::uint64_t>(p.distance) >> 32);
  };
  for (const auto& [shift, bits] : {std::pair{0, 11}, {11, 11}, {22, 10}}) {
    const std::uint32_t mask = (1U << bits) - 1;
    count.fill(0);
    for (std::size_t k = 0; k < size; ++k) ++count[(key(from[k]) >> shift) & mask];
    if (count[(key(from[0]) >> shift) & mask] == size) continue;
    std::size_t total = 0;
    for (std::size_t& c : count) {
      const std::size_t here = c;
      c = total;
      total += here;
    }
    for (std::size_t k = 0; k < size; ++k) to[count[(key(from[k]) >> shift) & mask]++] = from[k];
    std::swap(from, to);
  }
  if (from != first) std::copy(from, from + size, first);
  InsertionSort(first, last);
}

// Sorts [first, last) by distance: by insertion when the block is nearly in order already (it was
// sorted by nearly the same distances last time: few neighbours out of order), else by radix
// (std::sort for small blocks).
void SortBlock(Pair* first, Pair* last, std::vector<Pair>& buffer) {
  const Closer closer;
  const auto size = static_cast<std::size_t>(last - first);
  std::size_t descents = 0;
  for (Pair* it = first + (size == 0 ? 0 : 1); it < last; ++it) {
    descents += closer(*it, *(it - 1)) ? 1 : 0;
  }
  if (descents == 0) {
    return;
  }
  if (descents * 32 > size) {
    if (size < 4096) {
      std::sort(first, last, closer);
    } else {
      RadixSort(first, last, buffer);
    }
    return;
  }
  InsertionSort(first, last);
}

}  // namespace

TiedPairs::TiedPairs(std::span<const double> dissimilarities, std::size_t n) {
  assert(dissimilarities.size() == n * n);  // the caller's promise
  pairs_.reserve(n * (n - 1) / 2);
  for (std::size_t i = 0; i < n; ++i) {
    for (std::size_t j = i + 1; j < n; ++j) {
      pairs_.push_back({0.0, static_cast<std::uint32_t>(i), static_cast<std::uint32_t>(j)});
    }
  }
  const auto delta = [&](const Pair& p) { return dissimilarities[p.i * n + p.j]; };
  std::stable_sort(pairs_.begin(), pairs_.end(),
                   [&](const Pair& a, const Pair& b) { return delta(a) < delta(b); });
  for (std::size_t k = 0; k < pairs_.size(); ++k) {
    if (k == 0 || delta(pairs_[k]) != delta(pairs_[k - 1])) {
      starts_.push_back(k);
      block_value_.push_back(delta(pairs_[k]));
    }
  }
  starts_.push_back(pairs_.size());
}

void TiedPairs::Measure(std::span<const Point> map) {
  for (Pair& p : pairs_) {
    const double dx = map[p.i].x - map[p.j].x;
    const double dy = map[p.i].y - map[p.j].y;
    p.distance = std::sqrt(dx * dx + dy * dy);
  }
}

void TiedPairs::Regress(std::vector<double>& fitted) {
  for (std::size_t b = 0; b + 1 < starts_.size(); ++b) {
    SortBlock(pairs_.data() + starts_[b], pairs_.data() + starts_[b + 1], buffer_);
  }
  // Pool adjacent violators: a stack of pools (sum, count), merged while the one below has a
  // mean at least as high.
  pool_sum_.resize(pairs_.size());
  pool_count_.resize(pairs_.size());
  double* sum = pool_sum_.data();
  std::size_t* count = pool_count_.data();
  std::size_t top = 0;  // pools on the stack
  for (const Pair& p : pairs_) {
    double s = p.distance;
    std::size_t c = 1;
    while (top > 0 && sum[top - 1] * static_cast<double>(c) >= s * static_cast<double>(count[top - 1])) {
      --top;
      s += sum[top];
      c += count[top];
    }
    sum[top] = s;
    count[top] = c;
    ++top;
  }
  fitted.resize(pairs_.size());
  double* out = fitted.data();
  for (std::size_t pool = 0; pool < top; ++pool) {
    const double level = sum[pool] / static_cast<double>(count[pool]);
    std::fill_n(out, count[pool], level);
    out += count[pool];
  }
}

std::vector<double> TiedPairs::Dissimilarities() const {
  std::vector<double> values(pairs_.size());
  for (std::size_t b = 0; b + 1 < starts_.size(); ++b) {
    std::fill(values.begin() + static_cast<std::ptrdiff_t>(starts_[b]),
              values.begin() + static_cast<std::ptrdiff_t>(starts_[b + 1]), block_value_[b]);
  }
  return values;
}

}  // namespace covalue::research
