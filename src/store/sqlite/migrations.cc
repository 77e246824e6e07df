#include "store/sqlite/migrations.h"

#include <span>
#include <string_view>

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
}  // namespace covalue::embedded

namespace covalue::store::sqlite {
namespace {

struct Migration {
  int version;
  std::string_view (*sql)();
};

// Append only: a released migration never changes.
constexpr Migration kMigrations[] = {
    {1, &embedded::Migration0001}, {2, &embedded::Migration0002}, {3, &embedded::Migration0003},
    {4, &embedded::Migration0004}, {5, &embedded::Migration0005}, {6, &embedded::Migration0006},
    {7, &embedded::Migration0007}, {8, &embedded::Migration0008},
};

}  // namespace

int LatestSchemaVersion() { return std::span(kMigrations).back().version; }

Status Migrate(Connection& connection, std::int64_t now_ms) {
  if (auto s = connection.Execute("CREATE TABLE IF NOT EXISTS schema_migrations ("
                                  "version INTEGER PRIMARY KEY, applied_ms INTEGER NOT NULL)");
      !s) {
    return s;
  }
  auto query = connection.Prepare("SELECT COALESCE(MAX(version), 0) FROM schema_migrations");
  if (!query) {
    return Fail(query.error());
  }
  auto row = query->Step();
  if (!row) {
    return Fail(row.error());
  }
  const std::int64_t current = query->Int(0);
  if (current > LatestSchemaVersion()) {
    return Fail(ErrorCode::kUnavailable,
                fmt::format("the database has schema version {}, newer than this program's {}",
                            current, LatestSchemaVersion()));
  }
  for (const Migration& migration : kMigrations) {
    if (migration.version <= current) {
      continue;
    }
    auto applied = connection.Execute("BEGIN IMMEDIATE")
                       .and_then([&] { return connection.Execute(migration.sql()); })
                       .and_then([&]() -> Status {
                         auto insert = connection.Prepare(
                             "INSERT INTO schema_migrations (version, applied_ms) VALUES (?, ?)");
                         if (!insert) {
                           return Fail(insert.error());
                         }
                         return insert->Bind(std::int64_t{migration.version}).Bind(now_ms).Run();
                       })
                       .and_then([&] { return connection.Execute("COMMIT"); });
    if (!applied) {
      (void)connection.Execute("ROLLBACK");
      return Fail(ErrorCode::kInternal, fmt::format("migration {} failed: {}", migration.version,
                                                    applied.error().message));
    }
  }
  return Ok();
}

}  // namespace covalue::store::sqlite
