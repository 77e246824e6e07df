#include "report/spc_svg.h"

#include <algorithm>

#include <fmt/format.h>

#include "report/export.h"
#include "report/spc_drawing.h"

namespace covalue::report {
namespace {

std::string Points(const std::vector<std::pair<double, double>>& points) {
  std::string out;
  for (const auto& [x, y] : points) {
    out += fmt::format("{}{:.2f},{:.2f}", out.empty() ? "" : " ", x, y);
  }
  return out;
}

// SVG with real <text>, a <title> and <desc> per panel, and each point's explanation as its
// tooltip.
class SvgCanvas final : public Canvas {
 public:
  void BeginPanel(const std::string& title, const std::string& description) override {
    out_ += fmt::format("<g role=\"img\" aria-labelledby=\"t{0} d{0}\">", panels_);
    out_ += fmt::format("<title id=\"t{}\">{}</title>", panels_, EscapeMarkup(title));
    out_ += fmt::format("<desc id=\"d{}\">{}</desc>", panels_, EscapeMarkup(description));
    ++panels_;
  }
  void EndPanel() override { out_ += "</g>"; }
  void Text(double x, double y, double size, bool bold, Anchor anchor, const char* colour,
            const std::string& text) override {
    out_ += fmt::format(
        "<text x=\"{:.2f}\" y=\"{:.2f}\"{} font-size=\"{}\"{} fill=\"{}\">{}</text>", x, y,
        anchor == Anchor::kStart    ? ""
        : anchor == Anchor::kMiddle ? " text-anchor=\"middle\""
                                    : " text-anchor=\"end\"",
        size, bold ? " font-weight=\"600\"" : "", colour, EscapeMarkup(text));
  }
  void Polyline(const std::vector<std::pair<double, double>>& points,
                const Stroke& stroke) override {
    std::string dash;
    for (double d : stroke.dash) {
      dash += fmt::format("{}{}", dash.empty() ? "" : " ", d);
    }
    out_ +=
        fmt::format("<polyline points=\"{}\" fill=\"none\" stroke=\"{}\" stroke-width=\"{}\"{}/>",
                    Points(points), stroke.colour, stroke.width,
                    dash.empty() ? "" : " stroke-dasharray=\"" + dash + "\"");
  }
  void Dot(double x, double y, double radius, const char* colour, const std::string& tip) override {
    out_ += fmt::format(
        "<circle cx=\"{:.2f}\" cy=\"{:.2f}\" r=\"{}\" fill=\"{}\"><title>{}</title></circle>", x, y,
        radius, colour, EscapeMarkup(tip));
  }
  void Diamond(double x, double y, double half, const char* colour,
               const std::string& tip) override {
    if (tip.empty()) {  // the legend's sample of a signal
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

  std::string Take() { return std::move(out_); }

 private:
  std::string out_;
  int panels_ = 0;
};

}  // namespace

std::string SpcSvg(const std::vector<SpcPanel>& panels) {
  const double height =
      kSpcPanelHeight * static_cast<double>(std::max<std::size_t>(1, panels.size()));
  SvgCanvas canvas;
  DrawSpcPanels(panels, canvas);
  return fmt::format(
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
      "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {0} {1}\" width=\"{0}\" "
      "height=\"{1}\" font-family=\"sans-serif\">"
      "<rect width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>{2}</svg>\n",
      kSpcWidth, height, canvas.Take());
}

}  // namespace covalue::report
