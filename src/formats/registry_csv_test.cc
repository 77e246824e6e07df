#include "formats/registry_csv.h"

#include <gtest/gtest.h>

namespace covalue::formats {
namespace {

TEST(ReadRegistryCsv, ReadsPatientsWithTheirPopulationFieldsAndListsUnreadableLines) {
  auto file = ReadRegistryCsv(
      "Identifier,population_id,birth_date,sex,diagnosis_date,consent,edss,phenotype\n"
      "MRN-1,3,1980-04-02,female,2015-06-01,consented,3.5,relapsing\n"
      "MRN-2,3,1975-01-09,male,,,,\n"
      "MRN-3,three,1975-01-09,male,,,,\n"
      "MRN-4,3,1975-01-09,man,,,,\n"
      "MRN-5,3,1975-01-09,male,,maybe,,\n"
      "\"MRN-6\",3,1975-01-09\n");
  ASSERT_TRUE(file.has_value()) << file.error().message;
  EXPECT_EQ(file->kind, RegistryFileKind::kPatients);
  EXPECT_EQ(file->records, 6U);
  ASSERT_EQ(file->patients.size(), 2U);
  const Patient& first = file->patients[0].patient;
  EXPECT_EQ(file->patients[0].line, 2U);
  EXPECT_EQ(first.identifier, "MRN-1");
  EXPECT_EQ(first.population_id, 3);
  EXPECT_EQ(first.sex, Sex::kFemale);
  EXPECT_EQ(first.consent, Consent::kConsented);
  EXPECT_EQ(first.fields,
            (std::map<std::string, std::string>{{"edss", "3.5"}, {"phenotype", "relapsing"}}));
  EXPECT_EQ(file->patients[1].patient.consent, Consent::kPending);
  EXPECT_TRUE(file->patients[1].patient.fields.empty()) << "empty cells leave fields out";
  ASSERT_EQ(file->rejected.size(), 4U);
  EXPECT_EQ(file->rejected[0].line, 4U);
  EXPECT_EQ(file->rejected[0].column, "population_id");
  EXPECT_EQ(file->rejected[1].column, "sex");
  EXPECT_EQ(file->rejected[2].column, "consent");
  EXPECT_EQ(file->rejected[3].line, 7U);
  EXPECT_EQ(file->rejected[3].reason, "has 3 cells; the header has 8");
}

TEST(ReadRegistryCsv, ReadsObservationsWithDefaultsAndFhirDates) {
  auto file = ReadRegistryCsv(
      "identifier,code,value,effective,unit\n"
      "MRN-1,edss,3.5,2024-05-01,{score}\n"
      "MRN-1,edss,4,2024-11-01T10:30:00+01:00,\n"
      "MRN-1,edss,high,2024-11-01,\n"
      "MRN-1,edss,4,1 May,\n"
      ",edss,4,2024-11-01,\n");
  ASSERT_TRUE(file.has_value()) << file.error().message;
  EXPECT_EQ(file->kind, RegistryFileKind::kObservations);
  ASSERT_EQ(file->observations.size(), 2U);
  const Observation& o = file->observations[1].observation;
  EXPECT_EQ(o.system, kRegistrySystem);
  EXPECT_EQ(o.display, "edss");
  EXPECT_DOUBLE_EQ(o.value, 4);
  // 10:30 at +01:00 is 09:30 UTC on 2024-11-01: 20,028 days after 1970-01-01.
  EXPECT_EQ(o.effective_ms, (20'028LL * 86'400 + 9LL * 3'600 + 30LL * 60) * 1000);
  EXPECT_EQ(file->observations[0].observation.unit, "{score}");
  ASSERT_EQ(file->rejected.size(), 3U);
  EXPECT_EQ(file->rejected[0].column, "value");
  EXPECT_EQ(file->rejected[1].column, "effective");
  EXPECT_EQ(file->rejected[2].column, "identifier");
  EXPECT_EQ(file->rejected[2].line, 6U);
}

TEST(ReadRegistryCsv, RefusesAFileWhoseHeaderNamesNeitherKindOrRepeatsAColumn) {
  auto neither = ReadRegistryCsv("name,age\nPia,44\n");
  ASSERT_FALSE(neither.has_value());
  EXPECT_NE(neither.error().message.find("line 1"), std::string::npos);
  auto twice = ReadRegistryCsv("identifier,code,value,effective,code\n");
  ASSERT_FALSE(twice.has_value());
  EXPECT_NE(twice.error().message.find("'code' appears twice"), std::string::npos);
  EXPECT_FALSE(ReadRegistryCsv("").has_value());
  EXPECT_FALSE(ReadRegistryCsv("identifier,code,value,effective\n\"open,1,2,3\n").has_value());
}

TEST(ReadRegistryCsv, ReportsProgressByLine) {
  std::string text = "identifier,code,value,effective\n";
  for (int i = 0; i < 25'000; ++i) {
    text += "MRN-1,edss,1,2024-01-01\n";
  }
  std::vector<std::size_t> lines;
  auto file = ReadRegistryCsv(text, [&](std::size_t line) { lines.push_back(line); });
  ASSERT_TRUE(file.has_value());
  EXPECT_EQ(lines, (std::vector<std::size_t>{10'001, 20'001}));
}

}  // namespace
}  // namespace covalue::formats
