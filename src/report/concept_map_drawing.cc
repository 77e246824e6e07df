#include "report/concept_map_drawing.h"

#include <algorithm>
#include <cmath>
#include <functional>
#include <limits>

#include <fmt/format.h>

#include "report/cairo_canvas.h"
#include "report/svg_canvas.h"

namespace covalue::report {
namespace {

using research::ConceptMapAnalysis;
using research::Point;
using XY = std::pair<double, double>;

constexpr const char* kInk = "#222222";
constexpr const char* kGrey = "#8a8a8a";
// Okabe & Ito's colour-blind-safe palette, then four more, repeated past twelve clusters.
constexpr const char* kPalette[] = {"#0072b2", "#e69f00", "#009e73", "#cc79a7", "#56b4e9",
                                    "#d55e00", "#f0e442", "#000000", "#7f3c8d", "#3969ac",
                                    "#80ba5a", "#a5aa99"};
const char* ColourOf(std::size_t cluster) { return kPalette[(cluster - 1) % 12]; }

std::string Number(double v) { return fmt::format("{:.2f}", v); }

// The map's points placed in a panel's plot area, one scale for both axes.
class Frame {
 public:
  Frame(const std::vector<Point>& map, double top) : top_(top) {
    double x0 = std::numeric_limits<double>::infinity(), x1 = -x0, y0 = x0, y1 = -x0;
    for (const Point& p : map) {
      x0 = std::min(x0, p.x);
      x1 = std::max(x1, p.x);
      y0 = std::min(y0, p.y);
      y1 = std::max(y1, p.y);
    }
    const double span = std::max({x1 - x0, y1 - y0, 1e-12});
    scale_ = kSide / span;
    cx_ = (x0 + x1) / 2;
    cy_ = (y0 + y1) / 2;
  }
  [[nodiscard]] XY At(const Point& p) const {
    return {kConceptMapWidth / 2 + (p.x - cx_) * scale_,
            top_ + 60 + kSide / 2 - (p.y - cy_) * scale_};  // y up
  }

