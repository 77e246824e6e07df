#include "store/alert_repository.h"

#include <fmt/format.h>

#include "store/sql/sql_repositories.h"

namespace covalue::store::sql {
namespace {

constexpr const char* kColumns =
    "SELECT a.id, a.site_id, a.patient_id, a.response_id, a.questionnaire_id, a.rule, "
    "a.severity, a.message, a.created_ms, a.acknowledged_ms, a.acknowledged_by, "
    "COALESCE(u.display_name, ''), a.note, p.identifier FROM alerts a "
    "JOIN patients p ON p.id = a.patient_id LEFT JOIN users u ON u.id = a.acknowledged_by ";

Alert ReadAlert(const Statement& row) {
  Alert a;
  a.id = row.Int(0);
  a.site_id = row.Int(1);
  a.patient_id = row.Int(2);
  a.response_id = row.Int(3);
  a.questionnaire_id = row.Text(4);
  a.rule = row.Text(5);
  a.severity = ParseAlertSeverity(row.TextView(6)).value_or(AlertSeverity::kHigh);
  a.message = row.Text(7);
  a.created_ms = row.Int(8);
  a.acknowledged_ms = row.OptionalInt(9);
  a.acknowledged_by = row.OptionalInt(10);
  a.acknowledged_by_name = row.Text(11);
  a.note = row.Text(12);
  a.patient_identifier = row.Text(13);
  return a;
}

std::string IdList(const std::vector<Id>& ids) {
  std::string out;
  for (Id id : ids) {
    out += fmt::format("{}{}", out.empty() ? "" : ",", id);
  }
  return out.empty() ? "NULL" : out;
}

}  // namespace

Result<Alert> SqlAlertRepository::Add(const Alert& alert) {
  COVALUE_ASSIGN_OR_RETURN(
      auto insert,
      db_.Prepare("INSERT INTO alerts (site_id, patient_id, response_id, questionnaire_id, rule, "
                  "severity, message, created_ms) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"));
  COVALUE_RETURN_IF_ERROR(insert.Bind(alert.site_id)
                              .Bind(alert.patient_id)
                              .Bind(alert.response_id)
                              .Bind(alert.questionnaire_id)
                              .Bind(alert.rule)
                              .Bind(AlertSeverityName(alert.severity))
                              .Bind(alert.message)
                              .Bind(alert.created_ms)
                              .Run());
  Alert stored = alert;
  stored.id = db_.LastInsertId();
  return stored;
}

Result<Alert> SqlAlertRepository::Get(Id id) {
  COVALUE_ASSIGN_OR_RETURN(auto query, db_.Prepare(std::string(kColumns) + "WHERE a.id = ?"));
  query.Bind(id);
  return ReadOne(query, ReadAlert, fmt::format("alert {} does not exist", id));
}

Result<Page<Alert>> SqlAlertRepository::List(const AlertQuery& query, const PageRequest& page) {
  std::string sql = std::string(kColumns) + "WHERE (? = 0 OR a.id < ?) ";
  if (query.sites) {
    // Ids are numbers, written into the statement.
    sql += fmt::format("AND a.site_id IN ({}) ", IdList(*query.sites));
  }
  if (query.patient_id) {
    sql += "AND a.patient_id = ? ";
  }
  if (query.open) {
    sql += *query.open ? "AND a.acknowledged_ms IS NULL " : "AND a.acknowledged_ms IS NOT NULL ";
  }
  sql += "ORDER BY a.id DESC LIMIT ?";
  COVALUE_ASSIGN_OR_RETURN(auto statement, db_.Prepare(sql));
  statement.Bind(page.after).Bind(page.after);
  if (query.patient_id) {
    statement.Bind(*query.patient_id);
  }
  statement.Bind(FetchLimit(page));
  COVALUE_ASSIGN_OR_RETURN(auto rows, CollectRows(statement, ReadAlert));
  return MakePage(std::move(rows), page.limit, [](const Alert& a) { return a.id; });
}

Status SqlAlertRepository::Acknowledge(Id id, Id user_id, const std::string& note,
                                       std::int64_t now_ms) {
  COVALUE_ASSIGN_OR_RETURN(Alert alert, Get(id));
  if (!alert.Open()) {
    return Fail(ErrorCode::kConflict, fmt::format("alert {} was acknowledged already", id));
  }
  COVALUE_ASSIGN_OR_RETURN(
      auto update, db_.Prepare("UPDATE alerts SET acknowledged_ms = ?, acknowledged_by = ?, "
                               "note = ? WHERE id = ? AND acknowledged_ms IS NULL"));
  return update.Bind(now_ms).Bind(user_id).Bind(note).Bind(id).Run();
}

Result<SiteSettings> SqlAlertRepository::Settings(Id site_id) {
  SiteSettings settings;
  settings.site_id = site_id;
  COVALUE_ASSIGN_OR_RETURN(
      auto days, db_.Prepare("SELECT alert_working_days FROM site_settings WHERE site_id = ?"));
  days.Bind(site_id);
  COVALUE_ASSIGN_OR_RETURN(bool found, days.Step());
  if (found) {
    settings.alert_working_days = static_cast<int>(days.Int(0));
  }
  COVALUE_ASSIGN_OR_RETURN(
      auto contacts,
      db_.Prepare("SELECT language, text FROM site_crisis_contacts WHERE site_id = ? ORDER BY "
                  "language"));
  contacts.Bind(site_id);
  for (;;) {
    COVALUE_ASSIGN_OR_RETURN(bool more, contacts.Step());
    if (!more) {
      return settings;
    }
    settings.crisis_contacts.emplace(contacts.Text(0), contacts.Text(1));
  }
}

Status SqlAlertRepository::SetSettings(const SiteSettings& settings, std::optional<Id> user_id,
                                       std::int64_t now_ms) {
  COVALUE_ASSIGN_OR_RETURN(
      auto upsert,
      db_.Prepare("INSERT INTO site_settings (site_id, alert_working_days, updated_ms, updated_by) "
                  "VALUES (?, ?, ?, ?) ON CONFLICT (site_id) DO UPDATE SET alert_working_days = "
                  "excluded.alert_working_days, updated_ms = excluded.updated_ms, updated_by = "
                  "excluded.updated_by"));
  COVALUE_RETURN_IF_ERROR(upsert.Bind(settings.site_id)
                              .Bind(std::int64_t{settings.alert_working_days})
                              .Bind(now_ms)
                              .Bind(user_id)
                              .Run());
  COVALUE_ASSIGN_OR_RETURN(auto clear,
                           db_.Prepare("DELETE FROM site_crisis_contacts WHERE site_id = ?"));
  COVALUE_RETURN_IF_ERROR(clear.Bind(settings.site_id).Run());
  for (const auto& [language, text] : settings.crisis_contacts) {
    COVALUE_ASSIGN_OR_RETURN(auto insert,
                             db_.Prepare("INSERT INTO site_crisis_contacts (site_id, language, "
                                         "text) VALUES (?, ?, ?)"));
    COVALUE_RETURN_IF_ERROR(insert.Bind(settings.site_id).Bind(language).Bind(text).Run());
  }
  return Ok();
}

}  // namespace covalue::store::sql
