#pragma once

#include <vector>

#include "analytics/measure_store.h"
#include "analytics/spc/chart.h"
#include "domain/measure.h"

namespace covalue::analytics {

// How a measure's observations add up per period and which chart shows them.

// What one observation of value adds to its period: a proportion counts it in the denominator
// and, when it meets the threshold, in the numerator; a rate adds its value as events per
// observation; a count counts the observations that meet the threshold; a continuous measure
// adds the value to the sums. Measures of time or cases between events count their events
// (their charts are drawn from the events themselves, not from period aggregates).
Contribution ContributionOf(const MeasureDefinition& measure, double value);

// p, u, c, i (of the period means), t, g.
spc::ChartType ChartTypeOf(MeasureKind kind);

// The chart's subgroups from a period series, one per period (a period without observations
// is not in the series): numerator of denominator (p, u), the count of events (c), the mean
// (i).
std::vector<spc::Subgroup> SubgroupsOf(const AggregateSeries& series, MeasureKind kind);

}  // namespace covalue::analytics