 private:
  static constexpr double kSide = 520;
  double top_;
  double scale_ = 1;
  double cx_ = 0;
  double cy_ = 0;
};

// The convex hull (Andrew's monotone chain), counter-clockwise.
std::vector<XY> Hull(std::vector<XY> points) {
  std::sort(points.begin(), points.end());
  points.erase(std::unique(points.begin(), points.end()), points.end());
  if (points.size() < 3) return points;
  const auto cross = [](const XY& o, const XY& a, const XY& b) {
    return (a.first - o.first) * (b.second - o.second) - (a.second - o.second) * (b.first - o.first);
  };
  std::vector<XY> hull(2 * points.size());
  std::size_t k = 0;
  for (const XY& p : points) {
    while (k >= 2 && cross(hull[k - 2], hull[k - 1], p) <= 0) --k;
    hull[k++] = p;
  }
  for (std::size_t i = points.size() - 1, lower = k + 1; i-- > 0;) {
    while (k >= lower && cross(hull[k - 2], hull[k - 1], points[i]) <= 0) --k;
    hull[k++] = points[i];
  }
  hull.resize(k - 1);
  return hull;
}

struct Panel {
  std::string title;
  std::string description;
  std::function<void(Canvas&, double top)> draw;
};

void Heading(Canvas& canvas, double top, const std::string& title, const std::string& note) {
  canvas.Text(24, top + 28, 16, true, Anchor::kStart, kInk, title);
  canvas.Text(24, top + 48, 11, false, Anchor::kStart, kGrey, note);
}

// Each cluster's hull: filled at opacity(cluster) and outlined.
void Hulls(Canvas& canvas, const ConceptMapAnalysis& a, const Frame& frame,
           const std::function<double(std::size_t)>& opacity) {
  for (std::size_t c = 1; c <= a.k; ++c) {
    std::vector<XY> members;
    for (std::size_t i = 0; i < a.map.size(); ++i) {
      if (a.clusters[i] == c) members.push_back(frame.At(a.map[i]));
    }
    const auto hull = Hull(members);
    if (hull.size() >= 3) {
      canvas.Polygon(hull, ColourOf(c), opacity(c), {ColourOf(c), 1.2, {}});
    } else if (hull.size() == 2) {
      canvas.Polyline(hull, {ColourOf(c), 1.2, {}});
    }
  }
}

Point Centroid(const ConceptMapAnalysis& a, std::size_t c) {
  Point sum;
  double n = 0;
  for (std::size_t i = 0; i < a.map.size(); ++i) {
    if (a.clusters[i] != c) continue;
    sum.x += a.map[i].x;
    sum.y += a.map[i].y;
    n += 1;
  }
  return {sum.x / n, sum.y / n};
}

const research::RatingSeries* FirstSeries(const ConceptMapAnalysis& a) {
  for (const auto& s : a.rating.series) {
    if (s.group == "all") return &s;
  }
  return nullptr;
}

// The panels' drawings capture the study and analysis by reference (the picture's, which outlive
// the drawing) and copy everything local.
std::vector<Panel> PanelsOf(const ConceptMapPicture& picture) {
  const research::ConceptMapStudy& study = *picture.study;
  const ConceptMapAnalysis& a = *picture.analysis;
  const std::size_t n = study.statements.size();
  std::vector<Panel> panels;
  const std::string stress = fmt::format("stress-1 {:.4f} (non-metric MDS, primary ties{})",
                                         a.stress1, a.map_given ? ", the given map" : "");
  panels.push_back(
      {picture.title + ": point map",
       fmt::format("{} statements placed by {} sorters' piles; nearer means sorted together more "
                   "often; {}.",
                   n, a.n_sorters, stress),
       [&, n, stress](Canvas& canvas, double top) {
         Heading(canvas, top, picture.title + ": point map", stress);
         const Frame frame(a.map, top);
         for (std::size_t i = 0; i < n; ++i) {
           const auto [x, y] = frame.At(a.map[i]);
           canvas.Dot(x, y, 3.5, kInk, study.statements[i]);
           canvas.Text(x + 5, y - 4, 9, false, Anchor::kStart, kGrey, study.statements[i]);
         }
       }});
  panels.push_back(
      {picture.title + ": cluster map",
       fmt::format("{} clusters by Ward's method on the map (k = {}; best silhouette k = {}, WSS "
                   "rule k = {}).",
                   a.k, a.k, a.k_best_silhouette, a.k_wss_rule),
       [&, n](Canvas& canvas, double top) {
         Heading(canvas, top, picture.title + ": cluster map",
                 fmt::format("Ward's clusters, k = {} (hints: silhouette {}, WSS rule {})", a.k,
                             a.k_best_silhouette, a.k_wss_rule));
         const Frame frame(a.map, top);
         Hulls(canvas, a, frame, [](std::size_t) { return 0.12; });
         for (std::size_t i = 0; i < n; ++i) {
           const auto [x, y] = frame.At(a.map[i]);
           canvas.Dot(x, y, 3.5, ColourOf(a.clusters[i]),
                      fmt::format("{} (cluster {})", study.statements[i], a.clusters[i]));
         }
         for (std::size_t c = 1; c <= a.k; ++c) {
           const auto [x, y] = frame.At(Centroid(a, c));
           canvas.Text(x, y, 14, true, Anchor::kMiddle, kInk, std::to_string(c));
         }
       }});
  panels.push_back(
      {picture.title + ": bridging map",
       "Dots sized by bridging (0–1): how far a statement lies from those sorters put it with; "
       "low anchors its region, high bridges to others.",
       [&, n](Canvas& canvas, double top) {
         Heading(canvas, top, picture.title + ": bridging map",
                 "dot size: bridging 0–1 (the distance to the statements sorted with it, "
                 "normalised); cluster bridging beside each number");
         const Frame frame(a.map, top);
         Hulls(canvas, a, frame, [](std::size_t) { return 0.06; });
         for (std::size_t i = 0; i < n; ++i) {
           const auto [x, y] = frame.At(a.map[i]);
           canvas.Dot(x, y, 2 + 9 * a.bridging[i], ColourOf(a.clusters[i]),
                      fmt::format("{}: bridging {}", study.statements[i], Number(a.bridging[i])));
         }
         for (std::size_t c = 1; c <= a.k; ++c) {
           const auto [x, y] = frame.At(Centroid(a, c));
           canvas.Text(x, y, 12, true, Anchor::kMiddle, kInk,
                       fmt::format("{} ({})", c, Number(a.cluster_bridging[c - 1])));
         }
       }});
  const research::RatingSeries* series = FirstSeries(a);
  if (series == nullptr) {
    return panels;
  }
  panels.push_back(
      {picture.title + ": point-rating map",
       fmt::format("Dots sized by each statement's mean {} (all raters).", series->variable),
       [&, n, series](Canvas& canvas, double top) {
         Heading(canvas, top, picture.title + ": point-rating map",
                 fmt::format("dot size: mean {} of all raters", series->variable));
         const Frame frame(a.map, top);
         Hulls(canvas, a, frame, [](std::size_t) { return 0.05; });
         double low = std::numeric_limits<double>::infinity(), high = -low;
         for (const auto& s : series->statements) {
           if (s.mean) {
             low = std::min(low, *s.mean);
             high = std::max(high, *s.mean);
           }
         }
         for (std::size_t i = 0; i < n; ++i) {
           const auto [x, y] = frame.At(a.map[i]);
           const auto& mean = series->statements[i].mean;
           const double r = mean && high > low ? 2 + 9 * (*mean - low) / (high - low) : 4;
           canvas.Dot(x, y, r, mean ? ColourOf(a.clusters[i]) : kGrey,
                      fmt::format("{}: {} {}", study.statements[i], series->variable,
                                  mean ? Number(*mean) : "not rated"));
         }
       }});
  panels.push_back(
      {picture.title + ": cluster-rating map",
       fmt::format("Clusters shaded by the mean of their statements' mean {} (all raters).",
                   series->variable),
       [&, n, series](Canvas& canvas, double top) {
         Heading(canvas, top, picture.title + ": cluster-rating map",
                 fmt::format("shade and number: the mean of statement means of {}",
                             series->variable));
         const Frame frame(a.map, top);
         double low = std::numeric_limits<double>::infinity(), high = -low;
         for (const auto& m : series->cluster_mean_of_statement_means) {
           if (m) {
             low = std::min(low, *m);
             high = std::max(high, *m);
           }
         }
         const auto& means = series->cluster_mean_of_statement_means;
         Hulls(canvas, a, frame, [&](std::size_t c) {
           const auto& m = means[c - 1];
           return m && high > low ? 0.08 + 0.5 * (*m - low) / (high - low) : 0.08;
         });
         for (std::size_t c = 1; c <= a.k; ++c) {
           const auto [x, y] = frame.At(Centroid(a, c));
           const auto& m = means[c - 1];
           canvas.Text(x, y, 13, true, Anchor::kMiddle, kInk,
                       fmt::format("{}: {}", c, m ? Number(*m) : "–"));
         }
       }});
  if (!a.rating.pattern_matches.empty()) {
    const research::PatternMatch& match = a.rating.pattern_matches.front();
    const auto side = [&](const std::string& key) {
      return std::find_if(a.rating.series.begin(), a.rating.series.end(),
                          [&](const auto& s) { return s.Key() == key; });
    };
    panels.push_back(
        {picture.title + ": pattern match",
         fmt::format("Ladder graph of the clusters' mean of statement means: {} (left) against "
                     "{} (right); Pearson r = {}.",
                     match.left, match.right,
                     match.r_mean_of_statement_means ? Number(*match.r_mean_of_statement_means)
                                                     : "undefined"),
         [&, match, side](Canvas& canvas, double top) {
           Heading(canvas, top, picture.title + ": pattern match (ladder graph)",
                   fmt::format("{} against {}: r = {}", match.left, match.right,
                               match.r_mean_of_statement_means
                                   ? Number(*match.r_mean_of_statement_means)
                                   : "undefined"));
           const auto& left = side(match.left)->cluster_mean_of_statement_means;
           const auto& right = side(match.right)->cluster_mean_of_statement_means;
           double low = std::numeric_limits<double>::infinity(), high = -low;
           for (const auto* rail : {&left, &right}) {
             for (const auto& m : *rail) {
               if (m) {
                 low = std::min(low, *m);
                 high = std::max(high, *m);
               }
             }
           }
           if (!(high > low)) high = low + 1;
           const double y0 = top + 100, y1 = top + 600, xl = 220, xr = 500;
           const auto y = [&](double v) { return y1 - (v - low) / (high - low) * (y1 - y0); };
           canvas.Polyline({{xl, y0}, {xl, y1}}, {kGrey, 1, {}});
           canvas.Polyline({{xr, y0}, {xr, y1}}, {kGrey, 1, {}});
           canvas.Text(xl, y0 - 16, 12, true, Anchor::kMiddle, kInk, match.left);
           canvas.Text(xr, y0 - 16, 12, true, Anchor::kMiddle, kInk, match.right);
           canvas.Text(xl - 8, y0 + 4, 10, false, Anchor::kEnd, kGrey, Number(high));
           canvas.Text(xl - 8, y1 + 4, 10, false, Anchor::kEnd, kGrey, Number(low));
           for (std::size_t c = 1; c <= a.k; ++c) {
             const auto& l = left[c - 1];
             const auto& r = right[c - 1];
             if (l && r) canvas.Polyline({{xl, y(*l)}, {xr, y(*r)}}, {ColourOf(c), 1.5, {}});
             if (l) {
               canvas.Text(xl - 40, y(*l) + 4, 10, false, Anchor::kEnd, ColourOf(c),
                           fmt::format("cluster {} ({})", c, Number(*l)));
             }
             if (r) {
               canvas.Text(xr + 8, y(*r) + 4, 10, false, Anchor::kStart, ColourOf(c),
                           fmt::format("cluster {} ({})", c, Number(*r)));
             }
           }
         }});
  }
  if (!a.rating.go_zones.empty()) {
    const research::GoZone& zone = a.rating.go_zones.front();
    const auto of = [&](const std::string& variable) {
      return std::find_if(a.rating.series.begin(), a.rating.series.end(), [&](const auto& s) {
               return s.variable == variable && s.group == zone.group;
             })->statements;
    };
    panels.push_back(
        {picture.title + ": go-zone",
         fmt::format("Statements by mean {} (x) and mean {} (y), all raters; the lines are the "
                     "means of statement means; go is strictly above both.",
                     zone.x, zone.y),
         [&, n, zone, of](Canvas& canvas, double top) {
           Heading(canvas, top, picture.title + ": go-zone",
                   fmt::format("x: mean {}; y: mean {}; lines at the means of statement means; "
                               "r = {}",
                               zone.x, zone.y, zone.pearson_r ? Number(*zone.pearson_r) : "–"));
           const auto xs = of(zone.x);
           const auto ys = of(zone.y);
           double x0 = std::numeric_limits<double>::infinity(), x1 = -x0, y0 = x0, y1 = -x0;
           for (std::size_t i = 0; i < n; ++i) {
             if (!xs[i].mean || !ys[i].mean) continue;
             x0 = std::min(x0, *xs[i].mean);
             x1 = std::max(x1, *xs[i].mean);
             y0 = std::min(y0, *ys[i].mean);
             y1 = std::max(y1, *ys[i].mean);
           }
           if (!(x1 > x0)) x1 = x0 + 1;
           if (!(y1 > y0)) y1 = y0 + 1;
           const double left = 90, right = 690, upper = top + 80, lower = top + 600;
           const auto px = [&](double v) { return left + (v - x0) / (x1 - x0) * (right - left); };
           const auto py = [&](double v) { return lower - (v - y0) / (y1 - y0) * (lower - upper); };
           canvas.Polyline({{left, lower}, {right, lower}}, {kGrey, 1, {}});
           canvas.Polyline({{left, lower}, {left, upper}}, {kGrey, 1, {}});
           if (zone.x_threshold) {
             canvas.Polyline({{px(*zone.x_threshold), upper}, {px(*zone.x_threshold), lower}},
                             {kInk, 1, {4, 3}});
           }
           if (zone.y_threshold) {
             canvas.Polyline({{left, py(*zone.y_threshold)}, {right, py(*zone.y_threshold)}},
                             {kInk, 1, {4, 3}});
           }
           canvas.Text(left, lower + 16, 10, false, Anchor::kMiddle, kGrey, Number(x0));
           canvas.Text(right, lower + 16, 10, false, Anchor::kMiddle, kGrey, Number(x1));
           canvas.Text(left - 6, lower, 10, false, Anchor::kEnd, kGrey, Number(y0));
           canvas.Text(left - 6, upper + 4, 10, false, Anchor::kEnd, kGrey, Number(y1));
           canvas.Text((left + right) / 2, lower + 32, 12, false, Anchor::kMiddle, kInk, zone.x);
           canvas.Text(left, upper - 14, 12, false, Anchor::kStart, kInk, zone.y);
           canvas.Text(right, upper + 12, 12, true, Anchor::kEnd, "#009e73", "go");
           for (std::size_t i = 0; i < n; ++i) {
             if (!zone.quadrant[i]) continue;
             const bool go = *zone.quadrant[i] == research::Quadrant::kGo;
             canvas.Dot(px(*xs[i].mean), py(*ys[i].mean), go ? 4.5 : 3,
                        go ? "#009e73" : kGrey,
                        fmt::format("{}: {} {}, {} {} ({})", study.statements[i], zone.x,
                                    Number(*xs[i].mean), zone.y, Number(*ys[i].mean),
                                    research::QuadrantName(*zone.quadrant[i])));
           }
         }});
  }
  return panels;
}

double HeightOf(const ConceptMapPicture& picture) {
  return kConceptMapPanelHeight * ConceptMapPanels(picture);
}

}  // namespace

int ConceptMapPanels(const ConceptMapPicture& picture) {
  return static_cast<int>(PanelsOf(picture).size());
}

void DrawConceptMap(const ConceptMapPicture& picture, Canvas& canvas) {
  double top = 0;
  for (const Panel& panel : PanelsOf(picture)) {
    canvas.BeginPanel(panel.title, panel.description);
    panel.draw(canvas, top);
    canvas.EndPanel();
    top += kConceptMapPanelHeight;
  }
}

void DrawConceptMapPanel(const ConceptMapPicture& picture, int index, double top,
                         Canvas& canvas) {
  const std::vector<Panel> panels = PanelsOf(picture);
  if (index < 0 || static_cast<std::size_t>(index) >= panels.size()) return;
  const Panel& panel = panels[static_cast<std::size_t>(index)];
  canvas.BeginPanel(panel.title, panel.description);
  panel.draw(canvas, top);
  canvas.EndPanel();
}

std::string ConceptMapSvg(const ConceptMapPicture& picture) {
  SvgCanvas canvas;
  DrawConceptMap(picture, canvas);
  return canvas.Document(kConceptMapWidth, HeightOf(picture));
}

Status WriteConceptMapPng(const ConceptMapPicture& picture, const std::string& path,
                          const std::string& field) {
  return WritePng(kConceptMapWidth, HeightOf(picture),
                  [&](Canvas& c) { DrawConceptMap(picture, c); }, path, field);
}

Status WriteConceptMapPdf(const ConceptMapPicture& picture, const std::string& path,
                          const std::string& field) {
  return WritePdf(kConceptMapWidth, HeightOf(picture),
                  [&](Canvas& c) { DrawConceptMap(picture, c); }, path, field);
}

}  // namespace covalue::report
