#pragma once

#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "domain/error.h"
#include "domain/registry.h"

namespace covalue::fhir {

// The registry as FHIR R4 resources. A patient's population, diagnosis date, consent and the
// population's own fields travel as covalue extensions; a stored response is served as it was
// received, with covalue's id and meta; a score is a survey Observation derived from its
// response.

inline constexpr const char* kPopulationExtension = "urn:covalue:fhir:extension:population";
inline constexpr const char* kDiagnosisDateExtension = "urn:covalue:fhir:extension:diagnosis-date";
inline constexpr const char* kConsentExtension = "urn:covalue:fhir:extension:consent";
inline constexpr const char* kFieldExtension = "urn:covalue:fhir:extension:field";
inline constexpr const char* kAccountExtension = "urn:covalue:fhir:extension:account";

nlohmann::json PatientJson(const Patient& patient);

// A Patient resource to enrol: identifier, gender, birthDate, the population extension (its
// site is the patient's), and optionally diagnosis date, consent and fields. The account
// extension names the username of the person's own account, returned in account.
struct PatientToCreate {
  Patient patient;
  std::optional<std::string> account;
};
Result<PatientToCreate> ReadPatient(const nlohmann::json& resource);

// The stored response with covalue's id and meta; WithIdentity sets them on the resource as
// received.
Result<nlohmann::json> ResponseJson(const StoredResponse& response);
nlohmann::json WithIdentity(nlohmann::json resource, const StoredResponse& response);

nlohmann::json ObservationJson(const Observation& observation);

}  // namespace covalue::fhir
