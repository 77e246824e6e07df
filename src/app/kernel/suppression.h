#pragma once

#include <cstddef>
#include <vector>

#include "analytics/measure_store.h"
#include "domain/measure.h"

namespace covalue::app {

// The counts of one cell (one period of one site's series) of a measure: its observations and
// the numerator and denominator its kind adds up (analytics/measures.h ContributionOf).
struct CellCounts {
  double count = 0;
  double numerator = 0;
  double denominator = 0;
};

CellCounts CellOf(const analytics::AggregateSeries& series, std::size_t i);

// The one small-cell rule, wherever a measure's numbers leave a site's staff (the community's
// views and previews, FHIR MeasureReports, the team's value profile): a cell is withheld when
// any count that describes people in it is from 1 to min_cell − 1 — its observations, its
// numerator (those meeting a threshold, or the events), its denominator, and the denominator
// (or the observations) less the numerator, so that neither those who meet a threshold nor
// those who do not can be counted when they are few. Zero describes nobody and is shown.
// min_cell 0 or 1 withholds nothing.
bool IsSmallCell(MeasureKind kind, const CellCounts& cell, std::size_t min_cell);

// Complementary suppression across the periods that nest: a quarter is the sum of its three
// months, so a quarter is withheld when any of its months is (else the month would be the
// quarter less the others). months: a series' monthly periods and whether each is withheld;
// returns the quarters (PeriodOf kQuarter) that must be withheld for it. Weeks do not nest in
// months, which is why the community's views are monthly or quarterly only.
std::vector<std::int64_t> QuartersOfSmallMonths(const std::vector<std::int64_t>& months,
                                                const std::vector<bool>& withheld);

}  // namespace covalue::app
