// StabilityBetween: how one item's ratings moved from one round to the next.

#include <algorithm>
#include <cstdlib>
#include <map>

#include "research/delphi/delphi.h"
#include "research/statistics/statistics.h"

namespace covalue::research {
namespace {

std::size_t BandOf(int value) { return static_cast<std::size_t>((value - 1) / 3); }

// 50 · Σ_c |a_c / n_a − b_c / n_b| < 15, in integers: 10 · Σ |a_c n_b − b_c n_a| < 3 n_a n_b.
template <std::size_t K>
std::pair<double, bool> DistributionChange(const std::array<std::int64_t, K>& a, std::int64_t n_a,
                                           const std::array<std::int64_t, K>& b,
                                           std::int64_t n_b) {
  std::int64_t cross = 0;
  for (std::size_t c = 0; c < K; ++c) {
    cross += std::llabs(a[c] * n_b - b[c] * n_a);
  }
  const double change =
      50.0 * static_cast<double>(cross) / (static_cast<double>(n_a) * static_cast<double>(n_b));
  return {change, 10 * cross < 3 * n_a * n_b};
}

}  // namespace

DelphiStability StabilityBetween(const PanelistRatings& previous, const PanelistRatings& current) {
  DelphiStability s;
  std::array<std::int64_t, 9> before{};
  std::array<std::int64_t, 9> after{};
  std::array<std::int64_t, 3> before_band{};
  std::array<std::int64_t, 3> after_band{};
  std::vector<int> before_values;
  std::vector<int> after_values;
  std::map<std::string, int> earlier;
  for (const auto& [panelist, value] : previous) {
    before[static_cast<std::size_t>(value - 1)] += 1;
    before_band[BandOf(value)] += 1;
    before_values.push_back(value);
    earlier.emplace(panelist, value);
  }
  std::vector<std::int64_t> differences;
  std::size_t changed_band = 0;
  for (const auto& [panelist, value] : current) {
    after[static_cast<std::size_t>(value - 1)] += 1;
    after_band[BandOf(value)] += 1;
    after_values.push_back(value);
    if (const auto it = earlier.find(panelist); it != earlier.end()) {
      differences.push_back(value - it->second);
      changed_band += BandOf(value) != BandOf(it->second) ? 1 : 0;
    }
  }
  s.n_paired = differences.size();
  const auto n_before = static_cast<std::int64_t>(before_values.size());
  const auto n_after = static_cast<std::int64_t>(after_values.size());
  if (n_before > 0 && n_after > 0) {
    const auto [change_9, stable_9] = DistributionChange(after, n_after, before, n_before);
    s.distribution_change_pct_9cat = change_9;
    s.stable_by_15pct_rule_9cat = stable_9;
    s.distribution_change_pct_3band =
        DistributionChange(after_band, n_after, before_band, n_before).first;
    std::sort(before_values.begin(), before_values.end());
    std::sort(after_values.begin(), after_values.end());
    s.median_change =
        static_cast<double>(Median(after_values).value - Median(before_values).value) / 40.0;
  }
  if (!differences.empty()) {
    std::size_t changed = 0;
    double total = 0;
    for (std::int64_t d : differences) {
      changed += d != 0 ? 1 : 0;
      total += static_cast<double>(std::llabs(d));
    }
    const auto paired = static_cast<double>(differences.size());
    s.pct_paired_changed_rating = 100.0 * static_cast<double>(changed) / paired;
    s.pct_paired_changed_band = 100.0 * static_cast<double>(changed_band) / paired;
    s.mean_abs_change_paired = total / paired;
  }
  const SignedRank test = WilcoxonSignedRank(differences);
  s.wilcoxon_statistic = test.statistic;
  s.wilcoxon_p_approx = test.p;
  s.stable_by_wilcoxon_p_ge_0_05 = !test.p || *test.p >= 0.05;
  return s;
}

}  // namespace covalue::research
