#include <fmt/format.h>
#include <fmt/ranges.h>

#include "store/sql/sql_repositories.h"

namespace covalue::store::sql {
namespace {

constexpr const char* kColumns =
    "SELECT id, resource_id, version, site_id, name, title, source, resource, created_by, "
    "created_ms, url, url_version FROM questionnaires ";
constexpr const char* kHeaderColumns =
    "SELECT id, resource_id, version, site_id, name, title, source, '', created_by, "
    "created_ms, url, url_version FROM questionnaires ";

QuestionnaireVersion ReadQuestionnaire(const Statement& row) {
  return QuestionnaireVersion{row.Int(0),         row.Text(1), row.Int(2),   row.OptionalInt(3),
                              row.Text(4),        row.Text(5), row.Text(6),  row.Text(7),
                              row.OptionalInt(8), row.Int(9),  row.Text(10), row.Text(11)};
}

}  // namespace

Result<QuestionnaireVersion> SqlQuestionnaireRepository::AddVersion(QuestionnaireVersion q) {
  COVALUE_ASSIGN_OR_RETURN(auto next,
                           db_.Prepare("SELECT coalesce(max(version), 0) + 1 FROM questionnaires "
                                       "WHERE resource_id = ?"));
  next.Bind(q.resource_id);
  COVALUE_ASSIGN_OR_RETURN(
      q.version, ReadOne(
                     next, [](const Statement& row) { return row.Int(0); }, "no version"));
  COVALUE_ASSIGN_OR_RETURN(
      auto insert,
      db_.Prepare("INSERT INTO questionnaires (resource_id, version, site_id, name, title, source, "
                  "resource, created_by, created_ms, url, url_version) "
                  "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"));
  COVALUE_RETURN_IF_ERROR(insert.Bind(q.resource_id)
                              .Bind(q.version)
                              .Bind(q.site_id)
                              .Bind(q.name)
                              .Bind(q.title)
                              .Bind(q.source)
                              .Bind(q.resource)
                              .Bind(q.created_by)
                              .Bind(q.created_ms)
                              .Bind(q.url)
                              .Bind(q.url_version)
                              .Run());
  q.id = db_.LastInsertId();
  return q;
}

Result<QuestionnaireVersion> SqlQuestionnaireRepository::Latest(const std::string& resource_id,
                                                                bool with_resource) {
  COVALUE_ASSIGN_OR_RETURN(auto query,
                           db_.Prepare(std::string(with_resource ? kColumns : kHeaderColumns) +
                                       "WHERE resource_id = ? ORDER BY version DESC LIMIT 1"));
  query.Bind(resource_id);
  return ReadOne(query, ReadQuestionnaire,
                 fmt::format("questionnaire '{}' does not exist", resource_id));
}

Result<QuestionnaireVersion> SqlQuestionnaireRepository::Version(const std::string& resource_id,
                                                                 std::int64_t version,
                                                                 bool with_resource) {
  COVALUE_ASSIGN_OR_RETURN(auto query,
                           db_.Prepare(std::string(with_resource ? kColumns : kHeaderColumns) +
                                       "WHERE resource_id = ? AND version = ?"));
  query.Bind(resource_id).Bind(version);
  return ReadOne(query, ReadQuestionnaire,
                 fmt::format("questionnaire '{}' has no version {}", resource_id, version));
}

Result<QuestionnaireVersion> SqlQuestionnaireRepository::FindByUrl(
    const std::string& url, const std::string& url_version,
    const std::optional<std::vector<Id>>& sites) {
  COVALUE_ASSIGN_OR_RETURN(
      auto query,
      db_.Prepare(
          std::string(kColumns) +
          "WHERE url = ? AND (? = '' OR url_version = ?) AND (? = 1 OR site_id IS NULL OR " +
          db_.dialect().InIdList("site_id") + ") ORDER BY id DESC LIMIT 1"));
  query.Bind(url)
      .Bind(url_version)
      .Bind(url_version)
      .Bind(std::int64_t{sites ? 0 : 1})
      .Bind(db_.dialect().IdList(sites.value_or(std::vector<Id>{})));
  return ReadOne(query, ReadQuestionnaire,
                 fmt::format("no questionnaire has the canonical '{}{}{}'", url,
                             url_version.empty() ? "" : "|", url_version));
}

Result<Page<QuestionnaireVersion>> SqlQuestionnaireRepository::ListLatest(
    const PageRequest& page, const std::optional<std::vector<Id>>& sites, bool with_resource) {
  COVALUE_ASSIGN_OR_RETURN(
      auto query,
      db_.Prepare(std::string(with_resource ? kColumns : kHeaderColumns) +
                  "q WHERE id > ? AND version = (SELECT max(version) FROM questionnaires "
                  "WHERE resource_id = q.resource_id) AND (? = 1 OR site_id IS NULL OR " +
                  db_.dialect().InIdList("site_id") + ") ORDER BY id LIMIT ?"));
  query.Bind(page.after)
      .Bind(std::int64_t{sites ? 0 : 1})
      .Bind(db_.dialect().IdList(sites.value_or(std::vector<Id>{})))
      .Bind(FetchLimit(page));
  COVALUE_ASSIGN_OR_RETURN(auto rows, CollectRows(query, ReadQuestionnaire));
  return MakePage(std::move(rows), page.limit, [](const QuestionnaireVersion& q) { return q.id; });
}

}  // namespace covalue::store::sql
