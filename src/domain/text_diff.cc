#include "domain/text_diff.h"

#include <algorithm>
#include <cstdint>

namespace covalue {
namespace {

constexpr std::size_t kMaxCells = 4'000'000;

std::vector<std::string_view> SplitLines(std::string_view text) {
  std::vector<std::string_view> lines;
  if (text.empty()) {
    return lines;
  }
  std::size_t start = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\n') {
      lines.push_back(text.substr(start, i - start));
      start = i + 1;
    }
  }
  if (start < text.size()) {
    lines.push_back(text.substr(start));
  }
  return lines;
}

}  // namespace

std::string_view DiffOpName(DiffOp op) {
  switch (op) {
    case DiffOp::kSame:
      return "same";
    case DiffOp::kRemoved:
      return "removed";
    case DiffOp::kAdded:
      return "added";
  }
  return "same";
}

std::vector<DiffLine> DiffLines(std::string_view a, std::string_view b) {
  const auto x = SplitLines(a);
  const auto y = SplitLines(b);
  const std::size_t n = x.size();
  const std::size_t m = y.size();
  std::vector<DiffLine> out;
  if ((n + 1) * (m + 1) > kMaxCells) {
    for (auto line : x) {
      out.push_back({DiffOp::kRemoved, std::string(line)});
    }
    for (auto line : y) {
      out.push_back({DiffOp::kAdded, std::string(line)});
    }
    return out;
  }
  // lcs[i][j]: the longest common subsequence of x[i..] and y[j..].
  std::vector<std::uint32_t> lcs((n + 1) * (m + 1), 0);
  auto at = [m](std::size_t i, std::size_t j) { return i * (m + 1) + j; };
  for (std::size_t i = n; i-- > 0;) {
    for (std::size_t j = m; j-- > 0;) {
      lcs[at(i, j)] =
          x[i] == y[j] ? lcs[at(i + 1, j + 1)] + 1 : std::max(lcs[at(i + 1, j)], lcs[at(i, j + 1)]);
    }
  }
  std::size_t i = 0;
  std::size_t j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && x[i] == y[j]) {
      out.push_back({DiffOp::kSame, std::string(x[i])});
      ++i;
      ++j;
    } else if (i < n && (j == m || lcs[at(i + 1, j)] >= lcs[at(i, j + 1)])) {
      out.push_back({DiffOp::kRemoved, std::string(x[i])});
      ++i;
    } else {
      out.push_back({DiffOp::kAdded, std::string(y[j])});
      ++j;
    }
  }
  return out;
}

}  // namespace covalue
