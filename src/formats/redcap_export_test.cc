#include "formats/redcap_export.h"

#include <filesystem>
#include <fstream>
#include <sstream>

#include <gtest/gtest.h>

#include "formats/csv_file.h"
#include "formats/redcap_dictionary.h"

namespace covalue::formats {
namespace {

Questionnaire Phq9Form() {
  std::ifstream in(std::filesystem::path(COVALUE_SOURCE_DIR) / "tests" / "fixtures" / "redcap" /
                       "data_dictionary.csv",
                   std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  auto forms = ReadRedcapDictionary(text.str());
  EXPECT_TRUE(forms.has_value());
  return (*forms)[1].questionnaire;
}

AnswerValue Code(const std::string& code) {
  AnswerValue a;
  a.kind = AnswerValue::Kind::kCoding;
  a.coding.code = code;
  return a;
}

std::vector<std::vector<std::string>> Records(const std::string& csv) {
  std::vector<std::vector<std::string>> out;
  EXPECT_TRUE(ReadCsv(csv, [&](const CsvRecord& r) -> Status {
    out.push_back(r.fields);
    return Ok();
  }));
  return out;
}

TEST(RedcapExport, WritesTheDictionarysFieldsWithCodedValuesAndCheckboxColumns) {
  const Questionnaire q = Phq9Form();
  QuestionnaireResponse done;
  done.status = "completed";
  for (int i = 1; i <= 9; ++i) {
    done.items.push_back({"phq9_" + std::to_string(i), {Code(i == 3 ? "2" : "1")}, {}});
  }
  done.items.push_back({"symptoms", {Code("1"), Code("3")}, {}});
  AnswerValue words;
  words.text = "Headache, \"stabbing\"";
  done.items.push_back({"symptoms_other", {words}, {}});
  QuestionnaireResponse later;
  later.status = "in-progress";
  later.items.push_back({"phq9_1", {Code("0")}, {}});
  const std::string csv =
      WriteRedcapImport(q, {{"VAS-1", done}, {"VAS-2", later}, {"VAS-1", later}});
  EXPECT_NE(csv.find("\r\n"), std::string::npos) << "CRLF";
  const auto rows = Records(csv);
  ASSERT_EQ(rows.size(), 4U);
  const std::vector<std::string>& header = rows[0];
  EXPECT_EQ(header[0], "record_id") << "the dictionary's record-id field";
  EXPECT_EQ(header[1], "redcap_repeat_instrument");
  EXPECT_EQ(header[2], "redcap_repeat_instance");
  EXPECT_EQ(header[3], "phq9_1");
  EXPECT_EQ(header.back(), "phq9_complete");
  const auto column = [&](const std::string& name) {
    return static_cast<std::size_t>(std::find(header.begin(), header.end(), name) - header.begin());
  };
  // Calculated and read-only (sql) fields are REDCap's to compute or keep.
  for (const char* left_out : {"phq9_total", "phq2_total", "site_lookup"}) {
    EXPECT_EQ(column(left_out), header.size()) << left_out;
  }
  for (const char* checkbox : {"symptoms___1", "symptoms___2", "symptoms___3"}) {
    EXPECT_LT(column(checkbox), header.size()) << checkbox;
  }
  const auto& first = rows[1];
  EXPECT_EQ(first[0], "VAS-1");
  EXPECT_EQ(first[1], "phq9");
  EXPECT_EQ(first[2], "1");
  EXPECT_EQ(first[column("phq9_3")], "2");
  EXPECT_EQ(first[column("symptoms___1")], "1");
  EXPECT_EQ(first[column("symptoms___2")], "0");
  EXPECT_EQ(first[column("symptoms___3")], "1");
  EXPECT_EQ(first[column("symptoms_other")], "Headache, \"stabbing\"") << "quoted and back";
  EXPECT_EQ(first[column("phq9_complete")], "2");
  EXPECT_EQ(rows[2][2], "1") << "VAS-2's first";
  EXPECT_EQ(rows[3][2], "2") << "VAS-1's second";
  EXPECT_EQ(rows[3][column("phq9_complete")], "0");
  EXPECT_EQ(rows[3][column("symptoms___1")], "") << "not answered: left empty";
}

}  // namespace
}  // namespace covalue::formats
