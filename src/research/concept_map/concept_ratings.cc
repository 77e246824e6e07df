// AnalyseRatings: statement and cluster ratings, pattern matches and go-zones.

#include <algorithm>
#include <map>
#include <numeric>
#include <set>

#include "research/concept_map/concept_map.h"
#include "research/statistics/statistics.h"

namespace covalue::research {
namespace {

constexpr std::string_view kAll = "all";

__extension__ using Int128 = __int128;  // GCC's and Clang's, for exact sums of products

// One statement's ratings of one variable by one group, kept as integers so the go-zone's
// comparisons with the mean of means can be decided exactly.
struct Tally {
  std::int64_t sum = 0;
  std::int64_t n = 0;
  std::vector<double> values;
};

// Whether sum_i / n_i > (Σ_s sum_s / n_s) / S, over the statements s with ratings, exactly while
// the common denominator fits in 62 bits (always when every statement has the same number of
// ratings), else in long double.
class MeanOfMeans {
 public:
  explicit MeanOfMeans(const std::vector<Tally>& tallies) {
    for (const Tally& t : tallies) {
      if (t.n == 0) continue;
      ++count_;
      mean_sum_ += static_cast<long double>(t.sum) / static_cast<long double>(t.n);
      if (exact_) {
        const std::int64_t l = std::lcm(common_, t.n);
        exact_ = l < (std::int64_t{1} << 40);
        common_ = exact_ ? l : common_;
      }
    }
    if (exact_) {
      for (const Tally& t : tallies) {
        if (t.n != 0) scaled_sum_ += static_cast<Int128>(t.sum) * (common_ / t.n);
      }
    }
  }
  [[nodiscard]] std::optional<double> Value() const {
    if (count_ == 0) return std::nullopt;
    return static_cast<double>(mean_sum_ / static_cast<long double>(count_));
  }
  [[nodiscard]] bool Above(const Tally& t) const {
    if (exact_) {
      return static_cast<Int128>(t.sum) * (common_ / t.n) * count_ > scaled_sum_;
    }
    return static_cast<long double>(t.sum) / static_cast<long double>(t.n) >
           mean_sum_ / static_cast<long double>(count_);
  }

 private:
  std::int64_t count_ = 0;
  long double mean_sum_ = 0;
  bool exact_ = true;
  std::int64_t common_ = 1;
  Int128 scaled_sum_ = 0;
};

std::optional<double> MeanOf(const std::vector<double>& values) { return Mean(values); }

// Pearson's r over the positions where both have a value.
std::optional<double> PairedPearson(const std::vector<std::optional<double>>& a,
                                    const std::vector<std::optional<double>>& b) {
  std::vector<double> x;
  std::vector<double> y;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (a[i] && b[i]) {
      x.push_back(*a[i]);
      y.push_back(*b[i]);
    }
  }
  return Pearson(x, y);
}

}  // namespace

std::string_view QuadrantName(Quadrant quadrant) {
  switch (quadrant) {
    case Quadrant::kGo:
      return "go";
    case Quadrant::kHighXLowY:
      return "high_x_low_y";
    case Quadrant::kLowXHighY:
      return "low_x_high_y";
    case Quadrant::kLowBoth:
      return "low_both";
  }
  return "";
}

