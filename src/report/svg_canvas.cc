#include "report/svg_canvas.h"

#include <fmt/format.h>

#include "report/export.h"

namespace covalue::report {
namespace {

std::string Points(const std::vector<std::pair<double, double>>& points) {
  std::string out;
  for (const auto& [x, y] : points) {
    out += fmt::format("{}{:.2f},{:.2f}", out.empty() ? "" : " ", x, y);
  }
  return out;
}

std::string StrokeAttributes(const Stroke& stroke) {
  std::string dash;
  for (double d : stroke.dash) {
    dash += fmt::format("{}{}", dash.empty() ? "" : " ", d);
  }
  return fmt::format(" stroke=\"{}\" stroke-width=\"{}\"{}", stroke.colour, stroke.width,
                     dash.empty() ? "" : " stroke-dasharray=\"" + dash + "\"");
}

}  // namespace

void SvgCanvas::BeginPanel(const std::string& title, const std::string& description) {
  out_ += fmt::format("<g role=\"img\" aria-labelledby=\"t{0} d{0}\">", panels_);
  out_ += fmt::format("<title id=\"t{}\">{}</title>", panels_, EscapeMarkup(title));
  out_ += fmt::format("<desc id=\"d{}\">{}</desc>", panels_, EscapeMarkup(description));
  ++panels_;
}

void SvgCanvas::EndPanel() { out_ += "</g>"; }

void SvgCanvas::Text(double x, double y, double size, bool bold, Anchor anchor,
                     const char* colour, const std::string& text) {
  out_ += fmt::format(
      "<text x=\"{:.2f}\" y=\"{:.2f}\"{} font-size=\"{}\"{} fill=\"{}\">{}</text>", x, y,
      anchor == Anchor::kStart    ? ""
      : anchor == Anchor::kMiddle ? " text-anchor=\"middle\""
                                  : " text-anchor=\"end\"",
      size, bold ? " font-weight=\"600\"" : "", colour, EscapeMarkup(text));
}

void SvgCanvas::Polyline(const std::vector<std::pair<double, double>>& points,
                         const Stroke& stroke) {
  out_ += fmt::format("<polyline points=\"{}\" fill=\"none\"{}/>", Points(points),
                      StrokeAttributes(stroke));
}

void SvgCanvas::Polygon(const std::vector<std::pair<double, double>>& points, const char* fill,
                        double opacity, const Stroke& stroke) {
  out_ += fmt::format("<polygon points=\"{}\" fill=\"{}\" fill-opacity=\"{:.3f}\"{}/>",
                      Points(points), fill, opacity, StrokeAttributes(stroke));
}

void SvgCanvas::Dot(double x, double y, double radius, const char* colour,
                    const std::string& tip) {
  out_ += fmt::format(
      "<circle cx=\"{:.2f}\" cy=\"{:.2f}\" r=\"{:.2f}\" fill=\"{}\"><title>{}</title></circle>", x,
      y, radius, colour, EscapeMarkup(tip));
}

void SvgCanvas::Diamond(double x, double y, double half, const char* colour,
                        const std::string& tip) {
  if (tip.empty()) {  // a legend's sample
    out_ += fmt::format(
        "<path class=\"legend\" d=\"M{:.2f} {:.2f}L{:.2f} {:.2f}L{:.2f} {:.2f}L{:.2f} {:.2f}Z\" "
        "fill=\"{}\"/>",
        x, y - half, x + half, y, x, y + half, x - half, y, colour);
    return;
  }
  out_ += fmt::format(
      "<path class=\"signal\" d=\"M{:.2f} {:.2f}L{:.2f} {:.2f}L{:.2f} {:.2f}L{:.2f} {:.2f}Z\" "
      "fill=\"{}\"><title>{}</title></path>",
      x, y - half, x + half, y, x, y + half, x - half, y, colour, EscapeMarkup(tip));
}

std::string SvgCanvas::Document(double width, double height) {
  return fmt::format(
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
      "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {0} {1}\" width=\"{0}\" "
      "height=\"{1}\" font-family=\"sans-serif\">"
      "<rect width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>{2}</svg>\n",
      width, height, std::move(out_));
}

}  // namespace covalue::report
