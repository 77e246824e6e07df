#pragma once

#include <string>
#include <vector>

#include "domain/error.h"
#include "report/spc_svg.h"

namespace covalue::report {

// The same panels as SpcSvg, drawn by cairo: a PNG at twice the SVG's size (for print and
// slides), or a PDF of vector pages. kInvalidArgument naming field when path cannot be written.
[[nodiscard]] Status WriteSpcPng(const std::vector<SpcPanel>& panels, const std::string& path,
                                 const std::string& field);
[[nodiscard]] Status WriteSpcPdf(const std::vector<SpcPanel>& panels, const std::string& path,
                                 const std::string& field);

}  // namespace covalue::report
