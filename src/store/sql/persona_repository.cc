#include "store/persona_repository.h"

#include "store/sql/sql_repositories.h"

namespace covalue::store::sql {
namespace {

constexpr const char* kColumns =
    "SELECT id, team_id, workbook_id, name, professional, stratification_id, stratum, created_ms "
    "FROM personas ";

Persona ReadPersona(const Statement& row) {
  return Persona{row.Int(0),        row.Int(1),         row.Int(2),  row.Text(3),
                 row.Int(4) != 0,   row.OptionalInt(5), row.Text(6), row.Int(7)};
}

}  // namespace

Result<Persona> SqlPersonaRepository::Create(const Persona& persona) {
  COVALUE_ASSIGN_OR_RETURN(
      auto insert,
      db_.Prepare("INSERT INTO personas (team_id, workbook_id, name, professional, "
                  "stratification_id, stratum, created_ms) VALUES (?, ?, ?, ?, ?, ?, ?) "
                  "RETURNING id"));
  insert.Bind(persona.team_id)
      .Bind(persona.workbook_id)
      .Bind(persona.name)
      .Bind(std::int64_t{persona.professional ? 1 : 0})
      .Bind(persona.stratification_id)
      .Bind(persona.stratum)
      .Bind(persona.created_ms);
  Persona stored = persona;
  COVALUE_ASSIGN_OR_RETURN(stored.id, InsertedId(insert));
  return stored;
}

Result<Persona> SqlPersonaRepository::Get(Id id) {
  COVALUE_ASSIGN_OR_RETURN(auto query, db_.Prepare(std::string(kColumns) + "WHERE id = ?"));
  query.Bind(id);
  return ReadOne(query, ReadPersona, "no such persona");
}

Result<std::vector<Persona>> SqlPersonaRepository::ListOfTeam(Id team_id) {
  COVALUE_ASSIGN_OR_RETURN(auto query,
                           db_.Prepare(std::string(kColumns) + "WHERE team_id = ? ORDER BY id"));
  query.Bind(team_id);
  return CollectRows(query, ReadPersona);
}

}  // namespace covalue::store::sql
