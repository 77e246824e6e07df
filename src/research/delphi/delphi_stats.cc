// DelphiStatsOf: one item's statistics in one round and group.

#include <algorithm>
#include <vector>

#include "research/delphi/delphi.h"
#include "research/statistics/statistics.h"

namespace covalue::research {
namespace {

// The median's band, from twice the median (an integer).
Band BandOfMedian(Fortieths median) {
  if (median.value >= 40 * 7) {
    return Band::kAppropriate;
  }
  if (median.value <= 40 * 3) {
    return Band::kInappropriate;
  }
  return Band::kUncertain;
}

// IPR > IPRAS in integers: floating point would misjudge an item with IPR = IPRAS exactly.
bool InDisagreement(Fortieths p30, Fortieths p70) {
  // × 40: IPR = p70 − p30; × 80: IPRCP = p30 + p70, AI = |400 − IPRCP|.
  // × 160: IPR = 4(p70 − p30), IPRAS = 2.35·160 + 1.5·160·AI = 376 + 3·AI(×80).
  const std::int64_t ipr_160 = 4 * (p70.value - p30.value);
  const std::int64_t iprcp_80 = p30.value + p70.value;
  const std::int64_t ai_80 = iprcp_80 > 400 ? iprcp_80 - 400 : 400 - iprcp_80;
  return ipr_160 > 376 + 3 * ai_80;
}

Band Classification(std::span<const int> sorted, PercentileType type) {
  if (InDisagreement(Quantile(sorted, 3, 10, type), Quantile(sorted, 7, 10, type))) {
    return Band::kUncertain;
  }
  return BandOfMedian(Median(sorted));
}

// RAND/UCLA's count table: d and a by panel size, nullopt outside 8–16.
std::optional<std::pair<std::size_t, std::size_t>> CountTable(std::size_t n) {
  if (n >= 8 && n <= 10) return std::pair<std::size_t, std::size_t>{3, 2};
  if (n >= 11 && n <= 13) return std::pair<std::size_t, std::size_t>{4, 3};
  if (n >= 14 && n <= 16) return std::pair<std::size_t, std::size_t>{5, 4};
  return std::nullopt;
}

}  // namespace

std::string_view BandName(Band band) {
  switch (band) {
    case Band::kInappropriate:
      return "inappropriate";
    case Band::kUncertain:
      return "uncertain";
    case Band::kAppropriate:
      return "appropriate";
  }
  return "";
}

std::string_view PercentRuleName(PercentRule rule) {
  switch (rule) {
    case PercentRule::kConsensusIn:
      return "consensus_in";
    case PercentRule::kConsensusOut:
      return "consensus_out";
    case PercentRule::kNoConsensus:
      return "no_consensus";
  }
  return "";
}

DelphiStats DelphiStatsOf(std::span<const int> ratings, PercentileType type) {
  DelphiStats s;
  s.n = ratings.size();
  std::vector<int> sorted(ratings.begin(), ratings.end());
  std::sort(sorted.begin(), sorted.end());
  for (int v : sorted) {
    s.histogram[static_cast<std::size_t>(v - 1)] += 1;
    s.band_counts[static_cast<std::size_t>((v - 1) / 3)] += 1;
  }
  if (sorted.empty()) {
    return s;
  }
  const std::vector<double> values(sorted.begin(), sorted.end());
  const auto n = static_cast<std::int64_t>(s.n);
  const Fortieths median = Median(sorted);
  s.median = median.ToDouble();
  s.mean = Mean(values);
  s.sd = SampleSd(values);

  const Fortieths p30 = Quantile(sorted, 3, 10, type);
  const Fortieths p70 = Quantile(sorted, 7, 10, type);
  const std::int64_t iprcp_80 = p30.value + p70.value;
  const std::int64_t ai_80 = iprcp_80 > 400 ? iprcp_80 - 400 : 400 - iprcp_80;
  s.p30 = p30.ToDouble();
  s.p70 = p70.ToDouble();
  s.ipr = static_cast<double>(p70.value - p30.value) / 40.0;
  s.iprcp = static_cast<double>(iprcp_80) / 80.0;
  s.ai = static_cast<double>(ai_80) / 80.0;
  s.ipras = static_cast<double>(376 + 3 * ai_80) / 160.0;
  s.disagreement = InDisagreement(p30, p70);
  s.median_band = BandOfMedian(median);
  s.rand_classification = *s.disagreement ? Band::kUncertain : *s.median_band;

  for (std::size_t b = 0; b < 3; ++b) {
    s.band_pct[b] = 100.0 * static_cast<double>(s.band_counts[b]) / static_cast<double>(n);
  }
  const auto low = static_cast<std::int64_t>(s.band_counts[0]);
  const auto high = static_cast<std::int64_t>(s.band_counts[2]);
  if (100 * high >= 70 * n && 100 * low <= 15 * n) {
    s.percent_rule = PercentRule::kConsensusIn;
  } else if (100 * low >= 70 * n && 100 * high <= 15 * n) {
    s.percent_rule = PercentRule::kConsensusOut;
  } else {
    s.percent_rule = PercentRule::kNoConsensus;
  }

  const Fortieths q1 = Quantile(sorted, 1, 4, type);
  const Fortieths q3 = Quantile(sorted, 3, 4, type);
  s.q1 = q1.ToDouble();
  s.q3 = q3.ToDouble();
  s.iqr = static_cast<double>(q3.value - q1.value) / 40.0;
  s.iqr_le_1 = q3.value - q1.value <= 40;
  s.iqr_le_1_and_median_ge_7 = *s.iqr_le_1 && median.value >= 40 * 7;

  if (const auto table = CountTable(s.n)) {
    const auto [d, a] = *table;
    // The three-point region holding the median (none for 3.5 or 6.5).
    std::optional<std::size_t> region;
    for (std::size_t b = 0; b < 3; ++b) {
      const auto from = static_cast<std::int64_t>(40 * (3 * b + 1));
      if (median.value >= from && median.value <= from + 80) {
        region = b;
      }
    }
    const bool agreement = region && s.n - s.band_counts[*region] <= a;
    s.classic_count_rules =
        CountRules{s.band_counts[0] >= d && s.band_counts[2] >= d, agreement};
  }

  bool depends = false;
  for (PercentileType other :
       {PercentileType::kType7, PercentileType::kType6, PercentileType::kType2}) {
    depends = depends || (other != type && Classification(sorted, other) != *s.rand_classification);
  }
  s.classification_depends_on_percentile_method = depends;
  return s;
}

}  // namespace covalue::research
