#pragma once

#include "domain/error.h"
#include "store/sqlite/connection.h"

namespace covalue::store::sqlite {

// Applies, in one transaction each and in order, every migration newer than the database's
// schema version (table schema_migrations). kInternal when one fails; the database is left at
// the last version that applied. kUnavailable when the database is newer than this program.
[[nodiscard]] Status Migrate(Connection& connection);

// The number of the newest migration this program knows.
int LatestSchemaVersion();

}  // namespace covalue::store::sqlite
