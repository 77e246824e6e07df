#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace covalue {

enum class DiffOp { kSame, kRemoved, kAdded };

struct DiffLine {
  DiffOp op = DiffOp::kSame;
  std::string text;

  friend bool operator==(const DiffLine&, const DiffLine&) = default;
};

std::string_view DiffOpName(DiffOp op);

// The line-by-line difference from a to b: a longest common subsequence of lines is kept, the
// rest of a removed and the rest of b added, removals before additions at each change. For texts
// whose line counts multiply past 4 million, every line of a is removed and every line of b added.
std::vector<DiffLine> DiffLines(std::string_view a, std::string_view b);

}  // namespace covalue
