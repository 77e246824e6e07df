#include "analytics/patients_like_me.h"

#include <algorithm>
#include <cmath>
#include <map>

namespace covalue::analytics {
namespace {

double StandardDeviation(const std::vector<double>& values) {
  if (values.size() < 2) {
    return 0;
  }
  double mean = 0;
  for (double v : values) {
    mean += v;
  }
  mean /= static_cast<double>(values.size());
  double sum = 0;
  for (double v : values) {
    sum += (v - mean) * (v - mean);
  }
  return std::sqrt(sum / static_cast<double>(values.size() - 1));
}

// A difference in units of the spread; no spread means no difference can be told apart.
double Scaled(double difference, double sd) { return sd > 0 ? difference / sd : 0; }

}  // namespace

double Quantile(std::vector<double> values, double p) {
  std::sort(values.begin(), values.end());
  const double h = (static_cast<double>(values.size()) - 1) * p;
  const auto low = static_cast<std::size_t>(std::floor(h));
  const std::size_t high = std::min(low + 1, values.size() - 1);
  return values[low] + (h - static_cast<double>(low)) * (values[high] - values[low]);
}

LikeMe PatientsLikeMe(const LikeMePerson& me, const std::vector<LikeMePerson>& others,
                      const LikeMeOptions& options) {
  std::vector<const LikeMePerson*> candidates;
  for (const LikeMePerson& other : others) {
    if (other.id != me.id) {
      candidates.push_back(&other);
    }
  }
  LikeMe out;
  const std::size_t cohort_size = std::min(options.k, candidates.size());
  if (cohort_size < options.min_cohort) {
    out.hidden = true;
    return out;
  }
  std::vector<double> ages, durations, baselines;
  for (const LikeMePerson* c : candidates) {
    ages.push_back(c->age_years);
    durations.push_back(c->disease_years);
    baselines.push_back(c->baseline);
  }
  const double sd_age = StandardDeviation(ages);
  const double sd_duration = StandardDeviation(durations);
  const double sd_baseline = StandardDeviation(baselines);
  const SimilarityWeights& w = options.weights;
  std::vector<std::pair<double, const LikeMePerson*>> ranked;
  ranked.reserve(candidates.size());
  for (const LikeMePerson* c : candidates) {
    const double age = Scaled(c->age_years - me.age_years, sd_age);
    const double duration = Scaled(c->disease_years - me.disease_years, sd_duration);
    const double baseline = Scaled(c->baseline - me.baseline, sd_baseline);
    const double sex = c->sex == me.sex ? 0.0 : 1.0;
    ranked.emplace_back(std::sqrt(w.age * age * age + w.disease_duration * duration * duration +
                                  w.baseline * baseline * baseline + w.sex * sex * sex),
                        c);
  }
  std::sort(ranked.begin(), ranked.end(), [](const auto& a, const auto& b) {
    return a.first != b.first ? a.first < b.first : a.second->id < b.second->id;
  });
  ranked.resize(cohort_size);
  out.cohort = cohort_size;

  std::map<int, std::vector<double>> by_month;
  for (const auto& [distance, person] : ranked) {
    std::map<int, std::pair<double, int>> mine;  // month → sum, count
    for (const auto& [months, value] : person->series) {
      auto& [sum, count] = mine[static_cast<int>(std::lround(months))];
      sum += value;
      ++count;
    }
    for (const auto& [month, total] : mine) {
      by_month[month].push_back(total.first / total.second);
    }
  }
  for (const auto& [month, values] : by_month) {
    if (values.size() < options.min_cohort) {
      continue;  // a band of few people would tell about them
    }
    out.bands.push_back(LikeMeBand{month, values.size(), Quantile(values, 0.25),
                                   Quantile(values, 0.5), Quantile(values, 0.75)});
  }
  return out;
}

}  // namespace covalue::analytics
