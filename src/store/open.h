#pragma once

#include <cstdint>
#include <memory>
#include <string>

#include "domain/error.h"
#include "store/store.h"

namespace covalue::store {

struct OpenOptions {
  // The time the store is opened at (Unix ms), recorded for the migrations it applies: the
  // store is given times and never reads the clock. Default 0: unknown.
  std::int64_t opened_ms = 0;
  // A streaming replica of a PostgreSQL database for Store::ReadReplica (a postgresql:// URI);
  // empty: none. A replica that can be reached must be a standby of the database's server
  // (kInvalidArgument naming "db-replica" otherwise); one that cannot is used once it can.
  std::string replica_url = {};
};

// Opens the database url names, picking its driver: a plain path is an SQLite file (created
// when absent, migrated); "postgresql://…" or "postgres://…" (any libpq URI) is a PostgreSQL
// database, which must exist (its tables are created on first use); any other "scheme://" is
// kInvalidArgument. kUnavailable when the database cannot be reached. Errors name the url's
// field as "db".
[[nodiscard]] Result<std::unique_ptr<Store>> Open(const std::string& url,
                                                  const OpenOptions& options = {});

// Whether url names a PostgreSQL database rather than an SQLite file.
bool IsPostgresUrl(const std::string& url);

// The schema version this program creates and reads (the newest migration it knows).
int SchemaVersion();

}  // namespace covalue::store
