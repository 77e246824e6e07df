#include "domain/text_diff.h"

#include <gtest/gtest.h>

namespace covalue {
namespace {

TEST(DiffLines, KeepsCommonLinesAndMarksTheChange) {
  const auto diff = DiffLines("About 900 adults.\nMostly women.\nSee registry.",
                              "About 900 adults.\nMostly women under 50.\nSee registry.");
  const std::vector<DiffLine> expected = {{DiffOp::kSame, "About 900 adults."},
                                          {DiffOp::kRemoved, "Mostly women."},
                                          {DiffOp::kAdded, "Mostly women under 50."},
                                          {DiffOp::kSame, "See registry."}};
  EXPECT_EQ(diff, expected);
}

TEST(DiffLines, HandlesEmptySidesAndAppendedLines) {
  EXPECT_EQ(DiffLines("", "a\nb"),
            (std::vector<DiffLine>{{DiffOp::kAdded, "a"}, {DiffOp::kAdded, "b"}}));
  EXPECT_EQ(DiffLines("a", ""), (std::vector<DiffLine>{{DiffOp::kRemoved, "a"}}));
  EXPECT_EQ(
      DiffLines("a\nb", "a\nb\nc"),
      (std::vector<DiffLine>{{DiffOp::kSame, "a"}, {DiffOp::kSame, "b"}, {DiffOp::kAdded, "c"}}));
}

TEST(DiffLines, FindsALongestCommonSubsequence) {
  // The classic example: ABCBDAB against BDCABA has common subsequences of length 4.
  const auto diff = DiffLines("A\nB\nC\nB\nD\nA\nB", "B\nD\nC\nA\nB\nA");
  std::size_t same = 0;
  std::string rebuilt_a;
  std::string rebuilt_b;
  for (const DiffLine& line : diff) {
    same += line.op == DiffOp::kSame ? 1 : 0;
    if (line.op != DiffOp::kAdded) {
      rebuilt_a += line.text;
    }
    if (line.op != DiffOp::kRemoved) {
      rebuilt_b += line.text;
    }
  }
  EXPECT_EQ(same, 4U);
  EXPECT_EQ(rebuilt_a, "ABCBDAB");
  EXPECT_EQ(rebuilt_b, "BDCABA");
}

}  // namespace
}  // namespace covalue
