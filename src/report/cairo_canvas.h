#pragma once

#include <functional>
#include <string>

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

}  // namespace covalue::report
