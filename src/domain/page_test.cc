#include "domain/page.h"

#include <gtest/gtest.h>

namespace covalue {
namespace {

TEST(MakePage, AnExtraRowMeansANextPageStartingAfterTheLastItem) {
  std::vector<Site> rows = {{1, "a", "SE"}, {2, "b", "SE"}, {3, "c", "SE"}};
  auto page = MakePage(rows, 2, [](const Site& s) { return s.id; });
  ASSERT_EQ(page.items.size(), 2U);
  ASSERT_TRUE(page.next.has_value());
  EXPECT_EQ(*page.next, 2);
}

TEST(MakePage, NoExtraRowMeansTheLastPage) {
  std::vector<Site> rows = {{1, "a", "SE"}, {2, "b", "SE"}};
  auto page = MakePage(rows, 2, [](const Site& s) { return s.id; });
  EXPECT_EQ(page.items.size(), 2U);
  EXPECT_FALSE(page.next.has_value());
}

}  // namespace
}  // namespace covalue
