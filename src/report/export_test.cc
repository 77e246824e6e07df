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
  app::WorkbookExport Export() const {
    app::WorkbookExport e;
    e.guide = guide_;
    e.view = view_;
    return e;
  }
  Guide guide_;
  app::WorkbookView view_;
};

TEST_F(ExportTest, PrintHtmlHoldsEveryAnswerEscaped) {
  const std::string html = PrintHtml(Export(), "en");
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
  const std::string html = PrintHtml(guide_, "sv");
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
  const std::string md = WorkbookMarkdown(Export(), "en");
  EXPECT_EQ(md.rfind("# Coproduction value: short-form self-assessment\n", 0), 0U);
  EXPECT_NE(md.find("**Who are the people in this population of patients"), std::string::npos);
  EXPECT_NE(md.find("Answer to short.population"), std::string::npos);
  EXPECT_NE(md.find("_No answer yet._"), std::string::npos);
}

TEST_F(ExportTest, TheSpreadsheetIsAZipFile) {
  auto bytes = WorkbookXlsx(Export(), "en");
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

  app::WorkbookExport e;
  e.guide = *guide;
  e.view = view;
  const std::string html = PrintHtml(e, "en");
  const auto first = html.find("<h2>Learning-session stamps (1)</h2>");
  const auto second = html.find("<h2>Learning-session stamps (2)</h2>");
  ASSERT_NE(first, std::string::npos);
  ASSERT_NE(second, std::string::npos);
  EXPECT_LT(first, html.find("Learning session 4"));
  EXPECT_LT(html.find("2026-11-05"), second);
  EXPECT_LT(second, html.find("Learning session 5"));
  EXPECT_LT(second, html.find("2026-12-05"));

  const std::string md = WorkbookMarkdown(e, "sv");
  EXPECT_NE(md.find("## Stämplar från lärandeträffar (2)"), std::string::npos);
  EXPECT_NE(md.find("Learning session 5"), std::string::npos);
}

}  // namespace
}  // namespace covalue::report

