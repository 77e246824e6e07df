#include "http/message.h"

#include <gtest/gtest.h>

namespace covalue::http {
namespace {

TEST(ParseQuery, DecodesPercentAndPlusAndKeepsRepeats) {
  auto query = ParseQuery("a=1&name=R%C3%B6d+kula&a=2&empty=&flag&bad=%zz");
  EXPECT_EQ(query.count("a"), 2U);
  EXPECT_EQ(query.find("name")->second, "Röd kula");
  EXPECT_EQ(query.find("empty")->second, "");
  EXPECT_EQ(query.find("flag")->second, "");
  EXPECT_EQ(query.find("bad")->second, "%zz");
}

}  // namespace
}  // namespace covalue::http
