#include "report/process_map_drawing.h"

#include <algorithm>
#include <map>

#include <fmt/format.h>

#include "report/cairo_canvas.h"
#include "report/svg_canvas.h"

namespace covalue::report {
namespace {

constexpr double kMargin = 20;
constexpr double kLabelWidth = 160;
constexpr double kColumn = 190;
constexpr double kBoxWidth = 165;
constexpr double kBoxHeight = 74;
constexpr double kTop = 96;       // where the first lane starts
constexpr double kLanePad = 14;   // above and below the boxes of a lane
constexpr double kCostRow = 22;

// Okabe–Ito colours, told apart with colour-blindness; the letter tells them apart in grey.
struct Look {
  const char* colour;
  const char* tint;
  const char* letter;
  const char* name;
};
constexpr Look kLooks[] = {{"#0072B2", "#E3F0F8", "C", "chain"},
                           {"#D55E00", "#FBEAE0", "S", "shop"},
                           {"#009E73", "#E0F4EE", "N", "network"},
                           {"#CC79A7", "#F8EBF3", "A", "access"}};
const Look& LookOf(ValueConfiguration c) { return kLooks[static_cast<int>(c)]; }

// Lines of at most `width` characters, cut at spaces, at most `most` of them (an ellipsis ends
// a cut text). Counts UTF-8 characters, not bytes.
std::vector<std::string> Wrap(const std::string& text, std::size_t width, std::size_t most) {
  const auto length = [](const std::string& s) {
    return static_cast<std::size_t>(std::count_if(s.begin(), s.end(), [](char c) {
      return (static_cast<unsigned char>(c) & 0xC0) != 0x80;
    }));
  };
  std::vector<std::string> lines;
  std::string line;
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t end = text.find(' ', start);
    if (end == std::string::npos) end = text.size();
    const std::string word = text.substr(start, end - start);
    start = end + 1;
    if (!line.empty() && length(line) + 1 + length(word) > width) {
      lines.push_back(line);
      line.clear();
    }
    line += (line.empty() ? "" : " ") + word;
  }
  if (!line.empty()) lines.push_back(line);
  if (lines.size() > most) {
    lines.resize(most);
    lines.back() += "…";
  }
  return lines;
}

struct Layout {
  std::vector<double> lane_top;     // per lane
  std::vector<double> lane_height;  // per lane
  std::map<std::string, std::pair<double, double>> box;  // step id → its box's top left
  int columns = 1;
  double grid_bottom = kTop;
};

Layout LayoutOf(const ProcessMapContent& c) {
  Layout layout;
  std::map<std::string, std::size_t> lane_index;
  for (std::size_t i = 0; i < c.lanes.size(); ++i) lane_index[c.lanes[i].id] = i;
  // Steps sharing a lane and a position are stacked.
  std::map<std::pair<std::size_t, int>, int> stacked;
  std::vector<int> depth(c.lanes.size(), 1);
  std::map<std::string, int> level;
  for (const ProcessStep& s : c.steps) {
    const auto lane = lane_index.count(s.lane_id) ? lane_index[s.lane_id] : 0;
    const int n = stacked[{lane, s.position}]++;
    level[s.id] = n;
    depth[lane] = std::max(depth[lane], n + 1);
    layout.columns = std::max(layout.columns, s.position);
  }
  double y = kTop;
  for (std::size_t i = 0; i < c.lanes.size(); ++i) {
    layout.lane_top.push_back(y);
    layout.lane_height.push_back(2 * kLanePad + depth[i] * (kBoxHeight + 8) - 8);
    y += layout.lane_height.back();
  }
  layout.grid_bottom = y;
  for (const ProcessStep& s : c.steps) {
    const auto lane = lane_index.count(s.lane_id) ? lane_index[s.lane_id] : 0;
    layout.box[s.id] = {kMargin + kLabelWidth + (s.position - 1) * kColumn + (kColumn - kBoxWidth) / 2,
                        layout.lane_top[lane] + kLanePad + level[s.id] * (kBoxHeight + 8)};
  }
  return layout;
}

void Rect(Canvas& canvas, double x, double y, double w, double h, const char* fill,
          const Stroke& stroke) {
  canvas.Polygon({{x, y}, {x + w, y}, {x + w, y + h}, {x, y + h}}, fill, 1, stroke);
}

void DrawLegend(Canvas& canvas, double y) {
  double x = kMargin;
  for (const Look& look : kLooks) {
    Rect(canvas, x, y - 11, 16, 16, look.colour, {look.colour, 1, {}});
    canvas.Text(x + 8, y + 1, 11, true, Anchor::kMiddle, "#FFFFFF", look.letter);
    canvas.Text(x + 22, y + 1, 12, false, Anchor::kStart, "#222222", look.name);
    x += 100;
  }
  canvas.Dot(x + 6, y - 3, 5, "#222222", "coproduction active");
  canvas.Text(x + 16, y + 1, 12, false, Anchor::kStart, "#222222", "coproduction active");
  x += 150;
  canvas.Dot(x + 6, y - 3, 5, "#222222", "coproduction opportunity");
  canvas.Dot(x + 6, y - 3, 3, "#FFFFFF", "coproduction opportunity");
  canvas.Text(x + 16, y + 1, 12, false, Anchor::kStart, "#222222", "opportunity");
}

void DrawStep(Canvas& canvas, const ProcessStep& s, double x, double y) {
  const Look& look = LookOf(s.configuration);
  const std::string state =
      s.coproduction == CoproductionState::kNone ? "" : fmt::format(", coproduction {}", CoproductionStateName(s.coproduction));
  canvas.BeginPanel(s.title, fmt::format("{} ({}{})", s.title, look.name, state));
  Rect(canvas, x, y, kBoxWidth, kBoxHeight, look.tint, {look.colour, 1.5, {}});
  Rect(canvas, x, y, 18, 18, look.colour, {look.colour, 1, {}});
  canvas.Text(x + 9, y + 13.5, 12, true, Anchor::kMiddle, "#FFFFFF", look.letter);
  if (s.coproduction != CoproductionState::kNone) {
    canvas.Dot(x + kBoxWidth - 10, y + 10, 5, "#222222", std::string(CoproductionStateName(s.coproduction)));
    if (s.coproduction == CoproductionState::kOpportunity) {
      canvas.Dot(x + kBoxWidth - 10, y + 10, 3, "#FFFFFF", "opportunity");
    }
  }
  const std::vector<std::string> lines = Wrap(s.title, 24, 3);
  double ty = y + 34;
  for (const std::string& line : lines) {
    canvas.Text(x + 8, ty, 12, false, Anchor::kStart, "#111111", line);
    ty += 15;
  }
  canvas.EndPanel();
}

void DrawArrow(Canvas& canvas, std::pair<double, double> from, std::pair<double, double> to) {
  // From the source's right edge (or bottom/top when in one column) to the target's left edge.
  double x1 = from.first + kBoxWidth;
  double y1 = from.second + kBoxHeight / 2;
  double x2 = to.first;
  double y2 = to.second + kBoxHeight / 2;
  if (to.first <= from.first) {  // back or down the same column: from the bottom, into the top
    x1 = from.first + kBoxWidth / 2;
    y1 = from.second + (to.second > from.second ? kBoxHeight : 0);
    x2 = to.first + kBoxWidth / 2 + (to.first < from.first ? 0 : 12);
    y2 = to.second + (to.second > from.second ? 0 : kBoxHeight);
  }
  const Stroke stroke{"#444444", 1.4, {}};
  const double mid = (x1 + x2) / 2;
  if (x2 > x1) {
    canvas.Polyline({{x1, y1}, {mid, y1}, {mid, y2}, {x2, y2}}, stroke);
    canvas.Polygon({{x2, y2}, {x2 - 8, y2 - 4}, {x2 - 8, y2 + 4}}, "#444444", 1, stroke);
  } else {
    canvas.Polyline({{x1, y1}, {x2, y2}}, stroke);
    const double dir = y2 > y1 ? 1 : -1;
    canvas.Polygon({{x2, y2}, {x2 - 4, y2 - 8 * dir}, {x2 + 4, y2 - 8 * dir}}, "#444444", 1, stroke);
  }
}

}  // namespace

