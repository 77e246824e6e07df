#include "analytics/spc/centre.h"

#include <cmath>

namespace covalue::analytics::spc {

Centre CentreOf(const PartData& d) {
  Centre out;
  out.sigmas.resize(d.plotted.size());
  std::optional<double>& cl = out.cl;
  std::optional<double>& sigma = out.sigma;
  std::vector<std::optional<double>>& sigmas = out.sigmas;
  std::optional<double>& limit_centre = out.limit_centre;
  const ChartType type = d.type;
  const PartRange part = d.part;
  const Values& values = d.values;
  const Values& plotted = d.plotted;
  const std::vector<double>& base = d.base;
  const auto& sums = d.sums;
  const auto& subgroups = d.subgroups;
  if (base.empty()) {
    return out;
  }
  {
    switch (type) {
      case ChartType::kRun:
        cl = Median(base);  // the run chart's centre is the median (Anhøj 2014)
        break;
      case ChartType::kI:
        // Individuals: centre the mean, sigma the average moving range over d2
        // (Montgomery 2012, §6.4; Provost & Murray, The Health Care Data Guide, 2011, ch. 5).
        cl = Mean(base);
        if (auto amr =
                AverageMovingRange(BaselineMovingRanges(values, d.points, part), d.mr_screening)) {
          // Making Data Count draws its limits at 2.66 · AMR exactly (not 3/1.128).
          sigma = d.rules == Rules::kMdc ? *amr * kMdcLimitFactor / 3 : *amr / kD2;
        }
        break;
      case ChartType::kXbar:
      case ChartType::kS: {
        // Subgroup means and SDs (Montgomery 2012, §6.3): s̄ pooled over the baseline's
        // subgroups when their sizes differ within the part, else their mean; centre the
        // size-weighted mean of the means (Xbar) or s̄ (S); per point sigma s̄/(c4·√n) for the
        // mean, s̄·c5/c4 for the SD, so that the limits are A3·s̄ and B3·s̄, B4·s̄.
        bool variable = false;
        std::optional<double> first_size;
        double weighted = 0, weights = 0, pooled = 0, freedom = 0, sd_sum = 0, sds = 0;
        for (std::size_t k = 0; k < plotted.size(); ++k) {
          const std::size_t i = part.begin + k;
          if (!sums[i]) {
            continue;
          }
          const auto size = static_cast<double>(subgroups[i].y.size());
          variable = variable || (first_size && *first_size != size);
          first_size = first_size.value_or(size);
          const ChartPoint& point = d.points[i];
          if (!point.baseline || !point.include) {
            continue;
          }
          const double mean = *MeanOrRatio(Subgroup{subgroups[i].y, {}});
          weighted += size * mean;
          weights += size;
          if (const auto sd = StandardDeviation(subgroups[i])) {
            pooled += (size - 1) * *sd * *sd;
            freedom += size - 1;
            sd_sum += *sd;
            ++sds;
          }
        }
        if (sds == 0) {
          cl = type == ChartType::kXbar ? std::optional(weighted / weights) : std::nullopt;
          break;
        }
        const double sbar = variable ? std::sqrt(pooled / freedom) : sd_sum / sds;
        cl = type == ChartType::kXbar ? weighted / weights : sbar;
        for (std::size_t k = 0; k < plotted.size(); ++k) {
          const std::size_t i = part.begin + k;
          const auto size = static_cast<double>(subgroups[i].y.size());
          if (sums[i] && size >= 2) {
            const double c4 = C4(size);
            sigmas[k] = type == ChartType::kXbar ? sbar / (c4 * std::sqrt(size))
                                                 : sbar * std::sqrt(1 - c4 * c4) / c4;
          }
        }
        break;
      }
      case ChartType::kG: {
        // Opportunities between events: the median drawn and used for the runs, the limits
        // from the mean ḡ ± 3√(ḡ(ḡ+1)) of the geometric distribution (Benneyan JC. Number-
        // between g-type statistical quality control charts for monitoring adverse events.
        // Health Care Manag Sci 2001;4(4):305-18).
        cl = Median(base);
        limit_centre = Mean(base);
        sigma = std::sqrt(*limit_centre * (*limit_centre + 1));
        break;
      }
      case ChartType::kT: {
        // Times between events: an I chart of y^(1/3.6), centre and limits taken back by the
        // power 3.6 (qicharts2; Nelson 1994).
        std::vector<double> transformed;
        Values t(values.size());
        for (std::size_t k = 0; k < plotted.size(); ++k) {
          if (plotted[k]) {
            t[part.begin + k] = ToT(*plotted[k]);
          }
        }
        transformed.reserve(base.size());
        for (double b : base) {
          transformed.push_back(ToT(b));
        }
        limit_centre = Mean(transformed);
        cl = FromT(*limit_centre);
        if (auto amr =
                AverageMovingRange(BaselineMovingRanges(t, d.points, part), d.mr_screening)) {
          sigma = *amr / kD2;
        }
        break;
      }
      case ChartType::kC:
        // Counts: centre the mean, sigma its square root (Montgomery 2012, §7.3.1).
        cl = Mean(base);
        sigma = std::sqrt(*cl);
        break;
      case ChartType::kP:
      case ChartType::kPP:
      case ChartType::kU:
      case ChartType::kUP: {
        // Proportions and rates: centre Σy/Σn over the baseline, never the mean of the
        // ratios; sigma √(p̄(1−p̄)/n_i) or √(ū/n_i) with each point's own n (Montgomery 2012,
        // §7.2.1, §7.3.3).
        double numerator = 0;
        double denominator = 0;
        for (std::size_t k = 0; k < plotted.size(); ++k) {
          const ChartPoint& point = d.points[part.begin + k];
          if (sums[part.begin + k] && point.baseline && point.include) {
            numerator += sums[part.begin + k]->first;
            denominator += sums[part.begin + k]->second;
          }
        }
        cl = numerator / denominator;
        const bool proportion = type == ChartType::kP || type == ChartType::kPP;
        for (std::size_t k = 0; k < plotted.size(); ++k) {
          if (sums[part.begin + k]) {
            const double n = sums[part.begin + k]->second;
            sigmas[k] = std::sqrt((proportion ? *cl * (1 - *cl) : *cl) / n);
          }
        }
        if (type == ChartType::kPP || type == ChartType::kUP) {
          // Laney's p′ and u′: each σ_i times σ_z, the spread of z_i = (y_i − centre)/σ_i
          // between points, from the screened average moving range of z over d2 (Laney DB.
          // Improved control charts for attributes. Qual Eng 2002;14(4):531-7).
          Values z(values.size());
          for (std::size_t k = 0; k < plotted.size(); ++k) {
            if (plotted[k] && sigmas[k] && *sigmas[k] > 0) {
              z[part.begin + k] = (*plotted[k] - *cl) / *sigmas[k];
            }
          }
          const auto amr =
              AverageMovingRange(BaselineMovingRanges(z, d.points, part), d.mr_screening);
          for (auto& s_i : sigmas) {
            if (s_i) {
              s_i = amr ? std::optional(*s_i * *amr / kD2) : std::nullopt;
            }
          }
        }
        break;
      }
      default:  // kMR: centre the mean moving range, never screened; UCL = D4 · centre
        cl = Mean(base);
        break;
    }
  }
  return out;
}

}  // namespace covalue::analytics::spc
