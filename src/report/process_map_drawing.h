#pragma once

#include <optional>
#include <string>

#include "domain/error.h"
#include "domain/process_map.h"
#include "report/canvas.h"

namespace covalue::report {

// A process map as a service blueprint: one row per lane (its perspective's title on the left),
// one column per position, each step a box in its configuration's colour with the
// configuration's letter (C chain, S shop, N network, A access, so it reads in greyscale), its
// coproduction state marked (● active, ○ opportunity) and its title; arrows for the hand-offs;
// a legend; and, with costs, the cost per configuration and in total under the map. Each step
// is a panel whose title is the step's whole title (SVG keeps it for screen readers and search).
struct ProcessMapPicture {
  std::string name;
  const ProcessMapContent* content = nullptr;
  const MapCosts* costs = nullptr;  // optional
  std::string currency;
};

struct PictureSize {
  double width = 0;
  double height = 0;
};
[[nodiscard]] PictureSize ProcessMapSize(const ProcessMapPicture& picture);
void DrawProcessMap(const ProcessMapPicture& picture, Canvas& canvas);

[[nodiscard]] std::string ProcessMapSvg(const ProcessMapPicture& picture);
// PNG at twice the size, or a one-page PDF, as bytes.
[[nodiscard]] Result<std::string> ProcessMapPng(const ProcessMapPicture& picture);
[[nodiscard]] Result<std::string> ProcessMapPdf(const ProcessMapPicture& picture);

}  // namespace covalue::report
