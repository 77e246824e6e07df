#pragma once

#include <cstdint>
#include <memory>
#include <string>

#include "domain/error.h"
#include "store/store.h"

namespace covalue::store::postgres {

struct PostgresOptions {
  // Most writes one group commit may hold. Default: 256.
  int max_group_size = 256;
  // The time the store is opened at (Unix ms), recorded for the migrations it applies.
  std::int64_t opened_ms = 0;
  // A streaming replica of the database for Store::ReadReplica (any libpq URI); empty: none.
  std::string replica_url = {};
};

// Opens the PostgreSQL database url names (any libpq URI; the database must exist) and applies
// the migrations, creating covalue's tables on first use. kUnavailable when it cannot be
// reached or is newer than this program.
[[nodiscard]] Result<std::unique_ptr<Store>> OpenPostgresStore(const std::string& url,
                                                               const PostgresOptions& options = {});

}  // namespace covalue::store::postgres