PictureSize ProcessMapSize(const ProcessMapPicture& picture) {
  const Layout layout = LayoutOf(*picture.content);
  const double width = std::max(2 * kMargin + kLabelWidth + layout.columns * kColumn, 720.0);
  double height = layout.grid_bottom + kMargin;
  if (picture.costs != nullptr) height += 30 + 6 * kCostRow;
  return {width, height};
}

void DrawProcessMap(const ProcessMapPicture& picture, Canvas& canvas) {
  const ProcessMapContent& c = *picture.content;
  const PictureSize size = ProcessMapSize(picture);
  const Layout layout = LayoutOf(c);
  canvas.BeginPanel(picture.name, fmt::format("A process map of {} steps in {} lanes",
                                              c.steps.size(), c.lanes.size()));
  canvas.Text(kMargin, 32, 18, true, Anchor::kStart, "#111111", picture.name);
  DrawLegend(canvas, 62);
  for (std::size_t i = 0; i < c.lanes.size(); ++i) {
    const double top = layout.lane_top[i];
    const double h = layout.lane_height[i];
    Rect(canvas, kMargin, top, size.width - 2 * kMargin, h, i % 2 ? "#FFFFFF" : "#F6F6F6",
         {"#BBBBBB", 1, {}});
    double ty = top + 22;
    for (const std::string& line : Wrap(c.lanes[i].title, 20, 3)) {
      canvas.Text(kMargin + 8, ty, 13, true, Anchor::kStart, "#222222", line);
      ty += 16;
    }
    canvas.Text(kMargin + 8, ty + 2, 11, false, Anchor::kStart, "#555555",
                std::string(PerspectiveName(c.lanes[i].perspective)));
  }
  for (const Arrow& a : c.arrows) {
    const auto from = layout.box.find(a.from);
    const auto to = layout.box.find(a.to);
    if (from != layout.box.end() && to != layout.box.end()) DrawArrow(canvas, from->second, to->second);
  }
  for (const ProcessStep& s : c.steps) {
    const auto& [x, y] = layout.box.at(s.id);
    DrawStep(canvas, s, x, y);
  }
  if (picture.costs != nullptr) {
    double y = layout.grid_bottom + 30;
    canvas.Text(kMargin, y, 13, true, Anchor::kStart, "#111111",
                fmt::format("Cost per configuration ({})", picture.currency));
    for (const ValueConfiguration v : kValueConfigurations) {
      y += kCostRow;
      const Look& look = LookOf(v);
      Rect(canvas, kMargin, y - 12, 14, 14, look.colour, {look.colour, 1, {}});
      canvas.Text(kMargin + 7, y - 1, 10, true, Anchor::kMiddle, "#FFFFFF", look.letter);
      canvas.Text(kMargin + 22, y, 12, false, Anchor::kStart, "#222222", look.name);
      canvas.Text(kMargin + 260, y, 12, false, Anchor::kEnd, "#222222",
                  fmt::format("{:.0f}", picture.costs->by_configuration[static_cast<int>(v)]));
    }
    y += kCostRow;
    canvas.Text(kMargin + 22, y, 12, true, Anchor::kStart, "#111111", "total");
    canvas.Text(kMargin + 260, y, 12, true, Anchor::kEnd, "#111111",
                fmt::format("{:.0f}", picture.costs->total));
  }
  canvas.EndPanel();
}

std::string ProcessMapSvg(const ProcessMapPicture& picture) {
  SvgCanvas canvas;
  DrawProcessMap(picture, canvas);
  const PictureSize size = ProcessMapSize(picture);
  return canvas.Document(size.width, size.height);
}

Result<std::string> ProcessMapPng(const ProcessMapPicture& picture) {
  const PictureSize size = ProcessMapSize(picture);
  return PngBytes(size.width, size.height, [&](Canvas& c) { DrawProcessMap(picture, c); });
}

Result<std::string> ProcessMapPdf(const ProcessMapPicture& picture) {
  const PictureSize size = ProcessMapSize(picture);
  return PdfBytes(size.width, size.height, [&](Canvas& c) { DrawProcessMap(picture, c); });
}

}  // namespace covalue::report
