#include "report/spc_drawing.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <optional>

#include <fmt/format.h>

namespace covalue::report {
namespace {

namespace spc = analytics::spc;

// The plot's margins: the title and the value axis's label above it, the time labels, the time
// axis's label and the legend below it.
constexpr double kLeft = 64, kRight = 24, kTop = 50, kBottom = 84;
// Distinguishable for common colour-vision deficiencies (Okabe–Ito); signals also differ in
// shape and size, so no meaning rests on colour.
constexpr const char* kLine = "#0072b2";
constexpr const char* kSignal = "#d55e00";
constexpr const char* kInk = "#1b2430";
constexpr const char* kMuted = "#4a5563";
constexpr const char* kGrid = "#e3e8ee";
constexpr const char* kTarget = "#009e73";

std::string Number(double v) { return fmt::format("{:.6g}", v); }

// Lines through the points that have a value; nullopt values break them.
void Polylines(Canvas& canvas, const std::vector<std::optional<std::pair<double, double>>>& points,
               const Stroke& stroke) {
  std::vector<std::pair<double, double>> run;
  const auto flush = [&] {
    if (run.size() > 1) {
      canvas.Polyline(run, stroke);
    }
    run.clear();
  };
  for (const auto& p : points) {
    if (p) {
      run.push_back(*p);
    } else {
      flush();
    }
  }
  flush();
}

// The legend in one row at baseline: a sample of each line or mark, then its name; the centre
// line's name carries its value (the last part's, as a chart's reader quotes it).
void Legend(const std::vector<spc::ChartPoint>& points, double baseline, Canvas& canvas) {
  std::optional<double> centre;
  bool target = false;
  bool signal = false;
  for (const spc::ChartPoint& p : points) {
    centre = p.cl ? p.cl : centre;
    target = target || p.target.has_value();
    signal = signal || (p.y && !p.signals.empty());
  }
  double x = kLeft;
  const auto item = [&](const Stroke& sample, const std::string& name) {
    canvas.Polyline({{x, baseline - 4}, {x + 22, baseline - 4}}, sample);
    canvas.Text(x + 28, baseline, 12, false, Anchor::kStart, kInk, name);
    x += 28 + 7.2 * static_cast<double>(name.size()) + 18;
  };
  item({kLine, 2, {}}, "Data");
  item({kInk, 1.5, {}}, centre ? "Centre line (CL = " + Number(*centre) + ")" : "Centre line");
  item({kMuted, 1, {6, 4}}, "Control limits");
  if (target) {
    item({kTarget, 1.5, {2, 3}}, "Target");
  }
  if (signal) {
    canvas.Diamond(x + 11, baseline - 4, 5, kSignal, "");
    canvas.Text(x + 28, baseline, 12, false, Anchor::kStart, kInk, "Signal");
  }
}

void Panel(const SpcPanel& panel, double top, Canvas& canvas) {
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
  const double plot_width = kSpcWidth - kLeft - kRight;
  const double plot_height = kSpcPanelHeight - kTop - kBottom;
  const std::size_t n = points.size();
  const auto x = [&](std::size_t i) {
    return kLeft + (n <= 1 ? plot_width / 2
                           : static_cast<double>(i) * plot_width / static_cast<double>(n - 1));
  };
  const auto y = [&](double v) {
    return top + kTop + plot_height - (v - low) / (high - low) * plot_height;
  };
  const auto label = [&](std::size_t i) {
    return i < panel.x.size() ? panel.x[i] : std::to_string(i + 1);
  };

  std::size_t signals = 0;
  for (const spc::ChartPoint& p : points) {
    signals += p.signals.empty() ? 0 : 1;
  }
  canvas.BeginPanel(panel.title, fmt::format("{} points, {} with a signal.", n, signals));
  canvas.Text(kLeft, top + 22, 15, true, Anchor::kStart, kInk, panel.title);
  canvas.Text(kLeft - 8, top + kTop - 10, 12, false, Anchor::kStart, kMuted, panel.y_label);
  // The value axis: about five round ticks.
  const double raw_step = (high - low) / 5;
  const double magnitude = std::pow(10, std::floor(std::log10(raw_step)));
  const double step = magnitude * (raw_step / magnitude < 2   ? 2
                                   : raw_step / magnitude < 5 ? 5
                                                              : 10);
  for (double v = std::ceil(low / step) * step; v <= high; v += step) {
    canvas.Polyline({{kLeft, y(v)}, {kLeft + plot_width, y(v)}}, {kGrid, 1, {}});
    canvas.Text(kLeft - 8, y(v) + 4, 12, false, Anchor::kEnd, kMuted, Number(v));
  }
  // x labels: at most eight, evenly spread.
  const std::size_t every = std::max<std::size_t>(1, (n + 7) / 8);
  for (std::size_t i = 0; i < n; i += every) {
    canvas.Text(x(i), top + kSpcPanelHeight - kBottom + 18, 12, false, Anchor::kMiddle, kMuted,
                label(i));
  }
  canvas.Text(kLeft + plot_width / 2, top + kSpcPanelHeight - kBottom + 40, 12, false,
              Anchor::kMiddle, kMuted, panel.x_label);
  Legend(points, top + kSpcPanelHeight - 16, canvas);
  // Parts: a line where one ends.
  for (std::size_t i = 1; i < n; ++i) {
    if (points[i].part != points[i - 1].part) {
      const double at = (x(i - 1) + x(i)) / 2;
      canvas.Polyline({{at, top + kTop}, {at, top + kTop + plot_height}}, {kMuted, 1, {2, 3}});
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
  Polylines(canvas, series([](const spc::ChartPoint& p) { return p.cl; }), {kInk, 1.5, {}});
  for (auto limit : {&spc::ChartPoint::lcl, &spc::ChartPoint::ucl}) {
    Polylines(canvas, series([&](const spc::ChartPoint& p) { return p.*limit; }),
              {kMuted, 1, {6, 4}});
  }
  Polylines(canvas, series([](const spc::ChartPoint& p) { return p.target; }),
            {kTarget, 1.5, {2, 3}});
  // The data.
  std::vector<std::optional<std::pair<double, double>>> data;
  for (std::size_t i = 0; i < n; ++i) {
    data.push_back(points[i].y ? std::optional(std::pair(x(i), y(*points[i].y))) : std::nullopt);
  }
  Polylines(canvas, data, {kLine, 2, {}});
  for (std::size_t i = 0; i < n; ++i) {
    const spc::ChartPoint& p = points[i];
    if (!p.y) {
      continue;
    }
    const std::string tip = fmt::format("{}: {}. {}", label(i), Number(*p.y), p.explanation);
    if (p.signals.empty()) {
      canvas.Dot(x(i), y(*p.y), 3.5, kLine, tip);
    } else {
      canvas.Diamond(x(i), y(*p.y), 6, kSignal, tip);  // a signal: a larger diamond
    }
  }
  canvas.EndPanel();
}

}  // namespace

void DrawSpcPanels(const std::vector<SpcPanel>& panels, Canvas& canvas) {
  for (std::size_t i = 0; i < panels.size(); ++i) {
    Panel(panels[i], kSpcPanelHeight * static_cast<double>(i), canvas);
  }
}

}  // namespace covalue::report
