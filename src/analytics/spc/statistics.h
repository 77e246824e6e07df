#pragma once

#include <cstddef>
#include <optional>
#include <utility>
#include <vector>

#include "analytics/spc/chart.h"

// The statistics the charts share (internal to analytics/spc).
namespace covalue::analytics::spc {

// Moving-range constants for subgroups of two (Montgomery DC. Introduction to Statistical
// Quality Control, 7th ed. Wiley 2012, Appendix VI): d2 = 1.128, D4 = 3.267.
inline constexpr double kD2 = 1.128;
inline constexpr double kD4 = 3.267;

// NHS Making Data Count's XmR limit factor (NHSRplotthedots 0.2.2): limits mean ± 2.66 · AMR.
inline constexpr double kMdcLimitFactor = 2.66;

using Values = std::vector<std::optional<double>>;

// A subgroup's value for the run, I, MR and Xbar charts: the mean of its rows, or Σy/Σn when
// it has denominators; missing when any cell is, or when it has no rows or no denominator.
std::optional<double> MeanOrRatio(const Subgroup& s);

// The sums of a subgroup's numerators and denominators (denominator 0 when it has none);
// nullopt when a cell is empty or it has no rows.
std::optional<std::pair<double, double>> Sums(const Subgroup& s);

// A subgroup's standard deviation (n − 1 in the denominator); nullopt under two rows.
std::optional<double> StandardDeviation(const Subgroup& s);

// c4(n) = √(2/(n−1))·Γ(n/2)/Γ((n−1)/2), exact (Montgomery 2012, §6.3): E(s) = c4·σ.
double C4(double n);

// The T chart's transformation of times between events to near normality (Nelson LS. Control
// charts for rare events. J Qual Technol 1994;26(4):308-9), and back.
double ToT(double y);
double FromT(double t);

// The median; for an even count the mean of the two middle values.
double Median(std::vector<double> values);
double Mean(const std::vector<double>& values);

// The points of one part: [begin, end) of the chart's points.
struct PartRange {
  std::size_t begin = 0;
  std::size_t end = 0;
};

// The moving ranges of a part's baseline for sigma (y indexed as the chart's points): an
// excluded point is skipped (its neighbours form a range), a missing one breaks the chain
// (qicharts2's convention).
std::vector<double> BaselineMovingRanges(const Values& y, const std::vector<ChartPoint>& points,
                                         PartRange part);

// The average moving range, screened once as Nelson proposed (Nelson LS. Control charts for
// individual measurements. J Qual Technol 1982;14(3):172-3): ranges of at least D4 times the
// average are dropped and the average taken again.
std::optional<double> AverageMovingRange(std::vector<double> ranges, bool screening);

}  // namespace covalue::analytics::spc
