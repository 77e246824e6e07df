#include "store/sqlite/connection.h"

#include <fmt/format.h>
#include <fmt/ranges.h>
#include <sqlite3.h>

namespace covalue::store::sqlite {

std::string Dialect::InIdList(std::string_view column) const {
  return fmt::format("{} IN (SELECT value FROM json_each(?))", column);
}

std::string Dialect::IdList(const std::vector<Id>& ids) const {
  return fmt::format("[{}]", fmt::join(ids, ","));
}

Cursor::~Cursor() { sqlite3_finalize(stmt_); }

void Cursor::BindNull(int index) { sqlite3_bind_null(stmt_, index); }

void Cursor::BindInt(int index, std::int64_t value) { sqlite3_bind_int64(stmt_, index, value); }

void Cursor::BindReal(int index, double value) { sqlite3_bind_double(stmt_, index, value); }

void Cursor::BindText(int index, std::string_view value) {
  sqlite3_bind_text64(stmt_, index, value.data(), value.size(), SQLITE_TRANSIENT, SQLITE_UTF8);
}

Result<bool> Cursor::Step() {
  const int rc = sqlite3_step(stmt_);
  if (rc == SQLITE_ROW) {
    return true;
  }
  if (rc == SQLITE_DONE) {
    return false;
  }
  return Fail(connection_.LastError(rc, sqlite3_sql(stmt_)));
}

std::int64_t Cursor::Int(int column) const { return sqlite3_column_int64(stmt_, column); }

double Cursor::Real(int column) const { return sqlite3_column_double(stmt_, column); }

std::string_view Cursor::TextView(int column) const {
  const auto* text = sqlite3_column_text(stmt_, column);
  const int size = sqlite3_column_bytes(stmt_, column);
  if (text == nullptr) {
    return {};
  }
  return {reinterpret_cast<const char*>(text), static_cast<std::size_t>(size)};
}

bool Cursor::IsNull(int column) const { return sqlite3_column_type(stmt_, column) == SQLITE_NULL; }

sql::ValueKind Cursor::Kind(int column) const {
  switch (sqlite3_column_type(stmt_, column)) {
    case SQLITE_NULL:
      return sql::ValueKind::kNull;
    case SQLITE_INTEGER:
      return sql::ValueKind::kInt;
    case SQLITE_FLOAT:
      return sql::ValueKind::kReal;
    default:
      return sql::ValueKind::kText;
  }
}

int Cursor::ColumnCount() const { return sqlite3_column_count(stmt_); }

std::string_view Cursor::ColumnName(int column) const {
  const char* name = sqlite3_column_name(stmt_, column);
  return name == nullptr ? std::string_view() : std::string_view(name);
}

void Cursor::Reset() {
  sqlite3_reset(stmt_);
  sqlite3_clear_bindings(stmt_);
}

Result<std::unique_ptr<Connection>> Connection::Open(const std::string& path, Mode mode) {
  sqlite3* db = nullptr;
  const int flags = (mode == Mode::kReadWrite ? SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE
                                              : SQLITE_OPEN_READONLY) |
                    SQLITE_OPEN_NOMUTEX;
  const int rc = sqlite3_open_v2(path.c_str(), &db, flags, nullptr);
  if (rc != SQLITE_OK) {
    std::string message = fmt::format("cannot open database {}: {}", path,
                                      db != nullptr ? sqlite3_errmsg(db) : sqlite3_errstr(rc));
    sqlite3_close(db);
    // A served database whose file is gone (a reader cannot open it) is the storage's failing,
    // as a full disk; a database that cannot be opened at start is unavailable.
    return Fail(
        mode == Mode::kReadOnly && ((rc & 0xFF) == SQLITE_CANTOPEN || (rc & 0xFF) == SQLITE_IOERR)
            ? ErrorCode::kStorageFull
            : ErrorCode::kUnavailable,
        std::move(message));
  }
  std::unique_ptr<Connection> connection(new Connection(db, mode));
  sqlite3_busy_timeout(db, 5000);
  sqlite3_extended_result_codes(db, 1);
  // synchronous=FULL: a commit is on disk, WAL included, before it returns.
  const char* pragmas = mode == Mode::kReadWrite
                            ? "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; "
                              "PRAGMA foreign_keys=ON;"
                            : "PRAGMA foreign_keys=ON;";
  if (auto status = connection->Execute(pragmas); !status) {
    return Fail(ErrorCode::kUnavailable,
                fmt::format("cannot use database {}: {}", path, status.error().message));
  }
  return connection;
}

Connection::~Connection() {
  statements_.clear();  // finalized before the database closes
  for (const auto& [text, statements] : executed_) {
    for (sqlite3_stmt* stmt : statements) sqlite3_finalize(stmt);
  }
  sqlite3_close(db_);
}

// A text this short (a transaction's BEGIN, SAVEPOINT, RELEASE or COMMIT, run several times a
// request) is prepared once and kept; a longer one (a migration) is run by sqlite3_exec, which
// parses it each time.
constexpr std::size_t kKeptExecuteText = 128;

Status Connection::Execute(std::string_view sql) {
  if (sql.size() > kKeptExecuteText) {
    char* message = nullptr;
    const int rc = sqlite3_exec(db_, std::string(sql).c_str(), nullptr, nullptr, &message);
    sqlite3_free(message);
    if (rc != SQLITE_OK) {
      return Fail(LastError(rc, sql.substr(0, 60)));
    }
    return Ok();
  }
  auto found = executed_.find(std::string(sql));
  if (found == executed_.end()) {
    std::vector<sqlite3_stmt*> statements;
    const std::string text(sql);
    const char* rest = text.c_str();
    while (*rest != '\0') {
      sqlite3_stmt* stmt = nullptr;
      const int rc = sqlite3_prepare_v3(db_, rest, -1, SQLITE_PREPARE_PERSISTENT, &stmt, &rest);
      if (rc != SQLITE_OK) {
        Error error = LastError(rc, sql.substr(0, 60));
        for (sqlite3_stmt* prepared : statements) sqlite3_finalize(prepared);
        return Fail(std::move(error));
      }
      if (stmt != nullptr) statements.push_back(stmt);  // nullptr: only spaces or a comment
    }
    found = executed_.emplace(text, std::move(statements)).first;
  }
  for (sqlite3_stmt* stmt : found->second) {
    int rc = sqlite3_step(stmt);
    while (rc == SQLITE_ROW) rc = sqlite3_step(stmt);  // rows are not wanted, as with exec
    if (rc != SQLITE_DONE) {
      Error error = LastError(rc, sql.substr(0, 60));
      sqlite3_reset(stmt);
      return Fail(std::move(error));
    }
    sqlite3_reset(stmt);
  }
  return Ok();
}

Result<sql::Statement> Connection::Prepare(const std::string& sql) {
  auto found = statements_.find(sql);
  if (found == statements_.end()) {
    sqlite3_stmt* stmt = nullptr;
    const std::string text = dialect_.Translate(sql);
    const int rc = sqlite3_prepare_v3(db_, text.c_str(), static_cast<int>(text.size()),
                                      SQLITE_PREPARE_PERSISTENT, &stmt, nullptr);
    if (rc != SQLITE_OK) {
      sqlite3_finalize(stmt);
      return Fail(ErrorCode::kInternal,
                  fmt::format("cannot prepare '{}': {}", sql, sqlite3_errmsg(db_)));
    }
    found = statements_.emplace(sql, std::make_unique<Cursor>(*this, stmt)).first;
  }
  return sql::Statement(*found->second);
}

std::int64_t Connection::LastInsertId() const { return sqlite3_last_insert_rowid(db_); }

int Connection::Changes() const { return sqlite3_changes(db_); }

std::string Connection::Path() const {
  const char* path = sqlite3_db_filename(db_, "main");
  return path == nullptr ? std::string() : std::string(path);
}

bool Connection::InWriteTransaction() const {
  return sqlite3_txn_state(db_, "main") == SQLITE_TXN_WRITE;
}

Error Connection::LastError(int rc, std::string_view what) const {
  std::string message = fmt::format("{} ({})", sqlite3_errmsg(db_), what);
  switch (rc & 0xFF) {
    case SQLITE_CONSTRAINT:
      if (rc == SQLITE_CONSTRAINT_UNIQUE || rc == SQLITE_CONSTRAINT_PRIMARYKEY) {
        return {ErrorCode::kConflict, std::move(message), {}};
      }
      if (rc == SQLITE_CONSTRAINT_FOREIGNKEY) {
        return {ErrorCode::kInvalidArgument, "a referenced record does not exist", {}};
      }
      return {ErrorCode::kInternal, std::move(message), {}};
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      return {ErrorCode::kUnavailable, std::move(message), {}};
    // What the disk does, not a bug: full, read-only, the file moved or gone, the device
    // failing. The client is told to come back; the operator reads the cause in the log.
    case SQLITE_FULL:
      return {ErrorCode::kStorageFull,
              fmt::format("the database's disk is full; nothing was written ({})", message),
              {}};
    case SQLITE_READONLY:
      if (mode_ == Mode::kReadOnly) {
        return {ErrorCode::kInternal, std::move(message), {}};
      }
      if (rc == SQLITE_READONLY_DBMOVED) {
        return {ErrorCode::kStorageFull,
                fmt::format("the database file was moved or deleted; nothing was written ({})",
                            message),
                {}};
      }
      return {ErrorCode::kStorageFull,
              fmt::format("the database file is read-only; nothing was written ({})", message),
              {}};
    case SQLITE_IOERR:
    case SQLITE_CANTOPEN:
      return {ErrorCode::kStorageFull,
              fmt::format("the database's storage failed; nothing was written ({})", message),
              {}};
    default:
      return {ErrorCode::kInternal, std::move(message), {}};
  }
}

}  // namespace covalue::store::sqlite
