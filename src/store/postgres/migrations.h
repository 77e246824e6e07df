#pragma once

#include <string_view>

namespace covalue::store::postgres {

// PostgreSQL's own piece of a schema version (store/postgres/migrations/: triggers, the
// measures' tables, JSON read as PostgreSQL reads it), run after the shared SQL by
// sql::Migrate; empty when the version has none.
std::string_view PostgresPiece(int version);

}  // namespace covalue::store::postgres
