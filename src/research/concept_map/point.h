#pragma once

namespace covalue::research {

// A statement's place on a concept map.
struct Point {
  double x = 0;
  double y = 0;
};

}  // namespace covalue::research
