#include "store/sql/migrations.h"

#include <span>
#include <string>

#include <fmt/format.h>

namespace covalue::embedded {
std::string_view Migration0001();
std::string_view Migration0002();
std::string_view Migration0003();
std::string_view Migration0004();
std::string_view Migration0005();
std::string_view Migration0006();
std::string_view Migration0007();
std::string_view Migration0008();
std::string_view Migration0009();
std::string_view Migration0010();
std::string_view Migration0011();
std::string_view Migration0012();
std::string_view Migration0013();
std::string_view Migration0014();
std::string_view Migration0015();
std::string_view Migration0016();
std::string_view Migration0017();
std::string_view Migration0018();
std::string_view Migration0019();
std::string_view Migration0020();
std::string_view Migration0021();
std::string_view Migration0022();
std::string_view Migration0023();
std::string_view Migration0024();
std::string_view Migration0025();
}  // namespace covalue::embedded

namespace covalue::store::sql {
namespace {

// Append only: a released version's schema never changes.
constexpr std::string_view (*kShared[])() = {
    &embedded::Migration0001, &embedded::Migration0002, &embedded::Migration0003,
    &embedded::Migration0004, &embedded::Migration0005, &embedded::Migration0006,
    &embedded::Migration0007, &embedded::Migration0008, &embedded::Migration0009,
    &embedded::Migration0010, &embedded::Migration0011, &embedded::Migration0012,
    &embedded::Migration0013, &embedded::Migration0014, &embedded::Migration0015,
    &embedded::Migration0016, &embedded::Migration0017, &embedded::Migration0018,
    &embedded::Migration0019, &embedded::Migration0020, &embedded::Migration0021,
    &embedded::Migration0022, &embedded::Migration0023, &embedded::Migration0024,
    &embedded::Migration0025,
};

Result<std::int64_t> CurrentVersion(Connection& connection) {
  COVALUE_ASSIGN_OR_RETURN(
      auto query, connection.Prepare("SELECT COALESCE(MAX(version), 0) FROM schema_migrations"));
  COVALUE_ASSIGN_OR_RETURN(bool row, query.Step());
  return row ? query.Int(0) : 0;
}

// In the open transaction: the next version after the database's, applied; false when the
// database is already at the newest.
Result<bool> ApplyNext(Connection& connection, std::int64_t now_ms, const DriverPiece& piece) {
  const Dialect& dialect = connection.dialect();
  if (!dialect.LockSchema().empty()) {
    COVALUE_RETURN_IF_ERROR(connection.Execute(dialect.LockSchema()));
  }
  COVALUE_RETURN_IF_ERROR(connection.Execute(dialect.TranslateSchema(
      "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, "
      "applied_ms INTEGER NOT NULL)")));
  COVALUE_ASSIGN_OR_RETURN(const std::int64_t current, CurrentVersion(connection));
  if (current > LatestSchemaVersion()) {
    return Fail(ErrorCode::kUnavailable,
                fmt::format("the database has schema version {}, newer than this program's {}",
                            current, LatestSchemaVersion()));
  }
  if (current == LatestSchemaVersion()) {
    return false;
  }
  const int version = static_cast<int>(current) + 1;
  const auto fail = [&](const Error& e) {
    return Fail(ErrorCode::kInternal, fmt::format("migration {} failed: {}", version, e.message));
  };
  if (auto s = connection.Execute(dialect.TranslateSchema(kShared[version - 1]())); !s) {
    return fail(s.error());
  }
  if (const std::string_view own = piece(version); !own.empty()) {
    if (auto s = connection.Execute(own); !s) {
      return fail(s.error());
    }
  }
  COVALUE_ASSIGN_OR_RETURN(
      auto insert,
      connection.Prepare("INSERT INTO schema_migrations (version, applied_ms) VALUES (?, ?)"));
  COVALUE_RETURN_IF_ERROR(insert.Bind(std::int64_t{version}).Bind(now_ms).Run());
  return true;
}

}  // namespace

int LatestSchemaVersion() { return static_cast<int>(std::size(kShared)); }

Status Migrate(Connection& connection, std::int64_t now_ms, const DriverPiece& piece) {
  for (;;) {
    COVALUE_RETURN_IF_ERROR(connection.Execute(connection.dialect().BeginWrite()));
    auto applied = ApplyNext(connection, now_ms, piece);
    if (!applied) {
      (void)connection.Execute("ROLLBACK");
      return Fail(applied.error());
    }
    COVALUE_RETURN_IF_ERROR(connection.Execute("COMMIT"));
    if (!*applied) {
      return Ok();
    }
  }
}

}  // namespace covalue::store::sql
