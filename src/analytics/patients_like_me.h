#pragma once

#include <cstddef>
#include <utility>
#include <vector>

#include "domain/community.h"

namespace covalue::analytics {

// "Patients like me" (DESIGN.md §6): for one person, the k most similar people of the same
// population and their outcome over time since baseline, summarised as a median with an
// interquartile band — never individuals. Pure computation on plain values.

// One person as the comparison sees them. series holds (months since baseline, value).
struct LikeMePerson {
  Id id = 0;
  double age_years = 0;
  int sex = 0;  // any coding; people of another sex are one unit apart
  double disease_years = 0;
  double baseline = 0;  // the outcome at baseline
  std::vector<std::pair<double, double>> series;
};

// How much each characteristic counts in the distance (0 leaves it out).
struct SimilarityWeights {
  double age = 1;
  double sex = 1;
  double disease_duration = 1;
  double baseline = 1;
};

struct LikeMeOptions {
  std::size_t k = 50;           // the cohort: the k most similar
  std::size_t min_cohort = 20;  // fewer than this: nothing is shown
  SimilarityWeights weights;
};

// The outcome of the cohort at one month since baseline: shown only where at least
// min_cohort of them have a value then.
struct LikeMeBand {
  int month = 0;
  std::size_t n = 0;
  double p25 = 0;
  double median = 0;
  double p75 = 0;
};

struct LikeMe {
  std::size_t cohort = 0;  // how many similar people were found (0 when hidden)
  bool hidden = false;     // fewer than min_cohort others: no bands at all
  std::vector<LikeMeBand> bands;
};

// Distance: a weighted Euclidean distance over age, disease duration and baseline, each
// divided by its standard deviation among the candidates (so units do not matter), and sex
// (0 when the same, 1 when not). Ties go to the lower id, so the cohort is reproducible. A
// person's values in the same month (rounded months since baseline) count as their mean.
// Quartiles interpolate linearly between order statistics (Hyndman & Fan 1996, type 7, R's
// default).
LikeMe PatientsLikeMe(const LikeMePerson& me, const std::vector<LikeMePerson>& others,
                      const LikeMeOptions& options);

// The p-quantile (0..1) of values by Hyndman & Fan's type 7; values need not be sorted.
double Quantile(std::vector<double> values, double p);

}  // namespace covalue::analytics
