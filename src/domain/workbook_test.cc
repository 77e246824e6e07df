#include "domain/workbook.h"

#include <gtest/gtest.h>

namespace covalue {
namespace {

TEST(AnswerKey, ReadsPlainLinkIdsAsTheFirstInstance) {
  const auto key = ParseAnswerKey("cycle.aim");
  ASSERT_TRUE(key.has_value());
  EXPECT_EQ(key->link_id, "cycle.aim");
  EXPECT_EQ(key->instance, 1);
  EXPECT_EQ(key->ToString(), "cycle.aim");
}

TEST(AnswerKey, ReadsInstancesAndWritesOneSpellingPerKey) {
  const auto second = ParseAnswerKey("stamp.date~2");
  ASSERT_TRUE(second.has_value());
  EXPECT_EQ(second->link_id, "stamp.date");
  EXPECT_EQ(second->instance, 2);
  EXPECT_EQ(second->ToString(), "stamp.date~2");
  EXPECT_EQ(ParseAnswerKey("stamp.date~1")->ToString(), "stamp.date");
  EXPECT_EQ(ParseAnswerKey("stamp.date~500")->instance, kMaxInstances);
}

TEST(AnswerKey, RefusesMalformedInstances) {
  for (const char* bad : {"", "~2", "stamp~", "stamp~0", "stamp~02", "stamp~501", "stamp~1000",
                          "stamp~2x", "stamp~-1", "stamp~2~3"}) {
    EXPECT_FALSE(ParseAnswerKey(bad).has_value()) << bad;
  }
}

}  // namespace
}  // namespace covalue
