#pragma once

#include <cstddef>
#include <vector>

#include "analytics/spc/chart.h"
#include "domain/measure.h"

namespace covalue::analytics::spc {

// The NHS "Making Data Count" rules as NHSRplotthedots 0.2.2 applies them to an XmR chart
// (Making Data Count: Strengthening your decisions, NHS England and NHS Improvement 2019;
// NHSRplotthedots 0.2.2), on one part's points [begin, end) whose centre and limits are set
// (limits mean ± 2.66·AMR, 2σ lines two thirds of the way): a point outside the limits; 7
// points each strictly higher (or lower) than the one before (all 7 flagged; an equal value
// breaks it); 2 of 3 points between the 2σ line and the limit on the same side, all 3 on that
// side of the mean (only those in the band flagged); 7 points on one side of the mean (a point
// on the mean breaks it). A missing point breaks every sequence. Sets each point's signals,
// sigma_signal, runs_signal and explanation; returns whether any point of the part has a
// trend, 2-of-3 or shift signal.
bool ApplyMdcRules(std::vector<ChartPoint>& points, std::size_t begin, std::size_t end);

// What holds for every point of a part of `points` points these rules judged: its limits are
// trial limits when it has fewer than 13 points; else "".
std::string MdcPartNote(std::size_t points);

// Making Data Count's icons for a chart its rules were applied to, as NHSRplotthedots 0.2.2
// names them. Variation, of the latest point with a value: special cause improvement or
// concern when any rule flags it (by the side of the mean it lies on and the direction of
// improvement), else common cause. Assurance, with a target, from the latest part's limits:
// consistently passing (the whole band on the better side of the target), consistently failing
// (on the worse side), or hit and miss (the target within the limits).
enum class Variation { kCommonCause, kImprovement, kConcern };
enum class Assurance { kPass, kFail, kHitAndMiss };
std::string_view VariationName(
    Variation variation);  // "common_cause", "special_cause_improvement", …
std::string_view AssuranceName(
    Assurance assurance);  // "consistent_pass", "consistent_fail", "hit_and_miss"

struct MdcIcons {
  std::optional<Variation> variation;  // absent when no point has a value
  std::optional<Assurance> assurance;  // absent without a target or limits
};
MdcIcons IconsOf(const Chart& chart, Direction direction, std::optional<double> target);

}  // namespace covalue::analytics::spc
