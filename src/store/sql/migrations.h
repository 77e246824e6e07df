#pragma once

#include <cstdint>
#include <functional>
#include <string_view>

#include "domain/error.h"
#include "store/sql/connection.h"

namespace covalue::store::sql {

// A driver's own SQL of a schema version, run after the shared SQL in the same transaction
// (store/README.md, "Migrations"); empty when the version has none for that driver.
using DriverPiece = std::function<std::string_view(int version)>;

// Applies, in one transaction each and in order, every migration newer than the database's
// schema version (table schema_migrations): the shared SQL of store/migrations/ as the dialect
// translates it, then the driver's piece. Processes opening one database at once take turns
// (Dialect::LockSchema). kInternal when one fails; the database is left at the last version that
// applied. kUnavailable when the database is newer than this program. now_ms: the time each
// applies at, as recorded (Unix ms; the store never reads the clock).
[[nodiscard]] Status Migrate(Connection& connection, std::int64_t now_ms,
                             const DriverPiece& piece);

// The number of the newest migration this program knows.
int LatestSchemaVersion();

}  // namespace covalue::store::sql
