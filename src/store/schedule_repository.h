#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "domain/error.h"
#include "domain/page.h"
#include "domain/schedule.h"

namespace covalue::store {

// A completed response as schedules read it: who answered which questionnaire when.
struct Completion {
  Id patient_id = 0;
  std::string questionnaire_id;
  std::int64_t authored_ms = 0;
};

// Questionnaire schedules, planned visits, what schedules read of the responses, and the secret
// addresses of calendar feeds (domain/schedule.h).
class ScheduleRepository {
 public:
  virtual ~ScheduleRepository() = default;
  [[nodiscard]] virtual Result<QuestionnaireSchedule> Create(
      const QuestionnaireSchedule& schedule) = 0;
  // kNotFound when absent.
  [[nodiscard]] virtual Result<QuestionnaireSchedule> Get(Id id) = 0;
  // Changes what a schedule asks (kind, every, unit, window, until, active); kNotFound when absent.
  [[nodiscard]] virtual Status Update(const QuestionnaireSchedule& schedule) = 0;
  // The schedules of sites (every site's when nullopt), active or not, by id.
  [[nodiscard]] virtual Result<std::vector<QuestionnaireSchedule>> List(
      const std::optional<std::vector<Id>>& sites) = 0;

  [[nodiscard]] virtual Result<PlannedVisit> AddVisit(const PlannedVisit& visit) = 0;
  // kNotFound when absent.
  [[nodiscard]] virtual Result<PlannedVisit> GetVisit(Id id) = 0;
  [[nodiscard]] virtual Status RemoveVisit(Id id) = 0;
  // The visits of a patient, or of a site's patients, from from_ms to to_ms, soonest first.
  [[nodiscard]] virtual Result<std::vector<PlannedVisit>> Visits(std::optional<Id> patient_id,
                                                                 std::optional<Id> site_id,
                                                                 std::int64_t from_ms,
                                                                 std::int64_t to_ms) = 0;

  // The completed responses of a site's patients (or one patient's), oldest first.
  [[nodiscard]] virtual Result<std::vector<Completion>> Completions(
      Id site_id, std::optional<Id> patient_id) = 0;

  // The calendar feed of a user: its token's hash replaces any before it ("" removes it).
  [[nodiscard]] virtual Status SetFeed(Id user_id, const std::string& token_hash,
                                       std::int64_t now_ms) = 0;
  // The user whose feed a token's hash opens; kNotFound when none.
  [[nodiscard]] virtual Result<Id> FeedOwner(const std::string& token_hash) = 0;
};

}  // namespace covalue::store
