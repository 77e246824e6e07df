#include "store/copy.h"

#include <filesystem>

#include <fmt/format.h>

#include "store/open.h"
#include "store/postgres/connection.h"
#include "store/sql/copy.h"
#include "store/sqlite/connection.h"
#include "store/sqlite/online_backup.h"

namespace covalue::store {
namespace {

// A plain connection to a database store::Open has migrated.
Result<std::unique_ptr<sql::Connection>> Connect(const std::string& url, std::int64_t now_ms) {
  COVALUE_RETURN_IF_ERROR(Open(url, {.opened_ms = now_ms}));  // creates and migrates
  if (IsPostgresUrl(url)) {
    COVALUE_ASSIGN_OR_RETURN(auto connection, postgres::Connection::Open(url));
    return std::unique_ptr<sql::Connection>(std::move(connection));
  }
  COVALUE_ASSIGN_OR_RETURN(auto connection,
                           sqlite::Connection::Open(url, sqlite::Connection::Mode::kReadWrite));
  return std::unique_ptr<sql::Connection>(std::move(connection));
}

}  // namespace

Result<CopyResult> CopyDatabase(const std::string& from, const std::string& to,
                                std::int64_t now_ms,
                                const std::function<void(const CopyProgress&)>& progress) {
  if (!IsPostgresUrl(from) && !std::filesystem::exists(from)) {
    return Fail(ErrorCode::kNotFound, fmt::format("no database at {}", from), "from");
  }
  COVALUE_ASSIGN_OR_RETURN(auto source, Connect(from, now_ms));
  COVALUE_ASSIGN_OR_RETURN(auto target, Connect(to, now_ms));
  return sql::CopyTables(*source, *target, progress);
}

Status BackupDatabase(const std::string& from, const std::string& to, std::int64_t now_ms,
                      const std::function<void(const CopyProgress&)>& progress) {
  std::error_code ec;
  if (std::filesystem::exists(to, ec)) {
    return Fail(ErrorCode::kConflict, fmt::format("{} exists: give a new file", to), "to");
  }
  if (!IsPostgresUrl(from)) {
    if (!std::filesystem::exists(from, ec)) {
      return Fail(ErrorCode::kNotFound, fmt::format("no database at {}", from), "db");
    }
    return sqlite::OnlineBackup(from, to);
  }
  const std::string part = to + ".part";
  std::filesystem::remove(part, ec);
  for (const char* suffix : {"-wal", "-shm"}) {
    std::filesystem::remove(part + suffix, ec);
  }
  COVALUE_RETURN_IF_ERROR(CopyDatabase(from, part, now_ms, progress));
  COVALUE_RETURN_IF_ERROR(sqlite::MakeSingleFile(part));
  std::filesystem::rename(part, to, ec);
  if (ec) {
    return Fail(ErrorCode::kStorageFull, fmt::format("cannot move the backup to {}", to), "to");
  }
  return Ok();
}

}  // namespace covalue::store
