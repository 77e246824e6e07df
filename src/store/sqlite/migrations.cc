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
std::string_view Migration0009();
std::string_view Migration0010();
std::string_view Migration0011();
std::string_view Migration0012();
std::string_view Migration0013();
std::string_view Migration0014();
std::string_view Migration0015();
std::string_view SqliteMigration0001();
std::string_view SqliteMigration0004();
std::string_view SqliteMigration0005();
std::string_view SqliteMigration0006();
std::string_view SqliteMigration0008();
std::string_view SqliteMigration0009();
}  // namespace covalue::embedded

namespace covalue::store::sqlite {
namespace {

// One schema version: the SQL every driver shares (store/migrations/), then SQLite's own pieces
// where it must differ (store/sqlite/migrations/: triggers, tables without a rowid), if any.
struct Migration {
  int version;
  std::string_view (*shared)();
  std::string_view (*sqlite)();
};

// Append only: a released version's schema never changes.
constexpr Migration kMigrations[] = {
    {1, &embedded::Migration0001, &embedded::SqliteMigration0001},
    {2, &embedded::Migration0002, nullptr},
    {3, &embedded::Migration0003, nullptr},
    {4, &embedded::Migration0004, &embedded::SqliteMigration0004},
    {5, &embedded::Migration0005, &embedded::SqliteMigration0005},
    {6, &embedded::Migration0006, &embedded::SqliteMigration0006},
    {7, &embedded::Migration0007, nullptr},
    {8, &embedded::Migration0008, &embedded::SqliteMigration0008},
    {9, &embedded::Migration0009, &embedded::SqliteMigration0009},
    {10, &embedded::Migration0010, nullptr},
    {11, &embedded::Migration0011, nullptr},
    {12, &embedded::Migration0012, nullptr},
    {13, &embedded::Migration0013, nullptr},
    {14, &embedded::Migration0014, nullptr},
    {15, &embedded::Migration0015, nullptr},
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
    auto applied =
        connection.Execute("BEGIN IMMEDIATE")
            .and_then([&] { return connection.Execute(migration.shared()); })
            .and_then([&]() -> Status {
              return migration.sqlite == nullptr ? Ok() : connection.Execute(migration.sqlite());
            })
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
