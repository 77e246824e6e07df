#include "store/open.h"

#include <fmt/format.h>

#include "store/postgres/postgres_store.h"
#include "store/sql/migrations.h"
#include "store/sqlite/sqlite_store.h"

namespace covalue::store {

bool IsPostgresUrl(const std::string& url) {
  return url.starts_with("postgresql://") || url.starts_with("postgres://");
}

Result<std::unique_ptr<Store>> Open(const std::string& url, const OpenOptions& options) {
  const std::size_t scheme_end = url.find("://");
  if (scheme_end == std::string::npos) {
    return sqlite::OpenSqliteStore(url, {.opened_ms = options.opened_ms});
  }
  if (IsPostgresUrl(url)) {
    auto opened = postgres::OpenPostgresStore(url, {.opened_ms = options.opened_ms});
    if (!opened) {
      Error error = opened.error();
      error.field = "db";
      return Fail(std::move(error));
    }
    return opened;
  }
  return Fail(ErrorCode::kInvalidArgument,
              fmt::format("'{}://' names no database driver: give the path of an SQLite file or "
                          "a postgresql:// URI",
                          url.substr(0, scheme_end)),
              "db");
}

int SchemaVersion() { return sql::LatestSchemaVersion(); }

}  // namespace covalue::store
