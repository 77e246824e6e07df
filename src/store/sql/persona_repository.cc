#include "store/persona_repository.h"

#include "store/sql/sql_repositories.h"

namespace covalue::store::sql {
namespace {

constexpr const char* kColumns =
    "SELECT p.id, p.team_id, p.workbook_id, p.name, p.professional, p.stratification_id, "
    "p.stratum, p.created_ms, COALESCE(pp.width, 0), COALESCE(pp.height, 0) FROM personas p LEFT "
    "JOIN persona_pictures pp ON pp.persona_id = p.id ";

Persona ReadPersona(const Statement& row) {
  return Persona{row.Int(0),
                 row.Int(1),
                 row.Int(2),
                 row.Text(3),
                 row.Int(4) != 0,
                 row.OptionalInt(5),
                 row.Text(6),
                 row.Int(7),
                 static_cast<int>(row.Int(8)),
                 static_cast<int>(row.Int(9))};
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
  COVALUE_ASSIGN_OR_RETURN(auto query, db_.Prepare(std::string(kColumns) + "WHERE p.id = ?"));
  query.Bind(id);
  return ReadOne(query, ReadPersona, "no such persona");
}

Result<std::vector<Persona>> SqlPersonaRepository::ListOfTeam(Id team_id) {
  COVALUE_ASSIGN_OR_RETURN(auto query,
                           db_.Prepare(std::string(kColumns) + "WHERE p.team_id = ? ORDER BY p.id"));
  query.Bind(team_id);
  return CollectRows(query, ReadPersona);
}

Status SqlPersonaRepository::SetPicture(const PersonaPicture& picture) {
  COVALUE_ASSIGN_OR_RETURN(auto remove,
                           db_.Prepare("DELETE FROM persona_pictures WHERE persona_id = ?"));
  COVALUE_RETURN_IF_ERROR(remove.Bind(picture.persona_id).Run());
  COVALUE_ASSIGN_OR_RETURN(
      auto insert,
      db_.Prepare("INSERT INTO persona_pictures (persona_id, png_base64, width, height, "
                  "author_id, created_ms) VALUES (?, ?, ?, ?, ?, ?)"));
  return insert.Bind(picture.persona_id)
      .Bind(picture.png_base64)
      .Bind(std::int64_t{picture.width})
      .Bind(std::int64_t{picture.height})
      .Bind(picture.author_id)
      .Bind(picture.created_ms)
      .Run();
}

Result<PersonaPicture> SqlPersonaRepository::Picture(Id persona_id) {
  COVALUE_ASSIGN_OR_RETURN(
      auto query, db_.Prepare("SELECT persona_id, png_base64, width, height, author_id, "
                              "created_ms FROM persona_pictures WHERE persona_id = ?"));
  query.Bind(persona_id);
  return ReadOne(
      query,
      [](const Statement& row) {
        return PersonaPicture{row.Int(0), row.Text(1), static_cast<int>(row.Int(2)),
                              static_cast<int>(row.Int(3)), row.Int(4), row.Int(5)};
      },
      "the persona has no picture");
}

Status SqlPersonaRepository::DeletePicture(Id persona_id) {
  COVALUE_ASSIGN_OR_RETURN(auto remove,
                           db_.Prepare("DELETE FROM persona_pictures WHERE persona_id = ?"));
  COVALUE_RETURN_IF_ERROR(remove.Bind(persona_id).Run());
  if (db_.Changes() == 0) return Fail(ErrorCode::kNotFound, "the persona has no picture");
  return Ok();
}

}  // namespace covalue::store::sql
