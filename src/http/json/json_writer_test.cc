#include "http/json/json_writer.h"

#include <limits>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

namespace covalue::http {
namespace {

// What the writer writes reads back as the same values, in the order written.
TEST(JsonWriter, WritesNestedValuesThatReadBackExactly) {
  JsonWriter w;
  w.BeginObject()
      .Key("a")
      .Number(0.1 + 0.2)
      .Key("b")
      .BeginArray()
      .Int(-7)
      .Bool(true)
      .Null()
      .Optional(std::nullopt)
      .Optional(2.5)
      .BeginObject()
      .EndObject()
      .BeginArray()
      .EndArray()
      .EndArray()
      .Key("s")
      .String("quote \" slash \\ line\n tab\t bell\x07 é")
      .Key("raw")
      .Raw(R"({"x":[1,2]})")
      .Key("inf")
      .Number(std::numeric_limits<double>::infinity())
      .EndObject();
  const std::string text = w.Take();
  const auto doc = nlohmann::ordered_json::parse(text);
  EXPECT_EQ(doc["a"].get<double>(), 0.1 + 0.2) << text;
  EXPECT_EQ(doc["b"].dump(), "[-7,true,null,null,2.5,{},[]]");
  EXPECT_EQ(doc["s"].get<std::string>(), "quote \" slash \\ line\n tab\t bell\x07 é");
  EXPECT_TRUE(doc["inf"].is_null());
  EXPECT_EQ(doc["raw"]["x"].dump(), "[1,2]");
  EXPECT_EQ(doc.begin().key(), "a");
}

}  // namespace
}  // namespace covalue::http
