#include "report/spc_cairo.h"

#include <algorithm>

#include "report/cairo_canvas.h"
#include "report/spc_drawing.h"

namespace covalue::report {
namespace {

double HeightOf(const std::vector<SpcPanel>& panels) {
  return kSpcPanelHeight * static_cast<double>(std::max<std::size_t>(1, panels.size()));
}

}  // namespace

Status WriteSpcPng(const std::vector<SpcPanel>& panels, const std::string& path,
                   const std::string& field) {
  return WritePng(kSpcWidth, HeightOf(panels), [&](Canvas& c) { DrawSpcPanels(panels, c); }, path,
                  field);
}

Status WriteSpcPdf(const std::vector<SpcPanel>& panels, const std::string& path,
                   const std::string& field) {
  return WritePdf(kSpcWidth, HeightOf(panels), [&](Canvas& c) { DrawSpcPanels(panels, c); }, path,
                  field);
}

}  // namespace covalue::report
