#include "domain/dates.h"

#include <ctime>

#include <gtest/gtest.h>

namespace covalue {
namespace {

// The reference: timegm of the C library.
std::int64_t Reference(int year, int month, int day, int hour = 0, int minute = 0, int second = 0) {
  std::tm t{};
  t.tm_year = year - 1900;
  t.tm_mon = month - 1;
  t.tm_mday = day;
  t.tm_hour = hour;
  t.tm_min = minute;
  t.tm_sec = second;
  return static_cast<std::int64_t>(timegm(&t)) * 1000;
}

TEST(Dates, ParseAsTheCLibraryCounts) {
  EXPECT_EQ(ParseDateMs("1970-01-01"), 0);
  EXPECT_EQ(ParseDateMs("2024-02-29"), Reference(2024, 2, 29));
  EXPECT_EQ(ParseDateMs("1899-12-31"), Reference(1899, 12, 31));
  EXPECT_EQ(ParseDateTimeMs("2026-11-23T01:02:03Z"), Reference(2026, 11, 23, 1, 2, 3));
  EXPECT_EQ(ParseDateTimeMs("2026-11-23T01:02:03.25+01:00"),
            Reference(2026, 11, 23, 0, 2, 3) + 250);
  EXPECT_EQ(ParseDateTimeMs("2026-11"), Reference(2026, 11, 1));
  EXPECT_EQ(ParseDateTimeMs("2026"), Reference(2026, 1, 1));
}

TEST(Dates, RefuseWhatIsNotADay) {
  for (const char* bad :
       {"2023-02-29", "2026-13-01", "2026-00-10", "2026-1-01", "26-01-01", "2026-01-01T25:00:00Z",
        "2026-01-01T10:00:00", "2026-01-01T10:00Z", "2026-01-01T10:00:00+1:00", "yesterday", ""}) {
    EXPECT_FALSE(ParseDateTimeMs(bad).has_value()) << bad;
  }
}

TEST(Dates, FormatRoundTrips) {
  for (const char* day : {"1970-01-01", "2000-02-29", "1969-12-31", "2026-11-23", "1901-03-01"}) {
    EXPECT_EQ(FormatDate(*ParseDateMs(day)), day);
  }
  EXPECT_EQ(FormatDate(Reference(2026, 11, 23, 23, 59, 59)), "2026-11-23");
}

TEST(Dates, AddsCalendarMonthsEitherWay) {
  const auto day = [](const char* d) { return *ParseDateMs(d); };
  EXPECT_EQ(FormatDate(AddMonths(day("2026-12-06") + 3'600'000, -12)), "2025-12-06");
  EXPECT_EQ(FormatDate(AddMonths(day("2024-03-31"), -1)), "2024-02-29");
  EXPECT_EQ(FormatDate(AddMonths(day("2026-01-31"), 1)), "2026-02-28");
  EXPECT_EQ(FormatDate(AddMonths(day("2026-01-15"), -13)), "2024-12-15");
}

}  // namespace
}  // namespace covalue
