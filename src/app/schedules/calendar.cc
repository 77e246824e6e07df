#include "app/schedules/calendar.h"

#include <fmt/format.h>
#include <libical/ical.h>

namespace covalue::app {
namespace {

icaltimetype TimeOf(std::int64_t ms, bool all_day) {
  return icaltime_from_timet_with_zone(static_cast<time_t>(ms / 1000), all_day ? 1 : 0,
                                       icaltimezone_get_utc_timezone());
}

}  // namespace

CalendarBuilder::CalendarBuilder(std::int64_t now_ms)
    : now_ms_(now_ms), calendar_(icalcomponent_new_vcalendar()) {
  icalcomponent_add_property(calendar_, icalproperty_new_version("2.0"));
  icalcomponent_add_property(calendar_, icalproperty_new_prodid("-//covalue//schedules//EN"));
  icalcomponent_add_property(calendar_, icalproperty_new_calscale("GREGORIAN"));
  icalproperty* name = icalproperty_new_x("covalue");
  icalproperty_set_x_name(name, "X-WR-CALNAME");
  icalcomponent_add_property(calendar_, name);
}

CalendarBuilder::~CalendarBuilder() { icalcomponent_free(calendar_); }

void CalendarBuilder::Add(const std::string& uid, const std::string& summary, std::int64_t start_ms,
                          bool all_day, std::int64_t minutes) {
  icalcomponent* event = icalcomponent_new_vevent();
  icalcomponent_add_property(event, icalproperty_new_uid(uid.c_str()));
  icalcomponent_add_property(event, icalproperty_new_dtstamp(TimeOf(now_ms_, false)));
  icalcomponent_add_property(event, icalproperty_new_dtstart(TimeOf(start_ms, all_day)));
  if (!all_day) {
    icalcomponent_add_property(event,
                               icalproperty_new_dtend(TimeOf(start_ms + minutes * 60'000, false)));
  }
  icalcomponent_add_property(event, icalproperty_new_summary(summary.c_str()));
  icalcomponent_add_component(calendar_, event);
}

void CalendarBuilder::AddDue(const DueQuestionnaire& due, const std::string& whose) {
  if (due.occasion.state == OccasionState::kCompleted) {
    return;
  }
  const std::string state = due.occasion.state == OccasionState::kOverdue ? "overdue: " : "due: ";
  Add(fmt::format("due-{}-{}-{}@covalue", due.schedule_id, whose, due.occasion.opens_ms),
      whose.empty() ? due.title + " " + state.substr(0, state.size() - 2)
                    : fmt::format("{} {}{}", whose, state, due.title),
      due.occasion.due_ms, true, 0);
}

void CalendarBuilder::AddVisit(const PlannedVisit& visit, const std::string& whose) {
  const std::string what = visit.note.empty() ? "Visit" : visit.note;
  Add(fmt::format("visit-{}@covalue", visit.id),
      whose.empty() ? what : fmt::format("{}: {}", whose, what), visit.at_ms, false, 30);
}

std::string CalendarBuilder::Text() const {
  char* text = icalcomponent_as_ical_string_r(calendar_);
  std::string out = text == nullptr ? "" : text;
  icalmemory_free_buffer(text);
  return out;
}

}  // namespace covalue::app
