// The de-identification rules, each against its definition: ages in five-year bands with 90
// and over together, shifts that are never zero and cover ±N evenly, days moved whole.

#include "domain/research_project.h"

#include <gtest/gtest.h>

#include <map>

#include "domain/dates.h"

namespace covalue {
namespace {

TEST(ResearchProject, ValidatesTitlePurposeAndShift) {
  ResearchProject p{0, "MS outcomes", "", 1, 182, 0};
  EXPECT_TRUE(ValidateResearchProject(p));
  p.shift_days = 0;
  EXPECT_EQ(ValidateResearchProject(p).error().field, "/shift_days");
  p.shift_days = 366;
  EXPECT_EQ(ValidateResearchProject(p).error().field, "/shift_days");
  p.shift_days = 365;
  p.title = "";
  EXPECT_EQ(ValidateResearchProject(p).error().field, "/title");
  p.title = "t";
  p.purpose = std::string(2001, 'x');
  EXPECT_EQ(ValidateResearchProject(p).error().field, "/purpose");
}

TEST(Deidentify, AgesInWholeYearsOnTheBirthday) {
  const std::int64_t day = *ParseDateMs("2026-03-15");
  EXPECT_EQ(deidentify::AgeInYears("1980-03-15", day), 46);
  EXPECT_EQ(deidentify::AgeInYears("1980-03-16", day), 45);
  EXPECT_EQ(deidentify::AgeInYears("2000-02-29", *ParseDateMs("2026-02-28")), 25);
  EXPECT_EQ(deidentify::AgeInYears("2000-02-29", *ParseDateMs("2026-03-01")), 26);
  EXPECT_EQ(deidentify::AgeInYears("2026-03-16", day), std::nullopt) << "not born yet";
  EXPECT_EQ(deidentify::AgeInYears("not a date", day), std::nullopt);
}

TEST(Deidentify, BandsAgesByFiveAndNinetyAndOverTogether) {
  EXPECT_EQ(deidentify::AgeBand(0), "0-4");
  EXPECT_EQ(deidentify::AgeBand(4), "0-4");
  EXPECT_EQ(deidentify::AgeBand(5), "5-9");
  EXPECT_EQ(deidentify::AgeBand(47), "45-49");
  EXPECT_EQ(deidentify::AgeBand(89), "85-89");
  EXPECT_EQ(deidentify::AgeBand(90), "90+");
  EXPECT_EQ(deidentify::AgeBand(104), "90+");
}

TEST(Deidentify, ShiftsEveryDateByOneToNDaysEitherWayNeverZero) {
  std::map<int, int> seen;
  for (std::uint64_t h = 0; h < 2 * 7 * 100; ++h) ++seen[deidentify::ShiftDays(h, 7)];
  ASSERT_EQ(seen.size(), 14U) << "each of -7..-1 and 1..7";
  EXPECT_FALSE(seen.contains(0));
  for (const auto& [shift, count] : seen) {
    EXPECT_GE(shift, -7);
    EXPECT_LE(shift, 7);
    EXPECT_EQ(count, 100) << shift;
  }
  EXPECT_NE(deidentify::ShiftDays(~std::uint64_t{0}, 365), 0);
}

TEST(Deidentify, MovesTheDayOfAnInstant) {
  const std::int64_t noon = *ParseDateMs("2026-01-01") + 12 * 3'600'000;
  EXPECT_EQ(deidentify::ShiftedDay(noon, -1), "2025-12-31");
  EXPECT_EQ(deidentify::ShiftedDay(noon, 59), "2026-03-01");
  EXPECT_EQ(deidentify::ShiftedDay(noon, 0), "2026-01-01");
}

}  // namespace
}  // namespace covalue
