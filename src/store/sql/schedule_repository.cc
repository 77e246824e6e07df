#include "store/schedule_repository.h"

#include <fmt/format.h>

#include "store/sql/sql_repositories.h"

namespace covalue::store::sql {
namespace {

constexpr const char* kScheduleColumns =
    "SELECT id, site_id, population_id, questionnaire_id, kind, every, unit, window_days, until, "
    "active, created_by, created_ms FROM questionnaire_schedules ";
constexpr const char* kVisitColumns =
    "SELECT id, site_id, patient_id, at_ms, note, created_by, created_ms FROM planned_visits ";

QuestionnaireSchedule ReadSchedule(const Statement& row) {
  QuestionnaireSchedule s;
  s.id = row.Int(0);
  s.site_id = row.Int(1);
  s.population_id = row.Int(2);
  s.questionnaire_id = row.Text(3);
  s.kind = ParseScheduleKind(row.TextView(4)).value_or(ScheduleKind::kAtEnrolment);
  s.every = static_cast<int>(row.Int(5));
  s.unit = ParseScheduleUnit(row.TextView(6)).value_or(ScheduleUnit::kMonths);
  s.window_days = static_cast<int>(row.Int(7));
  s.until = row.Text(8);
  s.active = row.Int(9) != 0;
  s.created_by = row.OptionalInt(10);
  s.created_ms = row.Int(11);
  return s;
}

PlannedVisit ReadVisit(const Statement& row) {
  return PlannedVisit{row.Int(0),  row.Int(1),         row.Int(2), row.Int(3),
                      row.Text(4), row.OptionalInt(5), row.Int(6)};
}

}  // namespace

Result<QuestionnaireSchedule> SqlScheduleRepository::Create(const QuestionnaireSchedule& s) {
  COVALUE_ASSIGN_OR_RETURN(
      auto insert,
      db_.Prepare("INSERT INTO questionnaire_schedules (site_id, population_id, questionnaire_id, "
                  "kind, every, unit, window_days, until, active, created_by, created_ms) "
                  "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"));
  COVALUE_RETURN_IF_ERROR(insert.Bind(s.site_id)
                              .Bind(s.population_id)
                              .Bind(s.questionnaire_id)
                              .Bind(ScheduleKindName(s.kind))
                              .Bind(std::int64_t{s.every})
                              .Bind(ScheduleUnitName(s.unit))
                              .Bind(std::int64_t{s.window_days})
                              .Bind(s.until)
                              .Bind(std::int64_t{s.active ? 1 : 0})
                              .Bind(s.created_by)
                              .Bind(s.created_ms)
                              .Run());
  QuestionnaireSchedule stored = s;
  stored.id = db_.LastInsertId();
  return stored;
}

Result<QuestionnaireSchedule> SqlScheduleRepository::Get(Id id) {
  COVALUE_ASSIGN_OR_RETURN(auto query, db_.Prepare(std::string(kScheduleColumns) + "WHERE id = ?"));
  query.Bind(id);
  return ReadOne(query, ReadSchedule, fmt::format("schedule {} does not exist", id));
}

Status SqlScheduleRepository::Update(const QuestionnaireSchedule& s) {
  COVALUE_ASSIGN_OR_RETURN(
      auto update, db_.Prepare("UPDATE questionnaire_schedules SET kind = ?, every = ?, unit = ?, "
                               "window_days = ?, until = ?, active = ? WHERE id = ?"));
  COVALUE_RETURN_IF_ERROR(update.Bind(ScheduleKindName(s.kind))
                              .Bind(std::int64_t{s.every})
                              .Bind(ScheduleUnitName(s.unit))
                              .Bind(std::int64_t{s.window_days})
                              .Bind(s.until)
                              .Bind(std::int64_t{s.active ? 1 : 0})
                              .Bind(s.id)
                              .Run());
  if (db_.Changes() == 0) {
    return Fail(ErrorCode::kNotFound, fmt::format("schedule {} does not exist", s.id));
  }
  return Ok();
}

Result<std::vector<QuestionnaireSchedule>> SqlScheduleRepository::List(
    const std::optional<std::vector<Id>>& sites) {
  COVALUE_ASSIGN_OR_RETURN(auto query,
                           db_.Prepare(std::string(kScheduleColumns) + "WHERE ? = 1 OR " +
                                       db_.dialect().InIdList("site_id") + " ORDER BY id"));
  query.Bind(std::int64_t{sites ? 0 : 1})
      .Bind(db_.dialect().IdList(sites.value_or(std::vector<Id>{})));
  return CollectRows(query, ReadSchedule);
}

Result<PlannedVisit> SqlScheduleRepository::AddVisit(const PlannedVisit& v) {
  COVALUE_ASSIGN_OR_RETURN(
      auto insert, db_.Prepare("INSERT INTO planned_visits (site_id, patient_id, at_ms, note, "
                               "created_by, created_ms) VALUES (?, ?, ?, ?, ?, ?)"));
  COVALUE_RETURN_IF_ERROR(insert.Bind(v.site_id)
                              .Bind(v.patient_id)
                              .Bind(v.at_ms)
                              .Bind(v.note)
                              .Bind(v.created_by)
                              .Bind(v.created_ms)
                              .Run());
  PlannedVisit stored = v;
  stored.id = db_.LastInsertId();
  return stored;
}

Result<PlannedVisit> SqlScheduleRepository::GetVisit(Id id) {
  COVALUE_ASSIGN_OR_RETURN(auto query, db_.Prepare(std::string(kVisitColumns) + "WHERE id = ?"));
  query.Bind(id);
  return ReadOne(query, ReadVisit, fmt::format("visit {} does not exist", id));
}

Status SqlScheduleRepository::RemoveVisit(Id id) {
  COVALUE_ASSIGN_OR_RETURN(auto remove, db_.Prepare("DELETE FROM planned_visits WHERE id = ?"));
  COVALUE_RETURN_IF_ERROR(remove.Bind(id).Run());
  if (db_.Changes() == 0) {
    return Fail(ErrorCode::kNotFound, fmt::format("visit {} does not exist", id));
  }
  return Ok();
}

Result<std::vector<PlannedVisit>> SqlScheduleRepository::Visits(std::optional<Id> patient_id,
                                                                std::optional<Id> site_id,
                                                                std::int64_t from_ms,
                                                                std::int64_t to_ms) {
  COVALUE_ASSIGN_OR_RETURN(
      auto query,
      db_.Prepare(std::string(kVisitColumns) +
                  "WHERE (? = 0 OR patient_id = ?) AND (? = 0 OR site_id = ?) AND at_ms >= ? "
                  "AND at_ms <= ? ORDER BY at_ms, id"));
  query.Bind(std::int64_t{patient_id ? 1 : 0})
      .Bind(patient_id.value_or(0))
      .Bind(std::int64_t{site_id ? 1 : 0})
      .Bind(site_id.value_or(0))
      .Bind(from_ms)
      .Bind(to_ms);
  return CollectRows(query, ReadVisit);
}

Result<std::vector<Completion>> SqlScheduleRepository::Completions(Id site_id,
                                                                   std::optional<Id> patient_id) {
  COVALUE_ASSIGN_OR_RETURN(
      auto query, db_.Prepare("SELECT patient_id, questionnaire_id, authored_ms FROM responses "
                              "WHERE site_id = ? AND status = 'completed' AND "
                              "(? = 0 OR patient_id = ?) ORDER BY authored_ms, id"));
  query.Bind(site_id).Bind(std::int64_t{patient_id ? 1 : 0}).Bind(patient_id.value_or(0));
  return CollectRows(query, [](const Statement& row) {
    return Completion{row.Int(0), row.Text(1), row.Int(2)};
  });
}

Status SqlScheduleRepository::SetFeed(Id user_id, const std::string& token_hash,
                                      std::int64_t now_ms) {
  COVALUE_ASSIGN_OR_RETURN(auto remove,
                           db_.Prepare("DELETE FROM calendar_feeds WHERE user_id = ?"));
  COVALUE_RETURN_IF_ERROR(remove.Bind(user_id).Run());
  if (token_hash.empty()) {
    return Ok();
  }
  COVALUE_ASSIGN_OR_RETURN(
      auto insert,
      db_.Prepare("INSERT INTO calendar_feeds (user_id, token_hash, created_ms) VALUES (?, ?, ?)"));
  return insert.Bind(user_id).Bind(token_hash).Bind(now_ms).Run();
}

Result<Id> SqlScheduleRepository::FeedOwner(const std::string& token_hash) {
  COVALUE_ASSIGN_OR_RETURN(auto query,
                           db_.Prepare("SELECT user_id FROM calendar_feeds WHERE token_hash = ?"));
  query.Bind(token_hash);
  return ReadOne(
      query, [](const Statement& row) { return row.Int(0); }, "no calendar feed has that address");
}

}  // namespace covalue::store::sql
