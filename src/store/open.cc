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
  if (!options.replica_url.empty() && !IsPostgresUrl(options.replica_url)) {
    return Fail(ErrorCode::kInvalidArgument,
                "a replica is a postgresql:// URI of a standby of the database", "db-replica");
  }
  if (!options.replica_url.empty() && !IsPostgresUrl(url)) {
    return Fail(ErrorCode::kInvalidArgument,
                "only a PostgreSQL database has replicas: --db must be a postgresql:// URI",
                "db-replica");
  }
  if (scheme_end == std::string::npos) {
    return sqlite::OpenSqliteStore(url, {.opened_ms = options.opened_ms});
  }
  if (IsPostgresUrl(url)) {
    auto opened = postgres::OpenPostgresStore(
        url, {.opened_ms = options.opened_ms, .replica_url = options.replica_url});
    if (!opened) {
      Error error = opened.error();
      if (error.field.empty()) {
        error.field = "db";
      }
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
