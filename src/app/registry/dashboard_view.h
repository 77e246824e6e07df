#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "domain/alert.h"
#include "domain/questionnaire.h"
#include "domain/registry.h"

namespace covalue::app {

// The shared dashboard's view (Registry::GetDashboard, dashboard.cc): reached through
// app/registry/registry.h.

// One question of a response and what was answered, as the shared dashboard shows it.
struct AnsweredItem {
  std::string link_id;
  std::string text;
  std::vector<std::string> answers;  // each answer as said: an option's display, a number, yes/no
};

// A response read item by item.
struct ResponseAnswers {
  Id id = 0;
  std::string questionnaire_id;
  std::string title;
  std::string status;
  std::int64_t authored_ms = 0;
  std::optional<double> total;
  std::string band;
  std::vector<AnsweredItem> items;
};

// One score or registry variable of a patient over time, as the shared dashboard plots it.
struct ScoreSeries {
  std::string system;
  std::string code;
  std::string display;
  std::string unit;
  std::vector<ScoreBand> bands;     // the instrument's severity bands; empty when it has none
  std::vector<Observation> points;  // oldest first; each point's interpretation is its band
  // What the latest value is compared with: the value at the last visit (the newest visit
  // note), or without a visit note the value before the latest. Absent when there is nothing
  // newer than the last visit, or nothing to compare with.
  std::optional<Observation> before;
};

// A questionnaire the patient may fill, and where they stand with it.
struct QuestionnaireState {
  std::string id;
  std::string title;
  std::optional<std::int64_t> last_completed_ms;
  // The patient's in-progress response newer than their last completed one, to resume.
  std::optional<Id> draft_response_id;
};

// What a patient and their professional look at together before and during a visit.
struct Dashboard {
  Patient patient;
  std::string population_name;
  Translations population_names = {};  // the population's name in other languages
  std::vector<ScoreSeries> series;
  std::optional<std::int64_t> last_visit_ms;  // the newest visit note's time
  std::vector<PatientNote> notes;             // newest first, the latest kMaxDashboardNotes
  std::vector<QuestionnaireState> questionnaires;
  // The patient's open clinical alerts, newest first, and what to do now (by language).
  std::vector<Alert> alerts;
  std::map<std::string, std::string> crisis_contacts;
  // The latest kMaxDashboardResponses responses, newest first, answer by answer.
  std::vector<ResponseAnswers> responses;
};
inline constexpr int kMaxDashboardNotes = 200;
inline constexpr int kMaxDashboardResponses = 20;

}  // namespace covalue::app
