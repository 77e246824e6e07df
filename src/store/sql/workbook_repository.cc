#include <fmt/format.h>

#include "store/sql/sql_repositories.h"

namespace covalue::store::sql {
namespace {

constexpr const char* kWorkbookColumns =
    "SELECT id, site_id, team_id, guide_id, guide_version, created_by, created_ms, position, "
    "shared, name, archived_ms FROM workbooks ";
constexpr const char* kRevisionColumns =
    "SELECT r.workbook_id, r.link_id, r.number, r.text, r.author_id, u.username, r.created_ms, "
    "r.restored_from FROM answer_revisions r JOIN users u ON u.id = r.author_id ";

Workbook ReadWorkbook(const Statement& row) {
  return Workbook{row.Int(0),      row.Int(1),  row.Int(2),         row.Text(3),
                  row.Text(4),     row.Int(5),  row.Int(6),         row.Text(7),
                  row.Int(8) != 0, row.Text(9), row.OptionalInt(10)};
}

AnswerRevision ReadRevision(const Statement& row) {
  return AnswerRevision{row.Int(0), row.Text(1), row.Int(2), row.Text(3),
                        row.Int(4), row.Text(5), row.Int(6), row.OptionalInt(7)};
}

}  // namespace

Result<Workbook> SqlWorkbookRepository::Create(const Workbook& workbook) {
  COVALUE_ASSIGN_OR_RETURN(
      auto insert, db_.Prepare("INSERT INTO workbooks (site_id, team_id, guide_id, guide_version, "
                               "created_by, created_ms, position, shared, name, archived_ms) "
                               "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"));
  COVALUE_RETURN_IF_ERROR(insert.Bind(workbook.site_id)
                              .Bind(workbook.team_id)
                              .Bind(workbook.guide_id)
                              .Bind(workbook.guide_version)
                              .Bind(workbook.created_by)
                              .Bind(workbook.created_ms)
                              .Bind(workbook.position)
                              .Bind(std::int64_t{workbook.shared ? 1 : 0})
                              .Bind(workbook.name)
                              .Bind(workbook.archived_ms)
                              .Run());
  Workbook created = workbook;
  created.id = db_.LastInsertId();
  return created;
}

Result<Workbook> SqlWorkbookRepository::Get(Id id) {
  COVALUE_ASSIGN_OR_RETURN(auto query, db_.Prepare(std::string(kWorkbookColumns) + "WHERE id = ?"));
  query.Bind(id);
  return ReadOne(query, ReadWorkbook, fmt::format("workbook {} does not exist", id));
}

Result<Page<Workbook>> SqlWorkbookRepository::ListOfTeam(Id team_id, const PageRequest& page) {
  COVALUE_ASSIGN_OR_RETURN(auto query,
                           db_.Prepare(std::string(kWorkbookColumns) +
                                       "WHERE team_id = ? AND id > ? ORDER BY id LIMIT ?"));
  query.Bind(team_id).Bind(page.after).Bind(FetchLimit(page));
  COVALUE_ASSIGN_OR_RETURN(auto rows, CollectRows(query, ReadWorkbook));
  return MakePage(std::move(rows), page.limit, [](const Workbook& w) { return w.id; });
}

Result<std::optional<Workbook>> SqlWorkbookRepository::LatestOfTeam(Id team_id,
                                                                    const std::string& guide_id) {
  COVALUE_ASSIGN_OR_RETURN(
      auto query, db_.Prepare(std::string(kWorkbookColumns) +
                              "WHERE team_id = ? AND guide_id = ? ORDER BY id DESC LIMIT 1"));
  query.Bind(team_id).Bind(guide_id);
  COVALUE_ASSIGN_OR_RETURN(auto rows, CollectRows(query, ReadWorkbook));
  if (rows.empty()) {
    return std::optional<Workbook>{};
  }
  return std::optional<Workbook>(rows.front());
}

Status SqlWorkbookRepository::SetPosition(Id id, const std::string& link_id) {
  COVALUE_ASSIGN_OR_RETURN(auto update,
                           db_.Prepare("UPDATE workbooks SET position = ? WHERE id = ?"));
  return update.Bind(link_id).Bind(id).Run();
}

Status SqlWorkbookRepository::SetShared(Id id, bool shared) {
  COVALUE_ASSIGN_OR_RETURN(auto update,
                           db_.Prepare("UPDATE workbooks SET shared = ? WHERE id = ?"));
  return update.Bind(std::int64_t{shared ? 1 : 0}).Bind(id).Run();
}

Status SqlWorkbookRepository::SetLabel(Id id, const std::string& name,
                                       std::optional<std::int64_t> archived_ms) {
  COVALUE_ASSIGN_OR_RETURN(
      auto update, db_.Prepare("UPDATE workbooks SET name = ?, archived_ms = ? WHERE id = ?"));
  return update.Bind(name).Bind(archived_ms).Bind(id).Run();
}

Result<AnswerRevision> SqlWorkbookRepository::AddRevision(AnswerRevision revision) {
  COVALUE_ASSIGN_OR_RETURN(
      auto insert,
      db_.Prepare("INSERT INTO answer_revisions (workbook_id, site_id, link_id, number, text, "
                  "author_id, created_ms, restored_from) "
                  "SELECT w.id, w.site_id, ?, COALESCE((SELECT MAX(number) FROM answer_revisions "
                  "  WHERE workbook_id = w.id AND link_id = ?), 0) + 1, ?, ?, ?, ? "
                  "FROM workbooks w WHERE w.id = ?"));
  COVALUE_RETURN_IF_ERROR(insert.Bind(revision.link_id)
                              .Bind(revision.link_id)
                              .Bind(revision.text)
                              .Bind(revision.author_id)
                              .Bind(revision.created_ms)
                              .Bind(revision.restored_from)
                              .Bind(revision.workbook_id)
                              .Run());
  if (db_.Changes() == 0) {
    return Fail(ErrorCode::kNotFound,
                fmt::format("workbook {} does not exist", revision.workbook_id));
  }
  COVALUE_ASSIGN_OR_RETURN(auto number,
                           db_.Prepare("SELECT number FROM answer_revisions WHERE id = ?"));
  number.Bind(db_.LastInsertId());
  COVALUE_ASSIGN_OR_RETURN(
      revision.number,
      ReadOne(
          number, [](const Statement& row) { return row.Int(0); }, "revision vanished"));
  return revision;
}

Result<std::optional<AnswerRevision>> SqlWorkbookRepository::LatestRevision(
    Id workbook_id, const std::string& link_id) {
  COVALUE_ASSIGN_OR_RETURN(auto query, db_.Prepare(std::string(kRevisionColumns) +
                                                   "WHERE r.workbook_id = ? AND r.link_id = ? "
                                                   "ORDER BY r.number DESC LIMIT 1"));
  query.Bind(workbook_id).Bind(link_id);
  COVALUE_ASSIGN_OR_RETURN(auto rows, CollectRows(query, ReadRevision));
  if (rows.empty()) {
    return std::optional<AnswerRevision>{};
  }
  return std::optional<AnswerRevision>(rows.front());
}

Result<std::vector<AnswerRevision>> SqlWorkbookRepository::LatestRevisions(Id workbook_id) {
  COVALUE_ASSIGN_OR_RETURN(
      auto query,
      db_.Prepare(
          std::string(kRevisionColumns) +
          "WHERE r.workbook_id = ? AND r.number = (SELECT MAX(number) FROM "
          "answer_revisions x WHERE x.workbook_id = r.workbook_id AND x.link_id = r.link_id) "
          "ORDER BY r.link_id"));
  query.Bind(workbook_id);
  return CollectRows(query, ReadRevision);
}

Result<std::map<std::string, std::int64_t>> SqlWorkbookRepository::RevisionCounts(Id workbook_id) {
  COVALUE_ASSIGN_OR_RETURN(auto query, db_.Prepare("SELECT link_id, COUNT(*) FROM answer_revisions "
                                                   "WHERE workbook_id = ? GROUP BY link_id"));
  query.Bind(workbook_id);
  COVALUE_ASSIGN_OR_RETURN(auto rows, CollectRows(query, [](const Statement& row) {
                             return std::pair{row.Text(0), row.Int(1)};
                           }));
  return std::map<std::string, std::int64_t>(rows.begin(), rows.end());
}

Result<AnswerRevision> SqlWorkbookRepository::Revision(Id workbook_id, const std::string& link_id,
                                                       std::int64_t number) {
  COVALUE_ASSIGN_OR_RETURN(
      auto query, db_.Prepare(std::string(kRevisionColumns) +
                              "WHERE r.workbook_id = ? AND r.link_id = ? AND r.number = ?"));
  query.Bind(workbook_id).Bind(link_id).Bind(number);
  return ReadOne(query, ReadRevision, fmt::format("answer {} has no revision {}", link_id, number));
}

Result<Page<AnswerRevision>> SqlWorkbookRepository::Revisions(Id workbook_id,
                                                              const std::string& link_id,
                                                              const PageRequest& page) {
  COVALUE_ASSIGN_OR_RETURN(auto query,
                           db_.Prepare(std::string(kRevisionColumns) +
                                       "WHERE r.workbook_id = ? AND r.link_id = ? AND r.number > ? "
                                       "ORDER BY r.number LIMIT ?"));
  query.Bind(workbook_id).Bind(link_id).Bind(page.after).Bind(FetchLimit(page));
  COVALUE_ASSIGN_OR_RETURN(auto rows, CollectRows(query, ReadRevision));
  return MakePage(std::move(rows), page.limit, [](const AnswerRevision& r) { return r.number; });
}

Status SqlWorkbookRepository::SetStepStatus(Id workbook_id, const std::string& link_id,
                                            StepStatus status, Id user_id, std::int64_t now_ms) {
  COVALUE_ASSIGN_OR_RETURN(
      auto upsert,
      db_.Prepare(
          "INSERT INTO step_statuses (workbook_id, link_id, status, updated_by, updated_ms) "
          "VALUES (?, ?, ?, ?, ?) ON CONFLICT (workbook_id, link_id) DO UPDATE SET "
          "status = excluded.status, updated_by = excluded.updated_by, "
          "updated_ms = excluded.updated_ms"));
  return upsert.Bind(workbook_id)
      .Bind(link_id)
      .Bind(StepStatusName(status))
      .Bind(user_id)
      .Bind(now_ms)
      .Run();
}

Result<std::vector<StepState>> SqlWorkbookRepository::StepStatuses(Id workbook_id) {
  COVALUE_ASSIGN_OR_RETURN(
      auto query,
      db_.Prepare(
          "SELECT link_id, status FROM step_statuses WHERE workbook_id = ? ORDER BY link_id"));
  query.Bind(workbook_id);
  return CollectRows(query, [](const Statement& row) {
    return StepState{row.Text(0), ParseStepStatus(row.Text(1)).value_or(StepStatus::kNotStarted)};
  });
}

Result<AnswerComment> SqlWorkbookRepository::AddComment(Id workbook_id, Id site_id,
                                                        AnswerComment comment) {
  COVALUE_ASSIGN_OR_RETURN(
      auto insert, db_.Prepare("INSERT INTO answer_comments (workbook_id, site_id, link_id, "
                               "author_id, created_ms, text) VALUES (?, ?, ?, ?, ?, ?)"));
  COVALUE_RETURN_IF_ERROR(insert.Bind(workbook_id)
                              .Bind(site_id)
                              .Bind(comment.link_id)
                              .Bind(comment.author_id)
                              .Bind(comment.created_ms)
                              .Bind(comment.text)
                              .Run());
  comment.id = db_.LastInsertId();
  return comment;
}

Result<std::vector<AnswerComment>> SqlWorkbookRepository::Comments(Id workbook_id,
                                                                   const std::string& link_id) {
  COVALUE_ASSIGN_OR_RETURN(
      auto query,
      db_.Prepare("SELECT c.id, c.link_id, c.author_id, u.username, c.created_ms, c.text "
                  "FROM answer_comments c JOIN users u ON u.id = c.author_id "
                  "WHERE c.workbook_id = ? AND c.link_id = ? ORDER BY c.id"));
  query.Bind(workbook_id).Bind(link_id);
  return CollectRows(query, [](const Statement& row) {
    return AnswerComment{row.Int(0), row.Text(1), row.Int(2), row.Text(3), row.Int(4), row.Text(5)};
  });
}

}  // namespace covalue::store::sql
