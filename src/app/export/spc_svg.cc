#include "app/export/spc_svg.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <optional>

#include <fmt/format.h>

#include "app/export/export.h"

namespace covalue::app {
namespace {

namespace spc = analytics::spc;

constexpr double kWidth = 720;
constexpr double kPanelHeight = 300;
constexpr double kLeft = 64, kRight = 24, kTop = 36, kBottom = 48;
// Distinguishable for common colour-vision deficiencies (Okabe–Ito); signals also differ in
// shape and size, so no meaning rests on colour.
constexpr const char* kLine = "#0072b2";
constexpr const char* kSignal = "#d55e00";
constexpr const char* kInk = "#1b2430";
constexpr const char* kMuted = "#4a5563";

std::string Number(double v) { return fmt::format("{:.6g}", v); }

// A polyline through the points that have a value; nullopt values break it.
std::string Polylines(const std::vector<std::optional<std::pair<double, double>>>& points,
                      const std::string& style) {
  std::string out;
  std::string run;
  std::size_t count = 0;
  const auto flush = [&] {
    if (count > 1) {
      out += fmt::format("<polyline points=\"{}\" fill=\"none\" {}/>", run, style);
    }
    run.clear();
    count = 0;
  };
  for (const auto& p : points) {
    if (!p) {
      flush();
      continue;
    }
    run += fmt::format("{}{:.2f},{:.2f}", run.empty() ? "" : " ", p->first, p->second);
    ++count;
  }
  flush();
  return out;
}

std::string Panel(const SpcPanel& panel, double top) {
  const spc::Chart& chart = *panel.chart;
  const auto& points = chart.points;
  double low = std::numeric_limits<double>::infinity();
  double high = -low;
  for (const spc::ChartPoint& p : points) {
    for (const std::optional<double>& v : {p.y, p.cl, p.lcl, p.ucl, p.target}) {
      if (v) {
        low = std::min(low, *v);
        high = std::max(high, *v);
      }
    }
  }
  if (!std::isfinite(low)) {
    low = 0;
    high = 1;
  }
  const double pad = high > low ? (high - low) * 0.06 : 1;
  low -= pad;
  high += pad;
  const double plot_width = kWidth - kLeft - kRight;
  const double plot_height = kPanelHeight - kTop - kBottom;
  const std::size_t n = points.size();
  const auto x = [&](std::size_t i) {
    return kLeft + (n <= 1 ? plot_width / 2
                           : static_cast<double>(i) * plot_width / static_cast<double>(n - 1));
  };
  const auto y = [&](double v) {
    return top + kTop + plot_height - (v - low) / (high - low) * plot_height;
  };

  std::size_t signals = 0;
  for (const spc::ChartPoint& p : points) {
    signals += p.signals.empty() ? 0 : 1;
  }
  std::string out = fmt::format("<g role=\"img\" aria-labelledby=\"t{0} d{0}\">", top);
  out += fmt::format("<title id=\"t{}\">{}</title>", top, EscapeMarkup(panel.title));
  out += fmt::format("<desc id=\"d{}\">{} points, {} with a signal.</desc>", top, n, signals);
  out += fmt::format(
      "<text x=\"{}\" y=\"{:.2f}\" font-size=\"15\" font-weight=\"600\" fill=\"{}\">{}</text>",
      kLeft, top + 22, kInk, EscapeMarkup(panel.title));
  // The value axis: about five round ticks.
  const double raw_step = (high - low) / 5;
  const double magnitude = std::pow(10, std::floor(std::log10(raw_step)));
  const double step = magnitude * (raw_step / magnitude < 2   ? 2
                                   : raw_step / magnitude < 5 ? 5
                                                              : 10);
  for (double v = std::ceil(low / step) * step; v <= high; v += step) {
    out += fmt::format(
        "<line x1=\"{}\" x2=\"{}\" y1=\"{:.2f}\" y2=\"{:.2f}\" stroke=\"#e3e8ee\"/>"
        "<text x=\"{}\" y=\"{:.2f}\" text-anchor=\"end\" font-size=\"12\" fill=\"{}\">{}</text>",
        kLeft, kLeft + plot_width, y(v), y(v), kLeft - 8, y(v) + 4, kMuted, Number(v));
  }
  // x labels: at most eight, evenly spread.
  const std::size_t every = std::max<std::size_t>(1, (n + 7) / 8);
  for (std::size_t i = 0; i < n; i += every) {
    out += fmt::format(
        "<text x=\"{:.2f}\" y=\"{:.2f}\" text-anchor=\"middle\" font-size=\"12\" "
        "fill=\"{}\">{}</text>",
        x(i), top + kPanelHeight - kBottom + 18, kMuted,
        EscapeMarkup(i < panel.x.size() ? panel.x[i] : std::to_string(i + 1)));
  }
  // Parts: a line where one ends.
  for (std::size_t i = 1; i < n; ++i) {
    if (points[i].part != points[i - 1].part) {
      const double at = (x(i - 1) + x(i)) / 2;
      out += fmt::format(
          "<line x1=\"{0:.2f}\" x2=\"{0:.2f}\" y1=\"{1:.2f}\" y2=\"{2:.2f}\" stroke=\"{3}\" "
          "stroke-dasharray=\"2 3\"/>",
          at, top + kTop, top + kTop + plot_height, kMuted);
    }
  }
  // Centre, limits and target as steps from point to point.
  const auto series = [&](auto member) {
    std::vector<std::optional<std::pair<double, double>>> line;
    for (std::size_t i = 0; i < n; ++i) {
      const std::optional<double> v = member(points[i]);
      if (!v) {
        line.emplace_back();
        continue;
      }
      const double half = n <= 1 ? plot_width / 2 : plot_width / static_cast<double>(n - 1) / 2;
      line.emplace_back(std::pair(std::max(kLeft, x(i) - half), y(*v)));
      line.emplace_back(std::pair(std::min(kLeft + plot_width, x(i) + half), y(*v)));
    }
    return line;
  };
  out += Polylines(series([](const spc::ChartPoint& p) { return p.cl; }),
                   fmt::format("stroke=\"{}\" stroke-width=\"1.5\"", kInk));
  for (auto limit : {&spc::ChartPoint::lcl, &spc::ChartPoint::ucl}) {
    out += Polylines(series([&](const spc::ChartPoint& p) { return p.*limit; }),
                     fmt::format("stroke=\"{}\" stroke-dasharray=\"6 4\"", kMuted));
  }
  out += Polylines(series([](const spc::ChartPoint& p) { return p.target; }),
                   "stroke=\"#009e73\" stroke-dasharray=\"2 3\" stroke-width=\"1.5\"");
  // The data.
  std::vector<std::optional<std::pair<double, double>>> data;
  for (std::size_t i = 0; i < n; ++i) {
    data.push_back(points[i].y ? std::optional(std::pair(x(i), y(*points[i].y))) : std::nullopt);
  }
  out += Polylines(data, fmt::format("stroke=\"{}\" stroke-width=\"2\"", kLine));
  for (std::size_t i = 0; i < n; ++i) {
    const spc::ChartPoint& p = points[i];
    if (!p.y) {
      continue;
    }
    const std::string tip =
        fmt::format("<title>{}: {}. {}</title>",
                    EscapeMarkup(i < panel.x.size() ? panel.x[i] : std::to_string(i + 1)),
                    Number(*p.y), EscapeMarkup(p.explanation));
    if (p.signals.empty()) {
      out += fmt::format("<circle cx=\"{:.2f}\" cy=\"{:.2f}\" r=\"3.5\" fill=\"{}\">{}</circle>",
                         x(i), y(*p.y), kLine, tip);
    } else {
      // A signal: a larger diamond.
      const double cx = x(i), cy = y(*p.y);
      out += fmt::format(
          "<path class=\"signal\" d=\"M{:.2f} {:.2f}L{:.2f} {:.2f}L{:.2f} {:.2f}L{:.2f} {:.2f}Z\" "
          "fill=\"{}\">{}</path>",
          cx, cy - 6, cx + 6, cy, cx, cy + 6, cx - 6, cy, kSignal, tip);
    }
  }
  return out + "</g>";
}

}  // namespace

std::string SpcSvg(const std::vector<SpcPanel>& panels) {
  const double height = kPanelHeight * static_cast<double>(std::max<std::size_t>(1, panels.size()));
  std::string out = fmt::format(
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
      "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {0} {1}\" width=\"{0}\" "
      "height=\"{1}\" font-family=\"sans-serif\">"
      "<rect width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>",
      kWidth, height);
  for (std::size_t i = 0; i < panels.size(); ++i) {
    out += Panel(panels[i], kPanelHeight * static_cast<double>(i));
  }
  return out + "</svg>\n";
}

}  // namespace covalue::app
