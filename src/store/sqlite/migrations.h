#pragma once

#include <string_view>

namespace covalue::store::sqlite {

// SQLite's own piece of a schema version (store/sqlite/migrations/: triggers, tables without a
// rowid, JSON read as SQLite reads it), run after the shared SQL by sql::Migrate; empty when
// the version has none.
std::string_view SqlitePiece(int version);

}  // namespace covalue::store::sqlite
