// A study's files: each sheet as CSV whose numbers read back exactly, file names from sheet
// names, narrowed report tables, a Delphi's sheets against its analysis, and the PDF report's
// pages (a long table runs over several).

#include <gtest/gtest.h>

#include <cstdlib>
#include <regex>

#include "formats/csv_file.h"
#include "report/delphi_sheets.h"
#include "report/sheets.h"
#include "report/study_report.h"

namespace covalue::report {
namespace {

std::vector<std::vector<std::string>> Records(const std::string& csv) {
  std::vector<std::vector<std::string>> out;
  EXPECT_TRUE(formats::ReadCsv(csv, [&](const formats::CsvRecord& r) -> Status {
    out.push_back(r.fields);
    return Ok();
  }));
  return out;
}

std::size_t Pages(const std::string& pdf) {
  const std::regex page(R"(/Type\s*/Page[^s])");
  return static_cast<std::size_t>(
      std::distance(std::sregex_iterator(pdf.begin(), pdf.end(), page), std::sregex_iterator()));
}

TEST(SheetCsv, WritesEveryNumberSoItReadsBackExactly) {
  const double third = 1.0 / 3.0, tiny = 1e-300, big = 12345678901234567.0;
  const Sheet sheet{"Pattern matches", {"left", "value"},
                    {{std::string("importance|all"), third}, {std::string("a, \"b\""), tiny},
                     {std::string(""), big}}};
  const auto records = Records(SheetCsv(sheet));
  ASSERT_EQ(records.size(), 4U);
  EXPECT_EQ(records[0], (std::vector<std::string>{"left", "value"}));
  EXPECT_EQ(std::strtod(records[1][1].c_str(), nullptr), third);
  EXPECT_EQ(records[2][0], "a, \"b\"");
  EXPECT_EQ(std::strtod(records[2][1].c_str(), nullptr), tiny);
  EXPECT_EQ(std::strtod(records[3][1].c_str(), nullptr), big);
  EXPECT_EQ(SheetFileName(sheet), "pattern-matches.csv");
  EXPECT_EQ(SheetFileName(Sheet{"Go-zone", {}, {}}), "go-zone.csv");
}

TEST(Narrowed, KeepsTheChosenColumnsAndRows) {
  const Sheet sheet{"Go-zone", {"group", "x", "statement"},
                    {{std::string("all"), 1.0, std::string("S1")},
                     {std::string("patient"), 2.0, std::string("S1")}},
                    {10, 10, 10}};
  const Sheet narrow = Narrowed(
      sheet, [](const std::string& h) { return h != "x"; },
      [](const std::vector<SheetCell>& row) { return std::get<std::string>(row[0]) == "all"; });
  EXPECT_EQ(narrow.headings, (std::vector<std::string>{"group", "statement"}));
  ASSERT_EQ(narrow.rows.size(), 1U);
  EXPECT_EQ(std::get<std::string>(narrow.rows[0][1]), "S1");
  EXPECT_TRUE(narrow.widths.empty()) << "fitted to the cells in the report";
}

TEST(DelphiSheets, HoldEveryStatisticPerItemRoundAndGroup) {
  research::DelphiPanel panel;
  panel.items = {"D-01"};
  const int first[] = {7, 8, 9, 8, 3, 7};
  for (int p = 0; p < 6; ++p) {
    panel.ratings.push_back({1, "p" + std::to_string(p), p < 3 ? "patient" : "leader", "D-01",
                             first[p]});
    panel.ratings.push_back({2, "p" + std::to_string(p), p < 3 ? "patient" : "leader", "D-01", 8});
  }
  const auto analysis = research::AnalyseDelphi(panel, research::PercentileType::kType7);
  const auto sheets = DelphiSheets(analysis, {{"D-01", "PROM completion"}});
  ASSERT_EQ(sheets.size(), 3U);
  const Sheet& items = sheets[0];
  ASSERT_EQ(items.rows.size(), 6U) << "2 rounds × (all, patient, leader)";
  const auto column = [&](const std::string& name) {
    return static_cast<std::size_t>(
        std::find(items.headings.begin(), items.headings.end(), name) - items.headings.begin());
  };
  const auto& all1 = items.rows[0];
  EXPECT_EQ(std::get<std::string>(all1[column("text")]), "PROM completion");
  EXPECT_EQ(std::get<std::string>(all1[column("group")]), "all");
  EXPECT_EQ(std::get<double>(all1[column("n")]), 6);
  EXPECT_EQ(std::get<double>(all1[column("median")]), 7.5);  // 3 7 7 8 8 9
  EXPECT_EQ(std::get<double>(all1[column("rated_7")]), 2);
  // 5 of 6 rate 7-9 (83 %) but 1 of 6 rates 1-3 (16.7 % > 15 %).
  EXPECT_EQ(std::get<std::string>(all1[column("percent_rule")]), "no_consensus");
  EXPECT_EQ(std::get<std::string>(items.rows[1][column("group")]), "patient");
  const Sheet& stability = sheets[1];
  ASSERT_EQ(stability.rows.size(), 1U);
  EXPECT_EQ(std::get<double>(stability.rows[0][2]), 6) << "n_paired";
  const auto tables = DelphiReportTables(sheets);
  EXPECT_LT(tables[0].headings.size(), items.headings.size());
}

TEST(StudyReport, RunsALongTableOverSeveralPagesAfterTheTitlePage) {
  Sheet long_table{"Statements", {"id", "text"}, {}};
  for (int i = 0; i < 200; ++i) {
    long_table.rows.push_back({std::to_string(i),
                               std::string("A statement long enough to wrap onto a second line "
                                           "of its column in the report's table, at least")});
  }
  Sheet too_wide{"Similarity", {}, {}};
  for (int i = 0; i < 400; ++i) too_wide.headings.push_back("S" + std::to_string(i));
  auto pdf = StudyReportPdf({"A study", {"Its prompt"}, std::nullopt, {long_table, too_wide}});
  ASSERT_TRUE(pdf.has_value()) << pdf.error().message;
  EXPECT_TRUE(pdf->starts_with("%PDF-"));
  const std::size_t pages = Pages(*pdf);
  EXPECT_GE(pages, 1 + 4 + 1) << "title, 200 two-line rows over several pages, the note";
  auto short_pdf = StudyReportPdf({"A study", {}, std::nullopt, {}});
  ASSERT_TRUE(short_pdf.has_value());
  EXPECT_EQ(Pages(*short_pdf), 1U);
}

}  // namespace
}  // namespace covalue::report
