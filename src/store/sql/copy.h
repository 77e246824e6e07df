#pragma once

#include <functional>

#include "domain/error.h"
#include "store/copy.h"
#include "store/sql/connection.h"

namespace covalue::store::sql {

// Copies every row of every table from source to target, both migrated to this program's
// schema, keeping every id and audit sequence number (covalue migrate). The target must be
// empty (only what its migrations wrote) or already hold a complete copy of source (a run that
// was interrupted after committing; then nothing is written). Everything is written in one
// transaction on target, checked table by table against source's counts before it commits:
// a failure at any point leaves the target as it was. Source is read in one snapshot, so a
// server may keep writing to it meanwhile. kConflict when the target holds other data;
// kFailedPrecondition when either database has a table this program does not know.
[[nodiscard]] Result<CopyResult> CopyTables(Connection& source, Connection& target,
                                            const std::function<void(const CopyProgress&)>& progress);

}  // namespace covalue::store::sql