namespace covalue::report {
namespace {

// A workbook whose answers link a persona (twice), a map and a map the reader may not see: the
// print shows each once under the first answer linking it — the persona with its stratum's
// numbers dated and its texts, the map as a picture with its cost tables — and says why the
// other is not shown; the spreadsheet gains a sheet of personas and one per map with a picture.
class LinkedExportTest : public ExportTest {
 protected:
  void SetUp() override {
    ExportTest::SetUp();
    auto persona_guide = formats::LoadGuideFile(std::filesystem::path(COVALUE_SOURCE_DIR) /
                                                "guides" / "persona.yaml");
    ASSERT_TRUE(persona_guide.has_value()) << persona_guide.error().message;
    e_ = Export();
    e_.persona_guide = *persona_guide;
    e_.read_ms = 1'780'000'000'000;  // 2026-05-28
    e_.view.answers[0].latest->text = "See [Anna](/personas/3) and [the map](/process-maps/8).";
    e_.view.answers[2].latest->text = "[Anna again](/personas/3), [theirs](/process-maps/9)";

    app::PersonaView anna;
    anna.persona = {3, 1, 40, "Anna <26>", false, Id{2}, "Young", 0};
    app::StratumSummary numbers;
    numbers.name = "Young";
    numbers.people = 412;
    numbers.utilisation_per_person_year = 6.25;
    numbers.cost_per_person_year = 12345.678;
    numbers.scores = {{"phq-9", app::Quartiles{11, 7, 15}}};
    anna.numbers = numbers;
    anna.currency = "SEK";
    anna.window_from = "2025-05-28";
    anna.window_to = "2026-05-28";
    app::WorkbookView texts;
    texts.text_visible = true;
    texts.answers.push_back({"portrait", 1, "portrait",
                             AnswerRevision{40, "portrait", 1, "Recently diagnosed; studies.", 1, "lena", 5, std::nullopt},
                             1, ""});
    e_.personas.push_back({3, anna, texts, "", ""});

    ProcessMap map;
    map.id = 8;
    map.name = "MS service";
    map.latest.number = 4;
    map.latest.content.lanes = {{"L1", "Person with MS", Perspective::kPerson}};
    ProcessStep step;
    step.id = "s1";
    step.lane_id = "L1";
    step.title = "Peer group meets";
    step.configuration = ValueConfiguration::kNetwork;
    map.latest.content.steps = {step};
    app::ProcessMapCosts costs;
    costs.currency = "SEK";
    costs.costs.steps = {{"s1", ValueConfiguration::kNetwork, "L1", 100, 80.5, 180.5}};
    costs.costs.by_configuration[2] = 180.5;
    costs.costs.journeys = {{1, "Anna's year", 361}};
    costs.costs.total = 180.5;
    e_.maps.push_back({8, app::ProcessMapView{map, std::nullopt}, costs, ""});
    e_.maps.push_back({9, std::nullopt, std::nullopt, "not shared with you"});
  }
  static std::size_t Count(const std::string& text, const std::string& what) {
    std::size_t n = 0;
    for (auto at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
    return n;
  }
  app::WorkbookExport e_;
};

TEST_F(LinkedExportTest, ThePrintShowsEachLinkedPersonaAndMapOnceWithItsNumbers) {
  const std::string html = PrintHtml(e_, "en");
  EXPECT_EQ(Count(html, "<aside class=\"linked persona\">"), 1U);
  EXPECT_EQ(Count(html, "<aside class=\"linked map\">"), 2U);
  EXPECT_NE(html.find("Persona: Anna &lt;26&gt;"), std::string::npos);
  EXPECT_EQ(html.find("Anna <26>"), std::string::npos);
  EXPECT_NE(html.find("Numbers as of 2026-05-28, over 2025-05-28 – 2026-05-28"), std::string::npos);
  EXPECT_NE(html.find("<td>412</td>"), std::string::npos);
  EXPECT_NE(html.find("<td>12345.68 SEK</td>"), std::string::npos);
  EXPECT_NE(html.find("<td>11.00 (7.00–15.00)</td>"), std::string::npos);
  EXPECT_NE(html.find("Recently diagnosed; studies."), std::string::npos);
  // The map: its picture inline (no XML declaration inside HTML), its step, its costs.
  EXPECT_NE(html.find("<figure class=\"picture\"><svg"), std::string::npos);
  EXPECT_EQ(html.find("<?xml"), std::string::npos);
  EXPECT_NE(html.find("Process map: MS service (revision 4)"), std::string::npos);
  EXPECT_NE(html.find("<th scope=\"row\">Peer group meets</th><td>Person with MS</td><td>network</td><td>100.00</td><td>80.50</td><td>180.50</td>"),
            std::string::npos);
  EXPECT_NE(html.find("Journey, a year: Anna&#39;s year</th><td>361.00"), std::string::npos);
  EXPECT_NE(html.find("Not shown: it is not shared with you."), std::string::npos);
  // Under the answer that links them first: before the second answer's text.
  EXPECT_LT(html.find("Persona: Anna"), html.find("Anna again"));
}

TEST_F(LinkedExportTest, SuppressedNumbersSaySoAndSwedishReadsSwedish) {
  e_.personas[0].persona->numbers->suppressed = true;
  e_.personas[0].persona->numbers->people.reset();
  const std::string html = PrintHtml(e_, "sv");
  EXPECT_NE(html.find("Färre än minsta cellstorlek: visas inte"), std::string::npos);
  EXPECT_EQ(html.find("<td>412</td>"), std::string::npos);
  EXPECT_NE(html.find("Siffror per 2026-05-28"), std::string::npos);
  EXPECT_NE(html.find("<td>nätverk</td>"), std::string::npos);
}

TEST_F(LinkedExportTest, MarkdownCarriesTheCostTablesAndTheSpreadsheetTheirSheets) {
  const std::string md = WorkbookMarkdown(e_, "en");
  EXPECT_NE(md.find("> **Persona: Anna <26>**"), std::string::npos);
  EXPECT_NE(md.find("| Peer group meets | Person with MS | network | 100.00 | 80.50 | 180.50 |"),
            std::string::npos);
  EXPECT_NE(md.find("| Total | 180.50 |"), std::string::npos);
  EXPECT_EQ(Count(md, "> **Persona: Anna"), 1U);

  auto bytes = WorkbookXlsx(e_, "en");
  ASSERT_TRUE(bytes.has_value()) << bytes.error().message;
  // A zip's names are stored in the clear: the answers, the personas, two map sheets and the
  // one map's picture.
  EXPECT_NE(bytes->find("xl/worksheets/sheet4.xml"), std::string::npos);
  EXPECT_EQ(bytes->find("xl/worksheets/sheet5.xml"), std::string::npos);
  EXPECT_NE(bytes->find("xl/media/image1.png"), std::string::npos);
  EXPECT_EQ(bytes->find("xl/media/image2.png"), std::string::npos);
}

}  // namespace
}  // namespace covalue::report
