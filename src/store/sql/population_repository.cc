#include <fmt/format.h>

#include "store/sql/sql_repositories.h"

namespace covalue::store::sql {
namespace {

Population ReadPopulation(const Statement& row) {
  return {row.Int(0),  row.Int(1), row.Text(2), row.Text(3), DecodeTranslations(row.Text(4)),
          DecodeTranslations(row.Text(5))};
}

Error NameTaken(const Population& population) {
  return {ErrorCode::kConflict,
          fmt::format("site {} has a population named '{}'", population.site_id, population.name),
          "/name"};
}

}  // namespace

Result<Population> SqlPopulationRepository::Create(const Population& population) {
  COVALUE_ASSIGN_OR_RETURN(
      auto insert,
      db_.Prepare("INSERT INTO populations (site_id, name, description, names, descriptions) "
                  "VALUES (?, ?, ?, ?, ?)"));
  if (auto s = insert.Bind(population.site_id)
                   .Bind(population.name)
                   .Bind(population.description)
                   .Bind(EncodeTranslations(population.names))
                   .Bind(EncodeTranslations(population.descriptions))
                   .Run();
      !s) {
    return Fail(s.error().code == ErrorCode::kConflict ? NameTaken(population) : s.error());
  }
  Population created = population;
  created.id = db_.LastInsertId();
  return created;
}

Result<Population> SqlPopulationRepository::Get(Id id) {
  COVALUE_ASSIGN_OR_RETURN(
      auto query,
      db_.Prepare("SELECT id, site_id, name, description, names, descriptions FROM populations "
                  "WHERE id = ?"));
  query.Bind(id);
  return ReadOne(query, ReadPopulation, fmt::format("population {} does not exist", id));
}

Result<Page<Population>> SqlPopulationRepository::List(const PageRequest& page,
                                                       std::optional<Id> site_id) {
  COVALUE_ASSIGN_OR_RETURN(
      auto query,
      db_.Prepare("SELECT id, site_id, name, description, names, descriptions FROM populations "
                  "WHERE id > ? AND (? IS NULL OR site_id = ?) ORDER BY id LIMIT ?"));
  query.Bind(page.after).Bind(site_id).Bind(site_id).Bind(FetchLimit(page));
  COVALUE_ASSIGN_OR_RETURN(auto rows, CollectRows(query, ReadPopulation));
  return MakePage(std::move(rows), page.limit, [](const Population& p) { return p.id; });
}

Status SqlPopulationRepository::Update(const Population& population) {
  COVALUE_ASSIGN_OR_RETURN(
      auto update,
      db_.Prepare("UPDATE populations SET name = ?, description = ?, names = ?, descriptions = ? "
                  "WHERE id = ?"));
  if (auto s = update.Bind(population.name)
                   .Bind(population.description)
                   .Bind(EncodeTranslations(population.names))
                   .Bind(EncodeTranslations(population.descriptions))
                   .Bind(population.id)
                   .Run();
      !s) {
    return Fail(s.error().code == ErrorCode::kConflict ? NameTaken(population) : s.error());
  }
  if (db_.Changes() == 0) {
    return Fail(ErrorCode::kNotFound, fmt::format("population {} does not exist", population.id));
  }
  return Ok();
}

}  // namespace covalue::store::sql
