#include "app/export/export.h"

#include <gtest/gtest.h>

#include "app/guides/guide_file.h"

namespace covalue::app {
namespace {

class ExportTest : public testing::Test {
 protected:
  void SetUp() override {
    auto guide =
        LoadGuideFile(std::filesystem::path(COVALUE_SOURCE_DIR) / "guides" / "short-form.yaml");
    ASSERT_TRUE(guide.has_value()) << guide.error().message;
    guide_ = *guide;
    view_.workbook.id = 7;
    view_.team_name = "Västerå MS Team";
    view_.text_visible = true;
    for (const GuideItem& item : guide_.items) {
      AnswerRevision latest{7, item.link_id, 2, "Answer to " + item.link_id,
                            1, "lena",       5, std::nullopt};
      view_.answers.push_back({item.link_id, latest, 2, ""});
    }
    view_.answers[1].latest->text = "<script>alert('x')</script> & more";
  }
  Guide guide_;
  WorkbookView view_;
};

TEST_F(ExportTest, PrintHtmlHoldsEveryAnswerEscaped) {
  const std::string html = PrintHtml(guide_, &view_, "en");
  EXPECT_EQ(html.rfind("<!doctype html>", 0), 0U);
  for (const WorkbookAnswer& answer : view_.answers) {
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

}  // namespace
}  // namespace covalue::app
