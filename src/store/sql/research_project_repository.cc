#include "store/research_project_repository.h"

#include "store/sql/sql_repositories.h"

namespace covalue::store::sql {
namespace {

constexpr const char* kProjectColumns =
    "SELECT id, title, purpose, owner_id, shift_days, created_ms FROM research_projects ";

ResearchProject ReadProject(const Statement& row) {
  return ResearchProject{row.Int(0), row.Text(1), row.Text(2), row.Int(3),
                         static_cast<int>(row.Int(4)), row.Int(5)};
}

}  // namespace

Result<ResearchProject> SqlResearchProjectRepository::Create(const ResearchProject& project,
                                                             const std::string& key) {
  COVALUE_ASSIGN_OR_RETURN(
      auto insert,
      db_.Prepare("INSERT INTO research_projects (title, purpose, owner_id, shift_days, "
                  "pseudonym_key, created_ms) VALUES (?, ?, ?, ?, ?, ?) RETURNING id"));
  insert.Bind(project.title)
      .Bind(project.purpose)
      .Bind(project.owner_id)
      .Bind(std::int64_t{project.shift_days})
      .Bind(key)
      .Bind(project.created_ms);
  ResearchProject stored = project;
  COVALUE_ASSIGN_OR_RETURN(stored.id, InsertedId(insert));
  return stored;
}

Result<ResearchProject> SqlResearchProjectRepository::Get(Id id) {
  COVALUE_ASSIGN_OR_RETURN(auto query, db_.Prepare(std::string(kProjectColumns) + "WHERE id = ?"));
  query.Bind(id);
  COVALUE_ASSIGN_OR_RETURN(const bool found, query.Step());
  if (!found) {
    return Fail(ErrorCode::kNotFound, "no such research project");
  }
  return ReadProject(query);
}

Result<std::string> SqlResearchProjectRepository::Key(Id id) {
  COVALUE_ASSIGN_OR_RETURN(auto query,
                           db_.Prepare("SELECT pseudonym_key FROM research_projects WHERE id = ?"));
  query.Bind(id);
  COVALUE_ASSIGN_OR_RETURN(const bool found, query.Step());
  if (!found) {
    return Fail(ErrorCode::kNotFound, "no such research project");
  }
  return query.Text(0);
}

Result<std::vector<ResearchProject>> SqlResearchProjectRepository::List(std::optional<Id> owner_id) {
  COVALUE_ASSIGN_OR_RETURN(
      auto query, db_.Prepare(std::string(kProjectColumns) +
                              (owner_id ? "WHERE owner_id = ? ORDER BY id DESC" : "ORDER BY id DESC")));
  if (owner_id) query.Bind(*owner_id);
  return CollectRows(query, ReadProject);
}

Status SqlResearchProjectRepository::Approve(const SiteApproval& a) {
  COVALUE_ASSIGN_OR_RETURN(
      auto upsert,
      db_.Prepare("INSERT INTO research_approvals (project_id, site_id, approved_by, approved_ms, "
                  "revoked_ms) VALUES (?, ?, ?, ?, NULL) ON CONFLICT (project_id, site_id) DO "
                  "UPDATE SET approved_by = excluded.approved_by, approved_ms = "
                  "excluded.approved_ms, revoked_ms = NULL"));
  return upsert.Bind(a.project_id).Bind(a.site_id).Bind(a.approved_by).Bind(a.approved_ms).Run();
}

Status SqlResearchProjectRepository::RevokeApproval(Id project_id, Id site_id,
                                                    std::int64_t at_ms) {
  COVALUE_ASSIGN_OR_RETURN(
      auto update, db_.Prepare("UPDATE research_approvals SET revoked_ms = ? WHERE project_id = ? "
                               "AND site_id = ? AND revoked_ms IS NULL"));
  COVALUE_RETURN_IF_ERROR(update.Bind(at_ms).Bind(project_id).Bind(site_id).Run());
  if (db_.Changes() == 0) {
    return Fail(ErrorCode::kNotFound, "the site has not approved the project");
  }
  return Ok();
}

Result<std::vector<SiteApproval>> SqlResearchProjectRepository::Approvals(Id project_id) {
  COVALUE_ASSIGN_OR_RETURN(
      auto query,
      db_.Prepare("SELECT a.project_id, a.site_id, s.name, a.approved_by, a.approved_ms, "
                  "a.revoked_ms FROM research_approvals a JOIN sites s ON s.id = a.site_id "
                  "WHERE a.project_id = ? ORDER BY a.site_id"));
  query.Bind(project_id);
  return CollectRows(query, [](const Statement& row) {
    return SiteApproval{row.Int(0), row.Int(1), row.Text(2),
                        row.Int(3), row.Int(4), row.OptionalInt(5)};
  });
}

}  // namespace covalue::store::sql
