#include "report/export.h"

#include <gtest/gtest.h>

#include "formats/guide_file.h"

namespace covalue::report {
namespace {

class ExportTest : public testing::Test {
 protected:
  void SetUp() override {
    auto guide = formats::LoadGuideFile(std::filesystem::path(COVALUE_SOURCE_DIR) / "guides" /
                                        "short-form.yaml");
    ASSERT_TRUE(guide.has_value()) << guide.error().message;
    guide_ = *guide;
    view_.workbook.id = 7;
    view_.team_name = "Västerå MS Team";
    view_.text_visible = true;
    for (const GuideItem& item : guide_.items) {
      AnswerRevision latest{7, item.link_id, 2, "Answer to " + item.link_id,
                            1, "lena",       5, std::nullopt};
      view_.answers.push_back({item.link_id, 1, item.link_id, latest, 2, ""});
    }
    view_.answers[1].latest->text = "<script>alert('x')</script> & more";
  }
  Guide guide_;
  app::WorkbookView view_;
};

TEST_F(ExportTest, PrintHtmlHoldsEveryAnswerEscaped) {
  const std::string html = PrintHtml(guide_, &view_, "en");
  EXPECT_EQ(html.rfind("<!doctype html>", 0), 0U);
  for (const app::WorkbookAnswer& answer : view_.answers) {
    if (answer.link_id != "short.chain") {
      EXPECT_NE(html.find(answer.latest->text), std::string::npos) << answer.link_id;
    }
  }
  EXPECT_EQ(html.find("<script>"), std::string::npos);
  EXPECT_NE(html.find("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; more"),
            std::string::npos);
  EXPECT_NE(html.find("Västerå MS Team"), std::string::npos);
}

TEST_F(ExportTest, TheBlankGuidePrintsQuestionsWithRoomToWriteInSwedish) {
  const std::string html = PrintHtml(guide_, nullptr, "sv");
  EXPECT_NE(html.find("<html lang=\"sv\">"), std::string::npos);
  EXPECT_NE(html.find("Vilka är människorna"), std::string::npos);
  EXPECT_EQ(html.find("Answer to"), std::string::npos);
  std::size_t blanks = 0;
  for (auto at = html.find("class=\"blank\""); at != std::string::npos;
       at = html.find("class=\"blank\"", at + 1)) {
    ++blanks;
  }
  EXPECT_EQ(blanks, 6U);
}

TEST_F(ExportTest, MarkdownHasTheTitleAndEveryQuestionWithItsAnswer) {
  view_.answers[5].latest.reset();
  const std::string md = WorkbookMarkdown(guide_, view_, "en");
  EXPECT_EQ(md.rfind("# Coproduction value: short-form self-assessment\n", 0), 0U);
  EXPECT_NE(md.find("**Who are the people in this population of patients"), std::string::npos);
  EXPECT_NE(md.find("Answer to short.population"), std::string::npos);
  EXPECT_NE(md.find("_No answer yet._"), std::string::npos);
}

TEST_F(ExportTest, TheSpreadsheetIsAZipFile) {
  auto bytes = WorkbookXlsx(guide_, view_, "en");
  ASSERT_TRUE(bytes.has_value()) << bytes.error().message;
  ASSERT_GT(bytes->size(), 1000U);
  EXPECT_EQ(bytes->substr(0, 2), "PK");
}

// The passport's stamps repeat: each learning session's stamp prints as its own section.
TEST(PassportExport, PrintsEachStampInstance) {
  auto guide = formats::LoadGuideFile(std::filesystem::path(COVALUE_SOURCE_DIR) / "guides" /
                                      "improvement-passport.yaml");
  ASSERT_TRUE(guide.has_value()) << guide.error().message;
  const GuideItem* stamp = guide->Find("stamp");
  ASSERT_NE(stamp, nullptr);
  app::WorkbookView view;
  view.text_visible = true;
  for (int instance = 1; instance <= 2; ++instance) {
    for (const GuideItem& item : stamp->items) {
      const std::string key = AnswerKey{item.link_id, instance}.ToString();
      const std::string text = item.type == GuideItemType::kDate
                                   ? "2026-1" + std::to_string(instance) + "-05"
                                   : "Learning session " + std::to_string(instance + 3);
      view.answers.push_back({item.link_id, instance, key,
                              AnswerRevision{1, key, 1, text, 1, "lena", 5, std::nullopt}, 1, ""});
    }
  }
  EXPECT_EQ(view.Instances(*stamp), 2);
  EXPECT_EQ(view.Instances(*guide->Find("cycle.ratings")), 1);
  ASSERT_NE(view.Answer("stamp.date~2"), nullptr);
  EXPECT_EQ(view.Answer("stamp.date~2")->latest->text, "2026-12-05");

  const std::string html = PrintHtml(*guide, &view, "en");
  const auto first = html.find("<h2>Learning-session stamps (1)</h2>");
  const auto second = html.find("<h2>Learning-session stamps (2)</h2>");
  ASSERT_NE(first, std::string::npos);
  ASSERT_NE(second, std::string::npos);
  EXPECT_LT(first, html.find("Learning session 4"));
  EXPECT_LT(html.find("2026-11-05"), second);
  EXPECT_LT(second, html.find("Learning session 5"));
  EXPECT_LT(second, html.find("2026-12-05"));

  const std::string md = WorkbookMarkdown(*guide, view, "sv");
  EXPECT_NE(md.find("## Stämplar från lärandeträffar (2)"), std::string::npos);
  EXPECT_NE(md.find("Learning session 5"), std::string::npos);
}

}  // namespace
}  // namespace covalue::report
