#include "store/costing_repository.h"

#include "store/sql/sql_repositories.h"

namespace covalue::store::sql {
namespace {

constexpr const char* kResourceColumns =
    "SELECT id, team_id, name, kind, rate_per_minute, annual_cost, capacity_minutes "
    "FROM team_resources ";

Resource ReadResource(const Statement& row) {
  return Resource{row.Int(0),
                  row.Int(1),
                  row.Text(2),
                  ParseResourceKind(row.TextView(3)).value_or(ResourceKind::kStaff),
                  row.Real(4),
                  row.OptionalReal(5),
                  row.OptionalReal(6)};
}

}  // namespace

Result<std::vector<UnitCost>> SqlCostingRepository::UnitCosts(Id site_id) {
  COVALUE_ASSIGN_OR_RETURN(
      auto query, db_.Prepare("SELECT code, unit_cost, currency, valid_from FROM unit_costs "
                              "WHERE site_id = ? ORDER BY code, valid_from"));
  query.Bind(site_id);
  return CollectRows(query, [](const Statement& row) {
    return UnitCost{row.Text(0), row.Real(1), row.Text(2), row.Text(3)};
  });
}

Status SqlCostingRepository::ReplaceUnitCosts(Id site_id, const std::vector<UnitCost>& rows) {
  COVALUE_ASSIGN_OR_RETURN(auto clear, db_.Prepare("DELETE FROM unit_costs WHERE site_id = ?"));
  COVALUE_RETURN_IF_ERROR(clear.Bind(site_id).Run());
  for (const UnitCost& row : rows) {
    COVALUE_ASSIGN_OR_RETURN(
        auto insert, db_.Prepare("INSERT INTO unit_costs (site_id, code, valid_from, unit_cost, "
                                 "currency) VALUES (?, ?, ?, ?, ?)"));
    COVALUE_RETURN_IF_ERROR(insert.Bind(site_id)
                                .Bind(row.code)
                                .Bind(row.valid_from)
                                .BindReal(row.unit_cost)
                                .Bind(row.currency)
                                .Run());
  }
  return Ok();
}

Result<std::optional<SiteCosting>> SqlCostingRepository::GetSiteCosting(Id site_id) {
  COVALUE_ASSIGN_OR_RETURN(
      auto query, db_.Prepare("SELECT site_id, currency, person_time_value_per_minute FROM "
                              "site_costing WHERE site_id = ?"));
  query.Bind(site_id);
  COVALUE_ASSIGN_OR_RETURN(const bool found, query.Step());
  if (!found) return std::optional<SiteCosting>();
  return std::optional<SiteCosting>(SiteCosting{query.Int(0), query.Text(1), query.Real(2)});
}

Status SqlCostingRepository::SetSiteCosting(const SiteCosting& costing) {
  COVALUE_ASSIGN_OR_RETURN(
      auto upsert,
      db_.Prepare("INSERT INTO site_costing (site_id, currency, person_time_value_per_minute) "
                  "VALUES (?, ?, ?) ON CONFLICT (site_id) DO UPDATE SET currency = "
                  "excluded.currency, person_time_value_per_minute = "
                  "excluded.person_time_value_per_minute"));
  return upsert.Bind(costing.site_id)
      .Bind(costing.currency)
      .BindReal(costing.person_time_value_per_minute)
      .Run();
}

Result<Resource> SqlCostingRepository::CreateResource(const Resource& resource) {
  COVALUE_ASSIGN_OR_RETURN(
      auto insert,
      db_.Prepare("INSERT INTO team_resources (team_id, name, kind, rate_per_minute, "
                  "annual_cost, capacity_minutes) VALUES (?, ?, ?, ?, ?, ?) RETURNING id"));
  insert.Bind(resource.team_id)
      .Bind(resource.name)
      .Bind(ResourceKindName(resource.kind))
      .BindReal(resource.rate_per_minute)
      .BindReal(resource.annual_cost)
      .BindReal(resource.capacity_minutes);
  Resource stored = resource;
  COVALUE_ASSIGN_OR_RETURN(stored.id, InsertedId(insert));
  return stored;
}

Result<Resource> SqlCostingRepository::GetResource(Id id) {
  COVALUE_ASSIGN_OR_RETURN(auto query, db_.Prepare(std::string(kResourceColumns) + "WHERE id = ?"));
  query.Bind(id);
  return ReadOne(query, ReadResource, "no such resource");
}

Result<std::vector<Resource>> SqlCostingRepository::Resources(Id team_id) {
  COVALUE_ASSIGN_OR_RETURN(
      auto query, db_.Prepare(std::string(kResourceColumns) + "WHERE team_id = ? ORDER BY id"));
  query.Bind(team_id);
  return CollectRows(query, ReadResource);
}

Status SqlCostingRepository::UpdateResource(const Resource& resource) {
  COVALUE_ASSIGN_OR_RETURN(
      auto update,
      db_.Prepare("UPDATE team_resources SET name = ?, kind = ?, rate_per_minute = ?, "
                  "annual_cost = ?, capacity_minutes = ? WHERE id = ?"));
  COVALUE_RETURN_IF_ERROR(update.Bind(resource.name)
                              .Bind(ResourceKindName(resource.kind))
                              .BindReal(resource.rate_per_minute)
                              .BindReal(resource.annual_cost)
                              .BindReal(resource.capacity_minutes)
                              .Bind(resource.id)
                              .Run());
  if (db_.Changes() == 0) return Fail(ErrorCode::kNotFound, "no such resource");
  return Ok();
}

Status SqlCostingRepository::DeleteResource(Id id) {
  COVALUE_ASSIGN_OR_RETURN(auto remove, db_.Prepare("DELETE FROM team_resources WHERE id = ?"));
  COVALUE_RETURN_IF_ERROR(remove.Bind(id).Run());
  if (db_.Changes() == 0) return Fail(ErrorCode::kNotFound, "no such resource");
  return Ok();
}

}  // namespace covalue::store::sql
