#include "domain/dates.h"

#include <algorithm>
#include <charconv>

#include <fmt/format.h>

namespace covalue {
namespace {

constexpr std::int64_t kMsPerDay = 86'400'000;

std::optional<unsigned> Number(std::string_view text, std::size_t at, std::size_t count) {
  if (text.size() < at + count) {
    return std::nullopt;
  }
  unsigned value = 0;
  const char* begin = text.data() + at;
  auto [end, ec] = std::from_chars(begin, begin + count, value);
  if (ec != std::errc() || end != begin + count) {
    return std::nullopt;
  }
  return value;
}

bool IsLeap(std::int64_t y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

unsigned DaysIn(std::int64_t year, unsigned month) {
  constexpr unsigned kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return month == 2 && IsLeap(year) ? 29 : kDays[month - 1];
}

}  // namespace

std::int64_t DaysFromCivil(std::int64_t year, unsigned month, unsigned day) {
  year -= month <= 2 ? 1 : 0;
  const std::int64_t era = (year >= 0 ? year : year - 399) / 400;
  const auto yoe = static_cast<unsigned>(year - era * 400);
  const unsigned doy = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<std::int64_t>(doe) - 719468;
}

std::optional<std::int64_t> ParseDateMs(std::string_view text) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') {
    return std::nullopt;
  }
  const auto year = Number(text, 0, 4);
  const auto month = Number(text, 5, 2);
  const auto day = Number(text, 8, 2);
  if (!year || !month || !day || *month < 1 || *month > 12 || *day < 1 ||
      *day > DaysIn(*year, *month)) {
    return std::nullopt;
  }
  return DaysFromCivil(*year, *month, *day) * kMsPerDay;
}

std::optional<std::int64_t> ParseDateTimeMs(std::string_view text) {
  if (text.size() == 4) {
    return ParseDateMs(fmt::format("{}-01-01", text));
  }
  if (text.size() == 7) {
    return ParseDateMs(fmt::format("{}-01", text));
  }
  const auto date = ParseDateMs(text.substr(0, 10));
  if (text.size() == 10 || !date) {
    return date;
  }
  if (text[10] != 'T' || text.size() < 20 || text[13] != ':' || text[16] != ':') {
    return std::nullopt;
  }
  const auto hour = Number(text, 11, 2);
  const auto minute = Number(text, 14, 2);
  const auto second = Number(text, 17, 2);
  if (!hour || !minute || !second || *hour > 23 || *minute > 59 || *second > 60) {
    return std::nullopt;
  }
  std::size_t at = 19;
  std::int64_t millis = 0;
  if (text[at] == '.') {
    std::size_t digits = 0;
    while (at + 1 + digits < text.size() && text[at + 1 + digits] >= '0' &&
           text[at + 1 + digits] <= '9') {
      if (digits < 3) {
        millis = millis * 10 + (text[at + 1 + digits] - '0');
      }
      ++digits;
    }
    if (digits == 0) {
      return std::nullopt;
    }
    for (std::size_t d = digits; d < 3; ++d) {
      millis *= 10;
    }
    at += 1 + digits;
  }
  std::int64_t offset_minutes = 0;
  const std::string_view zone = text.substr(at);
  if (zone != "Z") {
    if (zone.size() != 6 || (zone[0] != '+' && zone[0] != '-') || zone[3] != ':') {
      return std::nullopt;
    }
    const auto zone_hours = Number(zone, 1, 2);
    const auto zone_minutes = Number(zone, 4, 2);
    if (!zone_hours || !zone_minutes || *zone_hours > 14 || *zone_minutes > 59) {
      return std::nullopt;
    }
    const std::int64_t minutes = std::int64_t{*zone_hours} * 60 + *zone_minutes;
    offset_minutes = zone[0] == '-' ? -minutes : minutes;
  }
  return *date + ((*hour * 60 + *minute - offset_minutes) * 60 + *second) * 1000 + millis;
}

std::int64_t DayOf(std::int64_t ms) { return (ms >= 0 ? ms : ms - (kMsPerDay - 1)) / kMsPerDay; }

std::string FormatDate(std::int64_t ms) {
  // Hinnant's civil_from_days.
  std::int64_t z = DayOf(ms) + 719468;
  const std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const auto doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  const unsigned day = doy - (153 * mp + 2) / 5 + 1;
  const unsigned month = mp < 10 ? mp + 3 : mp - 9;
  const std::int64_t year = static_cast<std::int64_t>(yoe) + era * 400 + (month <= 2 ? 1 : 0);
  return fmt::format("{:04}-{:02}-{:02}", year, month, day);
}

std::int64_t AddMonths(std::int64_t ms, std::int64_t months) {
  const std::string date = FormatDate(ms);
  const std::int64_t year = std::stoll(date.substr(0, 4));
  const std::int64_t month = std::stoll(date.substr(5, 2)) - 1 + months;
  const std::int64_t y = year + (month >= 0 ? month / 12 : (month - 11) / 12);
  const auto m = static_cast<unsigned>(month - (y - year) * 12 + 1);
  const auto day = static_cast<unsigned>(std::stoul(date.substr(8, 2)));
  const std::int64_t next_month_start =
      m == 12 ? DaysFromCivil(y + 1, 1, 1) : DaysFromCivil(y, m + 1, 1);
  const auto length = static_cast<unsigned>(next_month_start - DaysFromCivil(y, m, 1));
  return DaysFromCivil(y, m, std::min(day, length)) * kMsPerDay;
}

}  // namespace covalue
