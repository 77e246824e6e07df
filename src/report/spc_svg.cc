#include "report/spc_svg.h"

#include <algorithm>

#include "report/spc_drawing.h"
#include "report/svg_canvas.h"

namespace covalue::report {

std::string SpcSvg(const std::vector<SpcPanel>& panels) {
  SvgCanvas canvas;
  DrawSpcPanels(panels, canvas);
  return canvas.Document(kSpcWidth,
                         kSpcPanelHeight * static_cast<double>(std::max<std::size_t>(1, panels.size())));
}

}  // namespace covalue::report
