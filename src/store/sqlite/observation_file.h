#pragma once

#include "store/registry_repository.h"
#include "store/sql/observation_scan.h"
#include "store/sqlite/connection.h"

namespace covalue::store::sqlite {

// The observation file, the SQLite driver's way of serving the rescan
// (store/sql/observation_scan.h): a compact copy of the observations table that the measure store's
// rescan reads at memory speed (RegistryRepository::ScanObservationRecords). Two files beside the
// database, in host byte order:
//
//   DB-observations         a 64-byte header (magic, record count, the id of the last
//                           observation copied, series count), then one 16-byte
//                           ObservationRecord per observation in id order;
//   DB-observations-series  the series table the records index (magic, count, then each
//                           series' site, population, system and code).
//
// Observations are never changed or deleted, so the file only grows: a catch-up appends the
// rows with a larger id. It is derived data: deleting both files costs one slow rescan. Before
// trusting the file, a reader checks its last record against the database's row of that id, so
// a database restored from a backup or replaced is not matched with a stale file. Catch-ups
// write the records and the series table before the header, and hold an exclusive lock
// (flock) on DB-observations; scans hold a shared one.
class ObservationFile final : public sql::ObservationScan {
 public:
  // For the database of db; without a file when the database is in memory or temporary.
  explicit ObservationFile(Connection& db) : db_(db) {}

  // The file's records, then the database's observations after its last one. kUnavailable
  // when the file turns out damaged part way (a record naming no series, a read error): the file
  // is then removed, so the next scan reads the database and the next catch-up rebuilds it.
  [[nodiscard]] Status Scan(const RegistryRepository::RecordVisit& visit) override;
  // Appends the observations after the file's last one (in a read only).
  [[nodiscard]] Status CatchUp() override;

 private:
  Connection& db_;
};

}  // namespace covalue::store::sqlite
