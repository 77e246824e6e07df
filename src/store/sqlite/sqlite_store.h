#pragma once

#include <cstdint>
#include <memory>
#include <string>

#include "domain/error.h"
#include "store/store.h"

namespace covalue::store::sqlite {

struct SqliteOptions {
  // Most writes one group commit may hold. Default: 256.
  int max_group_size = 256;
  // The time the store is opened at (Unix ms), recorded for the migrations it applies: the
  // store is given times and never reads the clock. Default 0: unknown.
  std::int64_t opened_ms = 0;
};

// Opens (creating when absent) the SQLite database at path and applies migrations.
// kUnavailable when the file cannot be opened or is newer than this program.
[[nodiscard]] Result<std::unique_ptr<Store>> OpenSqliteStore(const std::string& path,
                                                             const SqliteOptions& options = {});

}  // namespace covalue::store::sqlite
