#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <vector>

// Descriptive and rank statistics shared by the Delphi and concept-mapping analyses. Plain
// functions over plain numbers; every one returns nullopt where its value does not exist.
namespace covalue::research {

// The arithmetic mean; nullopt for no values.
[[nodiscard]] std::optional<double> Mean(std::span<const double> values);

// The sample standard deviation (n − 1 in the denominator); nullopt for fewer than 2 values.
[[nodiscard]] std::optional<double> SampleSd(std::span<const double> values);

// Pearson's product-moment r; nullopt when the spans differ in length, hold fewer than 2 pairs
// or either variable is constant.
[[nodiscard]] std::optional<double> Pearson(std::span<const double> x, std::span<const double> y);

// Mid-ranks (1-based; tied values share the mean of the ranks they span).
[[nodiscard]] std::vector<double> MidRanks(std::span<const double> values);

// Spearman's ρ as the Pearson r of mid-ranks; nullopt as Pearson.
[[nodiscard]] std::optional<double> Spearman(std::span<const double> x, std::span<const double> y);

// Kendall's τ-b (Kendall 1945): (concordant − discordant) / √((n0 − n1)(n0 − n2)), n0 = n(n−1)/2,
// n1 and n2 the pairs tied in x and in y; nullopt when a denominator factor is zero.
[[nodiscard]] std::optional<double> KendallTauB(std::span<const double> x,
                                                std::span<const double> y);

// Wilcoxon's signed-rank test of paired differences by the normal approximation: zero
// differences dropped, tied |d| given their mean rank, statistic = min(W+, W−),
// z = (W − n(n+1)/4) / √(n(n+1)(2n+1)/24 − Σ(t³ − t)/48), p = 2Φ(−|z|), no continuity correction.
struct SignedRank {
  std::size_t n_nonzero = 0;
  std::optional<double> statistic;  // nullopt when every difference is zero
  std::optional<double> p;
};
[[nodiscard]] SignedRank WilcoxonSignedRank(std::span<const std::int64_t> differences);

}  // namespace covalue::research
