#pragma once

#include <string>

#include "report/canvas.h"

namespace covalue::report {

// SVG with real <text>, a <title> and <desc> per panel (role="img"), and each point's
// explanation as its tooltip. Written by covalue's own code (DESIGN.md §5).
class SvgCanvas final : public Canvas {
 public:
  void BeginPanel(const std::string& title, const std::string& description) override;
  void EndPanel() override;
  void Text(double x, double y, double size, bool bold, Anchor anchor, const char* colour,
            const std::string& text) override;
  void Polyline(const std::vector<std::pair<double, double>>& points,
                const Stroke& stroke) override;
  void Polygon(const std::vector<std::pair<double, double>>& points, const char* fill,
               double opacity, const Stroke& stroke) override;
  void Dot(double x, double y, double radius, const char* colour, const std::string& tip) override;
  void Diamond(double x, double y, double half, const char* colour,
               const std::string& tip) override;

  // The document of what was drawn: width × height user units on white.
  [[nodiscard]] std::string Document(double width, double height);

 private:
  std::string out_;
  int panels_ = 0;
};

}  // namespace covalue::report
