#pragma once

#include "domain/error.h"
#include "store/registry_repository.h"

namespace covalue::store::sql {

// How a driver serves the rescan of every observation (RegistryRepository::
// ScanObservationRecords and CatchUpScan) over the connection of the transaction it runs in:
// the SQLite driver from its observation file beside the database
// (store/sqlite/observation_file.h).
class ObservationScan {
 public:
  virtual ~ObservationScan() = default;
  [[nodiscard]] virtual Status Scan(const RegistryRepository::RecordVisit& visit) = 0;
  [[nodiscard]] virtual Status CatchUp() = 0;
};

}  // namespace covalue::store::sql
