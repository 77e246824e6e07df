#pragma once

#include <functional>
#include <string>
#include <vector>

#include "domain/error.h"
#include "report/canvas.h"

namespace covalue::report {

// A drawing of width × height user units, made by draw on a canvas, written through cairo: a PNG
// at twice the size (for print and slides) or a one-page vector PDF. kInvalidArgument naming
// field when path cannot be written.
[[nodiscard]] Status WritePng(double width, double height,
                              const std::function<void(Canvas&)>& draw, const std::string& path,
                              const std::string& field);
[[nodiscard]] Status WritePdf(double width, double height,
                              const std::function<void(Canvas&)>& draw, const std::string& path,
                              const std::string& field);
// A PDF of several pages of width × height points, each drawn in user units scale times
// smaller (a drawing laid out 720 wide fits an A4 page at scale 595/720).
[[nodiscard]] Status WritePdfPages(double width, double height, double scale,
                                   const std::vector<std::function<void(Canvas&)>>& pages,
                                   const std::string& path, const std::string& field);

// The same drawn into memory: PNG bytes at twice the size, or a one-page PDF's bytes.
[[nodiscard]] Result<std::string> PngBytes(double width, double height,
                                           const std::function<void(Canvas&)>& draw);
[[nodiscard]] Result<std::string> PdfBytes(double width, double height,
                                           const std::function<void(Canvas&)>& draw);

}  // namespace covalue::report
