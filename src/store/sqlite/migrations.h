#pragma once

#include <cstdint>

#include "domain/error.h"
#include "store/sqlite/connection.h"

namespace covalue::store::sqlite {

// Applies, in one transaction each and in order, every migration newer than the database's
// schema version (table schema_migrations). kInternal when one fails; the database is left at
// the last version that applied. kUnavailable when the database is newer than this program.
// now_ms: the time each applies at, as recorded (Unix ms; the store never reads the clock).
[[nodiscard]] Status Migrate(Connection& connection, std::int64_t now_ms);

// The number of the newest migration this program knows.
int LatestSchemaVersion();

}  // namespace covalue::store::sqlite
