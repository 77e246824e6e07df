#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace covalue {

// Civil dates and instants as FHIR writes them, in UTC milliseconds since 1970.

// Days since 1970-01-01 of a proleptic Gregorian date (Hinnant's days_from_civil).
std::int64_t DaysFromCivil(std::int64_t year, unsigned month, unsigned day);

// The day of an instant (UTC): days since 1970-01-01, rounded down.
std::int64_t DayOf(std::int64_t ms);

// "YYYY-MM-DD" that names a real day; nullopt otherwise.
std::optional<std::int64_t> ParseDateMs(std::string_view text);

// A FHIR date or dateTime: "YYYY", "YYYY-MM", "YYYY-MM-DD" (the start of that period, UTC) or
// "YYYY-MM-DDThh:mm:ss[.fff](Z|±hh:mm)"; nullopt otherwise.
std::optional<std::int64_t> ParseDateTimeMs(std::string_view text);

// "YYYY-MM-DD" of an instant (UTC).
std::string FormatDate(std::int64_t ms);

// The start (UTC) of the day `months` calendar months after the day of ms (before it when
// negative), its day of the month kept where the month has it and otherwise the month's last
// (31 January + 1 month = 28 or 29 February).
std::int64_t AddMonths(std::int64_t ms, std::int64_t months);

}  // namespace covalue
