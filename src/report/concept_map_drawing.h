#pragma once

#include <string>

#include "domain/error.h"
#include "report/canvas.h"
#include "research/concept_map/concept_map.h"

namespace covalue::report {

// A concept map's pictures, one panel under the other: the point map (statement ids), the
// cluster map (each cluster's convex hull), the bridging map (dots sized by bridging), and with
// ratings the point-rating map and the cluster-rating map of the first variable (all raters),
// the ladder graph of the first pattern match, and the go-zone of the first two variables (all
// raters), thresholds drawn. The map keeps its aspect ratio.
struct ConceptMapPicture {
  const research::ConceptMapStudy* study = nullptr;
  const research::ConceptMapAnalysis* analysis = nullptr;
  std::string title = "Concept map";
};

inline constexpr double kConceptMapWidth = 720;
inline constexpr double kConceptMapPanelHeight = 640;

// The number of panels the picture has (3 without ratings, up to 7 with them).
[[nodiscard]] int ConceptMapPanels(const ConceptMapPicture& picture);
void DrawConceptMap(const ConceptMapPicture& picture, Canvas& canvas);
// Panel index (0 … ConceptMapPanels − 1) alone, kConceptMapPanelHeight high from y = top.
void DrawConceptMapPanel(const ConceptMapPicture& picture, int index, double top, Canvas& canvas);

// As SVG (real text, a title and description per panel), PNG at twice the size or a PDF.
[[nodiscard]] std::string ConceptMapSvg(const ConceptMapPicture& picture);
[[nodiscard]] Status WriteConceptMapPng(const ConceptMapPicture& picture, const std::string& path,
                                        const std::string& field);
[[nodiscard]] Status WriteConceptMapPdf(const ConceptMapPicture& picture, const std::string& path,
                                        const std::string& field);

}  // namespace covalue::report
