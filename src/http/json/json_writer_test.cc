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

// Numbers in their shortest exact form: a whole number has no fraction, extremes read back.
TEST(JsonWriter, WritesNumbersShortestAndExact) {
  const double values[] = {33.0, -0.5, 1e21, 5e-324, 1.7976931348623157e308, 0.1, 2.0 / 3};
  JsonWriter w;
  w.BeginArray();
  for (const double v : values) {
    w.Number(v);
  }
  w.Int(std::numeric_limits<std::int64_t>::min()).EndArray();
  const std::string text = w.Take();
  EXPECT_TRUE(text.starts_with("[33,-0.5,")) << text;
  EXPECT_NE(text.find(",0.1,"), std::string::npos) << text;
  const auto doc = nlohmann::json::parse(text);
  for (std::size_t i = 0; i < std::size(values); ++i) {
    EXPECT_EQ(doc[i].get<double>(), values[i]) << text;
  }
  EXPECT_EQ(doc.back().get<std::int64_t>(), std::numeric_limits<std::int64_t>::min());
}

}  // namespace
}  // namespace covalue::http
