#include "formats/csv_file.h"

#include <gtest/gtest.h>

namespace covalue::formats {
namespace {

std::vector<CsvRecord> ReadAll(std::string_view text) {
  std::vector<CsvRecord> out;
  auto status = ReadCsv(text, [&](const CsvRecord& r) -> Status {
    out.push_back(r);
    return Ok();
  });
  EXPECT_TRUE(status.has_value()) << status.error().message;
  return out;
}

TEST(ReadCsv, ReadsQuotedFieldsAndKnowsTheLineEachRecordStartsOn) {
  const auto records = ReadAll(
      "\xEF\xBB\xBF"
      "a,b,c\r\n\"x, y\",\"two\r\nlines\",\"say \"\"hi\"\"\"\r\n\r\nlast,,\n");
  ASSERT_EQ(records.size(), 3U);
  EXPECT_EQ(records[0].line, 1U);
  EXPECT_EQ(records[0].fields, (std::vector<std::string>{"a", "b", "c"}));
  EXPECT_EQ(records[1].line, 2U);
  EXPECT_EQ(records[1].fields, (std::vector<std::string>{"x, y", "two\r\nlines", "say \"hi\""}));
  EXPECT_EQ(records[2].line, 5U);  // after the quoted line break and a blank line
  EXPECT_EQ(records[2].fields, (std::vector<std::string>{"last", "", ""}));
}

TEST(ReadCsv, ReadsALastRecordWithoutALineEnd) {
  const auto records = ReadAll("a,b\n1,2");
  ASSERT_EQ(records.size(), 2U);
  EXPECT_EQ(records[1].line, 2U);
  EXPECT_EQ(records[1].fields, (std::vector<std::string>{"1", "2"}));
}

TEST(ReadCsv, NamesTheLineOfBrokenQuoting) {
  auto stray = ReadCsv("a,b\n1,2\n3,\"4\"x\n", [](const CsvRecord&) { return Ok(); });
  ASSERT_FALSE(stray.has_value());
  EXPECT_EQ(stray.error().field, "line 3");
  auto open = ReadCsv("a,b\n1,\"never closed\n\n", [](const CsvRecord&) { return Ok(); });
  ASSERT_FALSE(open.has_value());
  EXPECT_NE(open.error().message.find("not closed"), std::string::npos);
}

TEST(ReadCsv, StopsAtTheFirstErrorOfTheCallback) {
  int seen = 0;
  auto status = ReadCsv("a\nb\nc\n", [&](const CsvRecord& r) -> Status {
    ++seen;
    if (r.line == 2) {
      return Fail(ErrorCode::kInvalidArgument, "no b", "line 2");
    }
    return Ok();
  });
  ASSERT_FALSE(status.has_value());
  EXPECT_EQ(status.error().field, "line 2");
  EXPECT_EQ(seen, 2);
}

TEST(CsvRowTest, QuotesWhatNeedsItAndReadsBackTheSame) {
  const std::vector<std::string> fields{"plain", "a,b", "say \"hi\"", "two\nlines", ""};
  const std::string row = CsvRow(fields);
  EXPECT_EQ(row, "plain,\"a,b\",\"say \"\"hi\"\"\",\"two\nlines\",\r\n");
  std::vector<std::string> read;
  ASSERT_TRUE(ReadCsv(row, [&](const CsvRecord& r) {
    read = r.fields;
    return Ok();
  }));
  EXPECT_EQ(read, fields);
}

TEST(CsvRowTest, SpreadsheetSafeCellsNeverStartAFormula) {
  EXPECT_EQ(CsvRow({"=HYPERLINK(\"x\")", "+1", "-2", "@SUM(A1)", "\tx", "ok", "a=b"},
                   CsvCells::kSpreadsheetSafe),
            "\"'=HYPERLINK(\"\"x\"\")\",'+1,'-2,'@SUM(A1),'\tx,ok,a=b\r\n");
  // As it is for files a program reads back: a negative number stays a number.
  EXPECT_EQ(CsvRow({"-2"}), "-2\r\n");
}

}  // namespace
}  // namespace covalue::formats
