#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "domain/error.h"
#include "domain/page.h"
#include "domain/registry.h"

namespace covalue::store {

// What a search of responses or observations asks for; absent parts match everything.
struct RecordQuery {
  std::optional<Id> patient_id;
  std::optional<std::vector<Id>> sites;  // the sites whose records may be returned
  std::optional<std::int64_t> from_ms;   // authored / effective at or after
  std::optional<std::int64_t> to_ms;     // … and before
  std::optional<std::string> code;       // an observation's code, a response's questionnaire id
  std::optional<std::string> system;     // an observation's code system
  std::optional<Id> population_id;       // an observation's population
};

// The registry: patients, responses and observations (domain/registry.h).
// Which patients a listing holds; absent parts match every patient.
struct PatientQuery {
  std::optional<std::vector<Id>> sites;
  std::optional<Id> population_id;
  std::optional<std::string> identifier;
  bool identifier_prefix = false;  // identifier matches the identifiers that start with it
  // Any part of the identifier or the names, case folded as SearchKey folds (domain/registry.h).
  std::optional<std::string> text;
};

// A patient's ids and enrolment, for matching a file's identifiers and for schedules.
struct PatientKey {
  Id id = 0;
  std::string identifier;
  Id population_id = 0;
  std::int64_t created_ms = 0;  // when the patient was enrolled
};

class RegistryRepository {
 public:
  virtual ~RegistryRepository() = default;
  // kConflict when the site already has the identifier or the user is linked to a patient.
  [[nodiscard]] virtual Result<Patient> CreatePatient(const Patient& patient) = 0;
  [[nodiscard]] virtual Result<Patient> GetPatient(Id id) = 0;
  [[nodiscard]] virtual Result<std::optional<Patient>> PatientOfUser(Id user_id) = 0;
  // Sets the patient's names (and the key searches match); kNotFound when absent.
  [[nodiscard]] virtual Status SetPatientName(Id id, const std::string& family,
                                              const std::string& given) = 0;
  // Every patient of the site, by identifier.
  [[nodiscard]] virtual Result<std::vector<PatientKey>> PatientKeys(Id site_id) = 0;
  // By id.
  [[nodiscard]] virtual Result<Page<Patient>> ListPatients(const PageRequest& page,
                                                           const PatientQuery& query) = 0;
  [[nodiscard]] virtual Result<StoredResponse> AddResponse(const StoredResponse& response) = 0;
  [[nodiscard]] virtual Result<StoredResponse> GetResponse(Id id) = 0;
  // By id (the order they were stored in).
  [[nodiscard]] virtual Result<Page<StoredResponse>> ListResponses(const RecordQuery& query,
                                                                   const PageRequest& page) = 0;
  [[nodiscard]] virtual Result<Observation> AddObservation(const Observation& observation) = 0;
  // Adds many observations at once (a registry file), as AddObservation each in order, hundreds
  // to a statement; their ids are not returned.
  [[nodiscard]] virtual Status AddObservations(std::span<const Observation> observations) = 0;
  [[nodiscard]] virtual Result<Observation> GetObservation(Id id) = 0;
  [[nodiscard]] virtual Result<Page<Observation>> ListObservations(const RecordQuery& query,
                                                                   const PageRequest& page) = 0;
  // Each patient's latest observation of every code of system (the newest effective time; of
  // two at that time, the later stored), by patient and code: the patient list's latest scores.
  [[nodiscard]] virtual Result<std::vector<Observation>> LatestObservations(
      const std::vector<Id>& patient_ids, const std::string& system) = 0;
  [[nodiscard]] virtual Result<PatientNote> AddNote(const PatientNote& note) = 0;
  // The patient's notes, newest first, with their authors' display names.
  [[nodiscard]] virtual Result<Page<PatientNote>> ListNotes(Id patient_id,
                                                            const PageRequest& page) = 0;
  // Calls visit for every observation of the code, in id order (a measure's rebuild); stops
  // early when visit returns false.
  [[nodiscard]] virtual Status ScanObservations(
      const std::string& system, const std::string& code,
      const std::function<bool(const Observation&)>& visit) = 0;
  // The rescan path (a new measure, a rebuild, a preview): every stored observation, in id
  // order, as compact records in chunks; series[r.series] says what a record r is of (the
  // table grows from one call of visit to the next, and earlier entries never change). Served
  // as the driver serves it fastest (store/sql/observation_scan.h). In a write, exactly the
  // observations the write sees; in a read, those of the read's snapshot and perhaps some
  // committed since. kUnavailable when what the driver keeps for the scan turns out damaged
  // part way through (the driver then drops it: the next call succeeds).
  using RecordVisit = std::function<void(std::span<const ObservationSeries> series,
                                         std::span<const ObservationRecord> records)>;
  [[nodiscard]] virtual Status ScanObservationRecords(const RecordVisit& visit) = 0;
  // Brings what the driver keeps for the scan up to date with the committed observations, so
  // that the next scan is fast. Only in a read, as a write's observations may yet be rolled
  // back (kInternal in a write). Best effort: when it cannot keep anything, scans still work.
  [[nodiscard]] virtual Status CatchUpScan() = 0;
};

}  // namespace covalue::store
