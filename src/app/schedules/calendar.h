#pragma once

#include <cstdint>
#include <memory>
#include <string>

#include "app/schedules/schedules.h"

struct icalcomponent_impl;

namespace covalue::app {

// An iCalendar (RFC 5545) of due questionnaires and planned visits, written with libical (which
// escapes and folds the text): a due questionnaire is an all-day event on its due day, a visit
// an event of 30 minutes at its time. Each event's UID stays the same between reads, so a
// subscribed calendar updates it in place. whose: the patient's identifier, on a professional's
// feed ("" on the patient's own).
class CalendarBuilder {
 public:
  explicit CalendarBuilder(std::int64_t now_ms);
  ~CalendarBuilder();
  CalendarBuilder(const CalendarBuilder&) = delete;
  CalendarBuilder& operator=(const CalendarBuilder&) = delete;

  void AddDue(const DueQuestionnaire& due, const std::string& whose);
  void AddVisit(const PlannedVisit& visit, const std::string& whose);
  std::string Text() const;

 private:
  void Add(const std::string& uid, const std::string& summary, std::int64_t start_ms, bool all_day,
           std::int64_t minutes);

  std::int64_t now_ms_;
  icalcomponent_impl* calendar_;
};

}  // namespace covalue::app
