#include "store/sqlite/online_backup.h"

#include "store/sqlite/connection.h"

#include <fcntl.h>
#include <unistd.h>

#include <filesystem>

#include <fmt/format.h>
#include <sqlite3.h>

namespace covalue::store::sqlite {
namespace {

// Pages copied per step: small enough that writers wait little for the backup's read lock.
constexpr int kPagesPerStep = 1024;

Status SyncFile(const std::string& path) {
  const int fd = ::open(path.c_str(), O_RDONLY);
  if (fd < 0 || ::fsync(fd) != 0) {
    if (fd >= 0) {
      ::close(fd);
    }
    return Fail(ErrorCode::kStorageFull, fmt::format("cannot sync {}", path));
  }
  ::close(fd);
  return Ok();
}

}  // namespace

Status OnlineBackup(const std::string& source, const std::string& target) {
  std::error_code ec;
  if (std::filesystem::exists(target, ec)) {
    return Fail(ErrorCode::kConflict, fmt::format("{} exists: give a new file", target), "to");
  }
  const std::string part = target + ".part";
  std::filesystem::remove(part, ec);
  sqlite3* from = nullptr;
  sqlite3* to = nullptr;
  const auto close = [&] {
    sqlite3_close(from);
    sqlite3_close(to);
  };
  if (sqlite3_open_v2(source.c_str(), &from, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK) {
    Error error{ErrorCode::kUnavailable,
                fmt::format("cannot open {}: {}", source, sqlite3_errmsg(from)), "db"};
    close();
    return Fail(std::move(error));
  }
  if (sqlite3_open_v2(part.c_str(), &to, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr) !=
      SQLITE_OK) {
    Error error{ErrorCode::kStorageFull,
                fmt::format("cannot write {}: {}", part, sqlite3_errmsg(to)), "to"};
    close();
    return Fail(std::move(error));
  }
  sqlite3_busy_timeout(from, 5000);
  sqlite3_backup* backup = sqlite3_backup_init(to, "main", from, "main");
  int rc = backup == nullptr ? sqlite3_errcode(to) : SQLITE_OK;
  while (backup != nullptr && (rc == SQLITE_OK || rc == SQLITE_BUSY || rc == SQLITE_LOCKED)) {
    rc = sqlite3_backup_step(backup, kPagesPerStep);
    if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED) {
      sqlite3_sleep(10);
    }
  }
  if (backup != nullptr) {
    sqlite3_backup_finish(backup);
  }
  const std::string message = sqlite3_errmsg(to);
  close();
  if (rc != SQLITE_DONE) {
    std::filesystem::remove(part, ec);
    return Fail((rc & 0xFF) == SQLITE_FULL || (rc & 0xFF) == SQLITE_IOERR ? ErrorCode::kStorageFull
                                                                          : ErrorCode::kUnavailable,
                fmt::format("the backup of {} failed: {}", source, message));
  }
  COVALUE_RETURN_IF_ERROR(SyncFile(part));
  std::filesystem::rename(part, target, ec);
  if (ec) {
    return Fail(ErrorCode::kStorageFull, fmt::format("cannot move the backup to {}", target), "to");
  }
  return Ok();
}

Status MakeSingleFile(const std::string& path) {
  COVALUE_ASSIGN_OR_RETURN(auto file, Connection::Open(path, Connection::Mode::kReadWrite));
  COVALUE_RETURN_IF_ERROR(file->Execute("PRAGMA wal_checkpoint(TRUNCATE)"));
  return file->Execute("PRAGMA journal_mode=DELETE");
}

}  // namespace covalue::store::sqlite
