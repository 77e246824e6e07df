#include "formats/spc_table.h"

#include <gtest/gtest.h>

namespace covalue::formats {
namespace {

TEST(ReadSpcTable, GroupsRowsOfTheSameXInXOrderPerFacet) {
  auto facets = ReadSpcTable(
      "ward,month,infections,days\n"
      "B,2024-02-01,3,100\n"
      "A,2024-02-01,1,80\n"
      "A,2024-01-01,2,90\n"
      "A,2024-02-01,4,,\n"
      "B,2024-01-01,,120\n",
      {"month", "infections", "days", "ward"});
  ASSERT_TRUE(facets.has_value()) << facets.error().message;
  ASSERT_EQ(facets->size(), 2U);
  const SpcFacet& a = (*facets)[0];
  EXPECT_EQ(a.name, "A");
  EXPECT_EQ(a.x, (std::vector<std::string>{"2024-01-01", "2024-02-01"}));
  ASSERT_EQ(a.subgroups.size(), 2U);
  EXPECT_EQ(a.subgroups[1].y, (analytics::spc::SubgroupRows{1, 4}));
  EXPECT_EQ(a.subgroups[1].n, (analytics::spc::SubgroupRows{80, std::nullopt}));
  const SpcFacet& b = (*facets)[1];
  EXPECT_EQ(b.subgroups[0].y, (analytics::spc::SubgroupRows{std::nullopt}));
}

TEST(ReadSpcTable, SortsNumbersAsNumbersAndTextAsText) {
  auto numbers = ReadSpcTable("x,y\n10,1\n9,2\n100,3\n", {"x", "y", "", ""});
  ASSERT_TRUE(numbers.has_value());
  EXPECT_EQ((*numbers)[0].x, (std::vector<std::string>{"9", "10", "100"}));
  EXPECT_TRUE((*numbers)[0].numeric_x);
  EXPECT_FALSE((*numbers)[0].name.has_value());
  auto text = ReadSpcTable("x,y\nb,1\na,2\n10,3\n", {"x", "y", "", ""});
  ASSERT_TRUE(text.has_value());
  EXPECT_EQ((*text)[0].x, (std::vector<std::string>{"10", "a", "b"}));
}

TEST(ReadSpcTable, NamesTheLineAndColumnOfABadValue) {
  auto bad = ReadSpcTable("x,y\n1,2\n2,two\n", {"x", "y", "", ""});
  ASSERT_FALSE(bad.has_value());
  EXPECT_EQ(bad.error().message, "line 3, column y: 'two' is not a number");
  auto missing = ReadSpcTable("x,y\n1,2\n", {"x", "count", "", ""});
  ASSERT_FALSE(missing.has_value());
  EXPECT_EQ(missing.error().field, "--y");
  EXPECT_FALSE(ReadSpcTable("x,y\n,2\n", {"x", "y", "", ""}).has_value());
}

}  // namespace
}  // namespace covalue::formats
