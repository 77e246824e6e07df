#pragma once

#include <vector>

#include "domain/error.h"
#include "domain/persona.h"

namespace covalue::store {

// Teams' personas (their texts are the answers of their workbooks).
class PersonaRepository {
 public:
  virtual ~PersonaRepository() = default;
  // A new persona (id set); kInvalidArgument for an unknown team, workbook or stratification.
  [[nodiscard]] virtual Result<Persona> Create(const Persona& persona) = 0;
  // kNotFound when absent.
  [[nodiscard]] virtual Result<Persona> Get(Id id) = 0;
  // The team's personas in id order.
  [[nodiscard]] virtual Result<std::vector<Persona>> ListOfTeam(Id team_id) = 0;
  // Sets the persona's picture, replacing any; kInvalidArgument for an unknown persona.
  [[nodiscard]] virtual Status SetPicture(const PersonaPicture& picture) = 0;
  // kNotFound when the persona has none.
  [[nodiscard]] virtual Result<PersonaPicture> Picture(Id persona_id) = 0;
  // kNotFound when the persona has none.
  [[nodiscard]] virtual Status DeletePicture(Id persona_id) = 0;
};

}  // namespace covalue::store
