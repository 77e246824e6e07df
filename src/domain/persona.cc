#include "domain/persona.h"

#include "domain/validation.h"

namespace covalue {

Status ValidatePersona(const Persona& persona) {
  COVALUE_RETURN_IF_ERROR(ValidateText(persona.name, "/name", 200));
  if (!persona.stratum.empty()) {
    if (!persona.stratification_id) {
      return Fail(ErrorCode::kInvalidArgument, "a stratum is named with its stratification_id",
                  "/stratum");
    }
    COVALUE_RETURN_IF_ERROR(ValidateText(persona.stratum, "/stratum", 100));
  }
  return Ok();
}

}  // namespace covalue
