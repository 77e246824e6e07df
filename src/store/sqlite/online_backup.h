#pragma once

#include <string>

#include "domain/error.h"

namespace covalue::store::sqlite {

// Copies the SQLite database at source into a new file at target with SQLite's online backup
// API, page by page while other connections go on writing (a consistent copy of one moment:
// the backup restarts its pages when a write lands between its steps). kConflict when target
// exists; kUnavailable when source cannot be read. The file is written beside target and renamed
// into place once complete and synced, so an interrupted backup leaves no file at target.
[[nodiscard]] Status OnlineBackup(const std::string& source, const std::string& target);

// Folds the write-ahead log of the database at path into its file and leaves it in rollback
// journal mode, so that the one file is the whole database (a backup to keep or move).
[[nodiscard]] Status MakeSingleFile(const std::string& path);

}  // namespace covalue::store::sqlite