RatingAnalysis AnalyseRatings(const ConceptMapStudy& study,
                              std::span<const std::size_t> clusters, std::size_t k) {
  const std::size_t n = study.statements.size();
  RatingAnalysis r;
  std::set<std::string> raters;
  for (const ConceptRating& rating : study.ratings) {
    raters.insert(rating.rater);
    if (std::find(r.variables.begin(), r.variables.end(), rating.variable) == r.variables.end()) {
      r.variables.push_back(rating.variable);
    }
    if (std::find(r.groups.begin(), r.groups.end(), rating.group) == r.groups.end()) {
      r.groups.push_back(rating.group);
    }
  }
  r.n_raters = raters.size();
  std::vector<std::string> series_groups = {std::string(kAll)};
  series_groups.insert(series_groups.end(), r.groups.begin(), r.groups.end());

  // (variable, group) → per statement tallies.
  std::map<std::pair<std::string, std::string>, std::vector<Tally>> tallies;
  for (const std::string& variable : r.variables) {
    for (const std::string& group : series_groups) {
      tallies[{variable, group}].resize(n);
    }
  }
  for (const ConceptRating& rating : study.ratings) {
    for (const std::string& group : {std::string(kAll), rating.group}) {
      Tally& t = tallies[{rating.variable, group}][rating.statement];
      t.sum += rating.value;
      t.n += 1;
      t.values.push_back(rating.value);
    }
  }

  for (const std::string& variable : r.variables) {
    for (const std::string& group : series_groups) {
      const std::vector<Tally>& per_statement = tallies[{variable, group}];
      RatingSeries series{variable, group, {}, {}, {}};
      std::vector<std::vector<double>> means(k);
      std::vector<std::vector<double>> pooled(k);
      for (std::size_t i = 0; i < n; ++i) {
        const Tally& t = per_statement[i];
        RatingSummary summary{t.values.size(), MeanOf(t.values), SampleSd(t.values)};
        if (summary.mean) {
          means[clusters[i] - 1].push_back(*summary.mean);
          pooled[clusters[i] - 1].insert(pooled[clusters[i] - 1].end(), t.values.begin(),
                                         t.values.end());
        }
        series.statements.push_back(summary);
      }
      for (std::size_t c = 0; c < k; ++c) {
        series.cluster_mean_of_statement_means.push_back(MeanOf(means[c]));
        series.cluster_pooled_mean.push_back(MeanOf(pooled[c]));
      }
      r.series.push_back(std::move(series));
    }
  }
  const auto series_of = [&](const std::string& variable, const std::string& group) {
    return std::find_if(r.series.begin(), r.series.end(), [&](const RatingSeries& s) {
      return s.variable == variable && s.group == group;
    });
  };
  const auto match = [&](const RatingSeries& left, const RatingSeries& right) {
    r.pattern_matches.push_back(
        {left.Key(), right.Key(),
         PairedPearson(left.cluster_mean_of_statement_means, right.cluster_mean_of_statement_means),
         PairedPearson(left.cluster_pooled_mean, right.cluster_pooled_mean)});
  };
  for (const std::string& group : series_groups) {
    for (std::size_t a = 0; a < r.variables.size(); ++a) {
      for (std::size_t b = a + 1; b < r.variables.size(); ++b) {
        match(*series_of(r.variables[a], group), *series_of(r.variables[b], group));
      }
    }
  }
  for (const std::string& variable : r.variables) {
    for (std::size_t a = 0; a < r.groups.size(); ++a) {
      for (std::size_t b = a + 1; b < r.groups.size(); ++b) {
        match(*series_of(variable, r.groups[a]), *series_of(variable, r.groups[b]));
      }
    }
  }

  if (r.variables.size() < 2) {
    return r;
  }
  for (const std::string& group : series_groups) {
    const std::vector<Tally>& xs = tallies[{r.variables[0], group}];
    const std::vector<Tally>& ys = tallies[{r.variables[1], group}];
    const MeanOfMeans x_threshold(xs);
    const MeanOfMeans y_threshold(ys);
    GoZone zone{r.variables[0], r.variables[1], group, x_threshold.Value(), y_threshold.Value(),
                {}, {}, {}, {}};
    std::vector<double> x;
    std::vector<double> y;
    for (std::size_t i = 0; i < n; ++i) {
      if (xs[i].n == 0 || ys[i].n == 0) {
        zone.quadrant.emplace_back();
        continue;
      }
      x.push_back(*Mean(xs[i].values));
      y.push_back(*Mean(ys[i].values));
      const bool high_x = x_threshold.Above(xs[i]);
      const bool high_y = y_threshold.Above(ys[i]);
      zone.quadrant.push_back(high_x ? (high_y ? Quadrant::kGo : Quadrant::kHighXLowY)
                                     : (high_y ? Quadrant::kLowXHighY : Quadrant::kLowBoth));
    }
    zone.pearson_r = Pearson(x, y);
    zone.spearman_rho = Spearman(x, y);
    zone.kendall_tau_b = KendallTauB(x, y);
    r.go_zones.push_back(std::move(zone));
  }
  return r;
}

}  // namespace covalue::research
