#pragma once

#include <array>
#include <cstddef>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "research/delphi/quantile.h"

// The modified Delphi's statistics (Fitch et al. 2001, The RAND/UCLA Appropriateness Method
// User's Manual, ch. 6; Diamond et al. 2014 on consensus; von der Gracht 2012 on stability):
// per item, round and group, on ratings 1–9. Pure computation; no I/O.
namespace covalue::research {

// One panelist's rating of one item in one round. A panelist belongs to one group.
struct DelphiRating {
  int round = 0;
  std::string panelist;
  std::string group;
  std::string item;
  int value = 0;  // 1–9
};

struct DelphiPanel {
  std::vector<std::string> items;  // item ids, in the order results are reported
  std::vector<DelphiRating> ratings;
};

// The three-point regions of the 1–9 scale, named as RAND/UCLA names a median's band.
enum class Band { kInappropriate, kUncertain, kAppropriate };
std::string_view BandName(Band band);

// ≥ 70 % rate 7–9 and ≤ 15 % rate 1–3 is consensus in; the mirror is consensus out.
enum class PercentRule { kConsensusIn, kConsensusOut, kNoConsensus };
std::string_view PercentRuleName(PercentRule rule);

// RAND/UCLA's count table, for panels of 8–16: disagreement when at least d rate 1–3 and at least
// d rate 7–9; agreement when at most a rate outside the three-point region holding the median
// (d/a = 3/2 for 8–10 panelists, 4/3 for 11–13, 5/4 for 14–16).
struct CountRules {
  bool disagreement = false;
  bool agreement = false;
};

// The statistics of one item's ratings in one round and group. Every optional is nullopt when
// there are no ratings (n = 0); sd also when n < 2; classic_count_rules outside panels of 8–16.
struct DelphiStats {
  std::size_t n = 0;
  std::optional<double> median, mean, sd;
  std::optional<double> p30, p70, ipr, iprcp, ai, ipras;  // by the chosen percentile type
  std::optional<bool> disagreement;                       // IPR > IPRAS, decided exactly
  std::optional<Band> median_band;
  std::optional<Band> rand_classification;  // uncertain in disagreement, else the median's band
  std::array<std::size_t, 3> band_counts{};  // 1–3, 4–6, 7–9
  std::array<std::optional<double>, 3> band_pct{};  // 0–100
  std::optional<PercentRule> percent_rule;
  std::optional<double> q1, q3, iqr;
  std::optional<bool> iqr_le_1, iqr_le_1_and_median_ge_7;
  std::array<std::size_t, 9> histogram{};  // counts of 1 … 9
  std::optional<CountRules> classic_count_rules;
  std::optional<bool> classification_depends_on_percentile_method;
};

// The statistics of ratings (each 1–9) by the given percentile type.
[[nodiscard]] DelphiStats DelphiStatsOf(std::span<const int> ratings, PercentileType type);

// Between one round and the one before, over all respondents. Values that need respondents in
// both rounds (or paired panelists) are nullopt without them.
struct DelphiStability {
  std::size_t n_paired = 0;  // panelists who rated the item in both rounds
  std::optional<double> distribution_change_pct_9cat;  // 50 · Σ |p_c(r) − p_c(r − 1)|
  std::optional<double> distribution_change_pct_3band;
  std::optional<bool> stable_by_15pct_rule_9cat;  // the change < 15, decided exactly
  std::optional<double> median_change;            // median(r) − median(r − 1)
  std::optional<double> pct_paired_changed_rating;
  std::optional<double> pct_paired_changed_band;
  std::optional<double> mean_abs_change_paired;
  std::optional<double> wilcoxon_statistic;  // nullopt when every paired difference is zero
  std::optional<double> wilcoxon_p_approx;
  bool stable_by_wilcoxon_p_ge_0_05 = true;
};

// One item's ratings in one round, as (panelist, value) pairs.
using PanelistRatings = std::vector<std::pair<std::string, int>>;

// The stability of one item's ratings from the previous round to the current one.
[[nodiscard]] DelphiStability StabilityBetween(const PanelistRatings& previous,
                                               const PanelistRatings& current);

struct DelphiItemRound {
  int round = 0;
  DelphiStats all;
  std::vector<DelphiStats> groups;  // in DelphiAnalysis::groups order; empty with one group
  std::optional<bool> percent_rule_in_every_group;  // with two or more groups
  std::optional<DelphiStability> stability;         // from the previous round; not in the first
};

struct DelphiItemResult {
  std::string item;
  std::vector<DelphiItemRound> rounds;  // one per DelphiAnalysis::rounds
};

struct DelphiAnalysis {
  std::vector<int> rounds;          // ascending
  std::vector<std::string> groups;  // by first appearance among the ratings
  PercentileType percentile_type = PercentileType::kType7;
  std::vector<DelphiItemResult> items;  // in DelphiPanel::items order
};

// The whole panel's analysis. REQUIRES: every rating names an item of panel.items, has a value
// 1–9, and a panelist keeps one group (formats/ checks files for this).
[[nodiscard]] DelphiAnalysis AnalyseDelphi(const DelphiPanel& panel, PercentileType type);

}  // namespace covalue::research
