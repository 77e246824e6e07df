#pragma once

#include <cstddef>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/error.h"
#include "domain/registry.h"

namespace covalue::formats {

// A registry file (CSV with a header line) is one of two kinds, told apart by its header:
//
// - patients: identifier, population_id, birth_date (YYYY-MM-DD), sex (female, male, other,
//   unknown); optional family and given (the names), diagnosis_date and consent (pending,
//   consented, declined, withdrawn;
//   Default: pending); every other column is a population field of that name (an empty cell
//   leaves the field out).
// - observations: identifier (a patient of the site), code, value (a number), effective (a FHIR
//   date or dateTime); optional system (Default: kRegistrySystem), display (Default: the code)
//   and unit.
enum class RegistryFileKind { kPatients, kObservations };

// The code system of registry variables imported without one.
inline constexpr const char* kRegistrySystem = "urn:covalue:fhir:codesystem:registry";

// A line the import refuses, and why; column is the header's name ("" for the whole line).
struct RejectedLine {
  std::size_t line = 0;
  std::string column;
  std::string reason;
};

struct PatientRow {
  std::size_t line = 0;
  Patient patient;  // site_id left 0
};

struct ObservationRow {
  std::size_t line = 0;
  std::string identifier;
  Observation observation;  // ids left 0
};

struct RegistryFile {
  RegistryFileKind kind = RegistryFileKind::kPatients;
  std::size_t records = 0;  // data lines read
  std::vector<PatientRow> patients;
  std::vector<ObservationRow> observations;
  std::vector<RejectedLine> rejected;  // lines whose cells cannot be read, in line order
};

// Reads a registry file, calling progress(line) now and then with the line reached. Lines whose
// cells cannot be read are listed in rejected; the file fails as a whole (kInvalidArgument
// naming the line) only when it is not CSV, or its header names neither kind or repeats a
// column.
[[nodiscard]] Result<RegistryFile> ReadRegistryCsv(
    std::string_view text, const std::function<void(std::size_t line)>& progress = {});

}  // namespace covalue::formats
