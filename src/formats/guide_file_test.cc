#include "formats/guide_file.h"

#include <fstream>

#include <gtest/gtest.h>

#include "support/status_matchers.h"
#include "support/temp_dir.h"

namespace covalue::formats {
namespace {

const std::filesystem::path kGuides =  // NOLINT(readability-identifier-naming): a constant
    std::filesystem::path(COVALUE_SOURCE_DIR) / "guides";

std::size_t CountType(const std::vector<GuideItem>& items, GuideItemType type) {
  std::size_t n = 0;
  for (const GuideItem& item : items) {
    n += (item.type == type ? 1 : 0) + CountType(item.items, type);
  }
  return n;
}

TEST(LoadGuides, ReadsTheShippedGuidesInEnglishAndSwedish) {
  auto guides = LoadGuides(kGuides);
  ASSERT_OK(guides);
  ASSERT_EQ(guides->size(), 4U);
  for (const Guide& guide : *guides) {
    EXPECT_EQ(guide.Languages(), (std::vector<std::string>{"en", "sv"})) << guide.id;
    switch (guide.kind) {
      case GuideKind::kFull:
        EXPECT_EQ(guide.id, "coproduction-guide-full");
        EXPECT_EQ(guide.items.size(), 9U);
        EXPECT_EQ(guide.items[1].items.size(), 6U);  // step 2's six population questions
        break;
      case GuideKind::kShortForm:
        EXPECT_EQ(guide.id, "coproduction-guide-short");
        EXPECT_EQ(guide.items.size(), 6U);
        break;
      case GuideKind::kPassport:
        EXPECT_EQ(guide.id, "improvement-passport");
        EXPECT_EQ(CountType(guide.items, GuideItemType::kRating), 6U);
        break;
      case GuideKind::kPersona:
        EXPECT_EQ(guide.id, "persona");
        EXPECT_EQ(CountType(guide.items, GuideItemType::kText), 6U);  // portrait, 4 walks, measures
        break;
    }
  }
}

class MalformedGuideTest : public testing::Test {
 protected:
  // Writes the shipped short form with one line replaced, and loads it.
  Result<Guide> LoadWith(const std::string& from, const std::string& to) {
    std::ifstream in(kGuides / "short-form.yaml");
    std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    const auto at = text.find(from);
    EXPECT_NE(at, std::string::npos) << from;
    text.replace(at, from.size(), to);
    std::ofstream(dir_.File("short-form.yaml")) << text;
    return LoadGuideFile(dir_.File("short-form.yaml"));
  }

  static int LineOf(const std::string& needle) {
    std::ifstream in(kGuides / "short-form.yaml");
    std::string line;
    for (int n = 1; std::getline(in, line); ++n) {
      if (line.find(needle) != std::string::npos) {
        return n;
      }
    }
    return -1;
  }

  void ExpectError(const Result<Guide>& result, int line, const std::string& reason) {
    ASSERT_FALSE(result.has_value());
    EXPECT_EQ(result.error().code, ErrorCode::kInvalidArgument);
    EXPECT_EQ(result.error().message,
              dir_.File("short-form.yaml") + ":" + std::to_string(line) + ": " + reason);
  }

  testing_support::TempDir dir_;
};

TEST_F(MalformedGuideTest, NamesTheLineOfAnUnknownKey) {
  const int line = LineOf("summarises: step-4");
  ExpectError(LoadWith("summarises: step-4", "summarizes: step-4"), line,
              "unknown key 'summarizes' in an item");
}

TEST_F(MalformedGuideTest, NamesTheLineOfADuplicateLinkId) {
  const int line = LineOf("link_id: short.shop");
  ExpectError(LoadWith("link_id: short.shop", "link_id: short.chain"), line,
              "link_id 'short.chain' is used twice");
}

TEST_F(MalformedGuideTest, NamesTheLineOfAnUnknownType) {
  const int line = LineOf("type: text");
  ExpectError(LoadWith("type: text", "type: essay"), line,
              "'essay' is not an item type; use one of group, text, string, choice, rating, date");
}

TEST_F(MalformedGuideTest, NamesTheLineOfAYamlSyntaxError) {
  auto result = LoadWith("  - link_id: short.network", "  - link_id: [short.network");
  ASSERT_FALSE(result.has_value());
  EXPECT_NE(result.error().message.find(dir_.File("short-form.yaml") + ":"), std::string::npos);
}

TEST_F(MalformedGuideTest, NamesAMissingTranslation) {
  const int line = LineOf("link_id: short.access");
  auto result = LoadWith(
      "      sv: Tjänster, verktyg och gemenskaper utanför er egen verksamhet som människor redan "
      "använder, och hur ni knyter an till dem.\n",
      "");
  ExpectError(result, line, "the hint has no 'sv' text");
}

TEST_F(MalformedGuideTest, NamesAShortFormQuestionWithoutAStep) {
  std::filesystem::copy(kGuides / "full-guide.yaml", dir_.File("full-guide.yaml"));
  auto bad = LoadWith("summarises: step-6", "summarises: step-10");
  ASSERT_OK(bad);
  auto set = LoadGuides(dir_.File(""));
  ASSERT_FALSE(set.has_value());
  EXPECT_EQ(set.error().message,
            dir_.File("short-form.yaml") + ":" + std::to_string(LineOf("link_id: short.access")) +
                ": it summarises 'step-10', which is no step of the full guide");
}

TEST(LoadGuideFile, SaysWhenTheFileIsMissing) {
  EXPECT_ERROR(LoadGuideFile("/nonexistent/guide.yaml"), ErrorCode::kNotFound);
}

}  // namespace
}  // namespace covalue::formats
