
#include <fmt/format.h>

#include "store/sql/sql_repositories.h"

namespace covalue::store::sql {
namespace {

Site ReadSite(const Statement& row) { return {row.Int(0), row.Text(1), row.Text(2)}; }

Error NameTaken(const Site& site) {
  return {ErrorCode::kConflict, fmt::format("a site named '{}' exists", site.name), "/name"};
}

}  // namespace

Result<Site> SqlSiteRepository::Create(const Site& site, std::int64_t created_ms) {
  COVALUE_ASSIGN_OR_RETURN(auto insert, db_.Prepare("INSERT INTO sites (name, country, created_ms) "
                                                    "VALUES (?, ?, ?)"));
  if (auto s = insert.Bind(site.name).Bind(site.country).Bind(created_ms).Run(); !s) {
    return Fail(s.error().code == ErrorCode::kConflict ? NameTaken(site) : s.error());
  }
  Site created = site;
  created.id = db_.LastInsertId();
  return created;
}

Result<Site> SqlSiteRepository::Get(Id id) {
  COVALUE_ASSIGN_OR_RETURN(auto query,
                           db_.Prepare("SELECT id, name, country FROM sites WHERE id = ?"));
  query.Bind(id);
  return ReadOne(query, ReadSite, fmt::format("site {} does not exist", id));
}

Result<Page<Site>> SqlSiteRepository::List(const PageRequest& page) {
  COVALUE_ASSIGN_OR_RETURN(
      auto query,
      db_.Prepare("SELECT id, name, country FROM sites WHERE id > ? ORDER BY id LIMIT ?"));
  query.Bind(page.after).Bind(FetchLimit(page));
  COVALUE_ASSIGN_OR_RETURN(auto rows, CollectRows(query, ReadSite));
  return MakePage(std::move(rows), page.limit, [](const Site& s) { return s.id; });
}

Status SqlSiteRepository::Update(const Site& site) {
  COVALUE_ASSIGN_OR_RETURN(auto update,
                           db_.Prepare("UPDATE sites SET name = ?, country = ? WHERE id = ?"));
  if (auto s = update.Bind(site.name).Bind(site.country).Bind(site.id).Run(); !s) {
    return Fail(s.error().code == ErrorCode::kConflict ? NameTaken(site) : s.error());
  }
  if (db_.Changes() == 0) {
    return Fail(ErrorCode::kNotFound, fmt::format("site {} does not exist", site.id));
  }
  return Ok();
}

}  // namespace covalue::store::sql
