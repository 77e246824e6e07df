#pragma once

#include <string>
#include <utility>
#include <vector>

#include "report/canvas.h"
#include "report/spc_svg.h"

namespace covalue::report {

inline constexpr double kSpcWidth = 720;
inline constexpr double kSpcPanelHeight = 300;

// The panels one above the other, each kSpcPanelHeight high, kSpcWidth wide.
void DrawSpcPanels(const std::vector<SpcPanel>& panels, Canvas& canvas);

}  // namespace covalue::report
