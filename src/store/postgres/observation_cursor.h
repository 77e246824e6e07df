#pragma once

#include "store/registry_repository.h"
#include "store/sql/connection.h"
#include "store/sql/observation_scan.h"

namespace covalue::store::postgres {

// How the PostgreSQL driver serves the rescan (store/sql/observation_scan.h): straight from the
// observations table through a server-side cursor, a chunk of rows at a time, in the
// transaction's snapshot. Nothing is kept beside the database, so a catch-up has nothing to do
// (and, as the contract says, refuses to run in a write).
class ObservationCursor final : public sql::ObservationScan {
 public:
  ObservationCursor(sql::Connection& db, bool in_writer) : db_(db), in_writer_(in_writer) {}

  [[nodiscard]] Status Scan(const RegistryRepository::RecordVisit& visit) override;
  [[nodiscard]] Status CatchUp() override;

 private:
  sql::Connection& db_;
  const bool in_writer_;
};

}  // namespace covalue::store::postgres
