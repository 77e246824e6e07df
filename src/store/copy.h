#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "domain/error.h"

namespace covalue::store {

// How far a copy is: rows of table copied so far, of total.
struct CopyProgress {
  std::string table;
  std::int64_t rows = 0;
  std::int64_t total = 0;
};

// One table's rows, as counted in source and copy alike after copying.
struct TableCount {
  std::string table;
  std::int64_t rows = 0;
};

struct CopyResult {
  std::vector<TableCount> tables;
  bool already_copied = false;  // the target held a complete copy already; nothing was written
};

// Copies the database at from into the database at to (each an SQLite path or a postgresql://
// URI, opened and migrated as store::Open does): every row of every table, sessions and tokens
// included, with the same ids and audit sequence numbers, adding no row of its own (covalue
// migrate). All or nothing: one transaction on the target, committed only when every table's
// count matches the source's; run again after an interruption, it copies anew, or finds the
// complete copy and writes nothing. from is read in one snapshot while its servers go on.
// kConflict when the target holds other data; kUnavailable when either cannot be reached.
[[nodiscard]] Result<CopyResult> CopyDatabase(
    const std::string& from, const std::string& to, std::int64_t now_ms,
    const std::function<void(const CopyProgress&)>& progress);

// Takes an online, consistent backup of the database at from into a new SQLite file at to
// (covalue backup) while servers go on writing: of an SQLite database with SQLite's online
// backup API; of a PostgreSQL one as a copy of every row (CopyDatabase), which `covalue
// restore` puts back into either kind. to is written under another name and renamed once
// complete. kConflict when to exists.
[[nodiscard]] Status BackupDatabase(const std::string& from, const std::string& to,
                                    std::int64_t now_ms,
                                    const std::function<void(const CopyProgress&)>& progress);

}  // namespace covalue::store
