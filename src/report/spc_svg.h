#pragma once

#include <string>
#include <vector>

#include "analytics/spc/chart.h"

namespace covalue::report {

// One chart to draw: what it shows, its points' x labels, the computed chart, and what its axes
// are (qicharts2's xlab and ylab).
struct SpcPanel {
  std::string title;           // "i chart: los", with the facet's name when there is one
  std::vector<std::string> x;  // a label per point
  const analytics::spc::Chart* chart = nullptr;
  std::string x_label = "Time";
  std::string y_label = "Value";
};

// The panels as one SVG document, one chart above the other (small multiples share nothing
// but their width). Each panel carries, as qicharts2's plots do, its title, both axes' labels
// and a legend naming the data, the centre line with its value (the last part's), the control
// limits, the target where there is one and a signal. Real <text> for every label, a <title> and
// <desc> per panel, the data line broken at gaps, centre solid, limits dashed and stepping where
// denominators vary, a target dotted, parts split by a vertical line, and signal points larger in a
// second colour and shape, each with its explanation as a tooltip. Written by covalue's own code
// (DESIGN.md §5).
std::string SpcSvg(const std::vector<SpcPanel>& panels);

}  // namespace covalue::report
