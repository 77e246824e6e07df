#include "http/json/json_body.h"

#include <gtest/gtest.h>

#include "support/status_matchers.h"

namespace covalue::http {
namespace {

TEST(ParseJsonObject, NamesLineAndColumnOfASyntaxError) {
  auto parsed = ParseJsonObject("{\n  \"a\": 1,\n  \"b\": ]\n}");
  ASSERT_FALSE(parsed.has_value());
  EXPECT_EQ(parsed.error().field, "body");
  EXPECT_NE(parsed.error().message.find("line 3, column 8"), std::string::npos)
      << parsed.error().message;
}

TEST(ParseJsonObject, RefusesDeepNestingAndNonObjects) {
  EXPECT_ERROR(ParseJsonObject(R"({"a": [[[[1]]]]})", 3), ErrorCode::kInvalidArgument);
  ASSERT_OK(ParseJsonObject(R"({"a": [[1]]})", 3));
  EXPECT_ERROR(ParseJsonObject("42"), ErrorCode::kInvalidArgument);
  EXPECT_ERROR(ParseJsonObject(""), ErrorCode::kInvalidArgument);
}

TEST(ObjectReader, ReadsTypedMembersAndNamesTheFirstUnknownOne) {
  auto json = nlohmann::json::parse(R"({"name": "x", "n": 3, "a/b": 1})");
  ObjectReader reader(json, "/thing");
  ASSERT_OK(reader.RequiredString("name"));
  auto n = reader.RequiredInt("n");
  ASSERT_OK(n);
  EXPECT_EQ(*n, 3);
  auto finish = reader.Finish();
  ASSERT_FALSE(finish.has_value());
  EXPECT_EQ(finish.error().field, "/thing/a~1b");
}

TEST(ObjectReader, RefusesWrongTypesFractionsAndOverflow) {
  auto json =
      nlohmann::json::parse(R"({"s": 1, "i": 1.5, "big": 18446744073709551615, "null": null})");
  ObjectReader reader(json);
  auto s = reader.RequiredString("s");
  ASSERT_FALSE(s.has_value());
  EXPECT_EQ(s.error().field, "/s");
  EXPECT_ERROR(reader.RequiredInt("i"), ErrorCode::kInvalidArgument);
  EXPECT_ERROR(reader.RequiredInt("big"), ErrorCode::kInvalidArgument);
  auto missing = reader.RequiredString("null");
  ASSERT_FALSE(missing.has_value());
  EXPECT_EQ(missing.error().message, "/null is required");
}

TEST(ReadObjects, NamesTheArrayWhenItHoldsTooManyAndTheEntryThatIsNoObject) {
  const auto read = [](ObjectReader& r) { return r.RequiredString("name"); };
  const auto three = nlohmann::json::parse(R"([{"name": "a"}, {"name": "b"}, {"name": "c"}])");
  auto too_many = ReadObjects<std::string>(three, "/strata", 2, "a stratum is {name}", read);
  ASSERT_FALSE(too_many.has_value());
  EXPECT_EQ(too_many.error().field, "/strata");
  EXPECT_EQ(too_many.error().message, "/strata holds at most 2 entries, not 3");
  auto all = ReadObjects<std::string>(three, "/strata", 3, "a stratum is {name}", read);
  ASSERT_TRUE(all.has_value());
  EXPECT_EQ(*all, (std::vector<std::string>{"a", "b", "c"}));
  const auto odd = nlohmann::json::parse(R"([{"name": "a"}, 7])");
  auto not_object = ReadObjects<std::string>(odd, "/strata", 5, "a stratum is {name}", read);
  ASSERT_FALSE(not_object.has_value());
  EXPECT_EQ(not_object.error().field, "/strata/1");
  EXPECT_EQ(not_object.error().message, "a stratum is {name}");
  auto unknown = ReadObjects<std::string>(nlohmann::json::parse(R"([{"name": "a", "x": 1}])"),
                                          "/strata", 5, "a stratum is {name}", read);
  ASSERT_FALSE(unknown.has_value());
  EXPECT_EQ(unknown.error().field, "/strata/0/x");
}

}  // namespace
}  // namespace covalue::http
