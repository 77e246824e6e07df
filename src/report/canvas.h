#pragma once

#include <string>
#include <utility>
#include <vector>

namespace covalue::report {

// What charts are drawn with: a layout (spc_drawing.cc, concept_map_drawing.cc) is written once
// against this interface and drawn as SVG (svg_canvas.h) or through cairo as PNG and PDF
// (cairo_canvas.h).
struct Stroke {
  const char* colour = "#000000";
  double width = 1;
  std::vector<double> dash;  // empty: solid
};

enum class Anchor { kStart, kMiddle, kEnd };

class Canvas {
 public:
  virtual ~Canvas() = default;
  // A panel's group: its title and description (kept by SVG for screen readers).
  virtual void BeginPanel(const std::string& title, const std::string& description) = 0;
  virtual void EndPanel() = 0;
  virtual void Text(double x, double y, double size, bool bold, Anchor anchor, const char* colour,
                    const std::string& text) = 0;
  // A line through the points (at least two).
  virtual void Polyline(const std::vector<std::pair<double, double>>& points,
                        const Stroke& stroke) = 0;
  // A closed shape through the points (at least three), filled with colour at opacity (0–1)
  // and outlined with stroke.
  virtual void Polygon(const std::vector<std::pair<double, double>>& points, const char* fill,
                       double opacity, const Stroke& stroke) = 0;
  // A point; tip is its explanation (an SVG tooltip).
  virtual void Dot(double x, double y, double radius, const char* colour,
                   const std::string& tip) = 0;
  // A signal: a diamond of half-diagonal half.
  virtual void Diamond(double x, double y, double half, const char* colour,
                       const std::string& tip) = 0;
};

}  // namespace covalue::report
