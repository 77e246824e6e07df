#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "domain/error.h"
#include "store/sql/connection.h"

struct sqlite3;
struct sqlite3_stmt;

namespace covalue::store::sqlite {

// SQLite's SQL (store/sql/dialect.h): ? placeholders as written, a list of ids bound as a JSON
// array read by json_each, and no row locks (one writer connection runs every write).
class Dialect final : public sql::Dialect {
 public:
  std::string Translate(std::string_view sql) const override { return std::string(sql); }
  std::string InIdList(std::string_view column) const override;
  std::string IdList(const std::vector<Id>& ids) const override;
  std::string_view ForUpdate() const override { return ""; }
  std::string_view BeginWrite() const override { return "BEGIN IMMEDIATE"; }
  std::string_view BeginRead() const override { return "BEGIN"; }
  std::string TranslateSchema(std::string_view sql) const override { return std::string(sql); }
  std::string_view LockSchema() const override { return ""; }
  std::string_view TablesQuery() const override {
    return "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'";
  }
  std::string_view RestartIdentities() const override { return ""; }
};

class Connection;

// A prepared statement of a connection's cache.
class Cursor final : public sql::Cursor {
 public:
  Cursor(Connection& connection, sqlite3_stmt* stmt) : connection_(connection), stmt_(stmt) {}
  Cursor(const Cursor&) = delete;
  Cursor& operator=(const Cursor&) = delete;
  ~Cursor() override;

  void BindNull(int index) override;
  void BindInt(int index, std::int64_t value) override;
  void BindReal(int index, double value) override;
  void BindText(int index, std::string_view value) override;
  Result<bool> Step() override;
  std::int64_t Int(int column) const override;
  double Real(int column) const override;
  std::string_view TextView(int column) const override;
  bool IsNull(int column) const override;
  sql::ValueKind Kind(int column) const override;
  int ColumnCount() const override;
  std::string_view ColumnName(int column) const override;
  void Reset() override;

 private:
  Connection& connection_;
  sqlite3_stmt* stmt_;
};

// One SQLite database connection with its statement cache: the SQLite driver of the store/sql/
// seam. Not thread-safe: the store hands each connection to one thread at a time.
class Connection final : public sql::Connection {
 public:
  enum class Mode { kReadWrite, kReadOnly };

  // Opens (creating in kReadWrite mode) path with WAL, foreign keys, a busy timeout and
  // synchronous=FULL. kUnavailable when the file cannot be opened.
  [[nodiscard]] static Result<std::unique_ptr<Connection>> Open(const std::string& path, Mode mode);

  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;
  ~Connection() override;

  [[nodiscard]] Status Execute(std::string_view sql) override;
  [[nodiscard]] Result<sql::Statement> Prepare(const std::string& sql) override;
  std::int64_t LastInsertId() const override;
  int Changes() const override;
  const sql::Dialect& dialect() const override { return dialect_; }

  // The database file's path; "" for an in-memory or temporary database.
  std::string Path() const;
  // Whether a write transaction is open (the writer inside Store::Write).
  bool InWriteTransaction() const;

  // Translates the connection's last error as store/sql/connection.h says (SQLite's codes: a
  // unique or primary-key constraint, a foreign-key constraint, busy or locked, full, read-only,
  // moved, I/O or cannot-open); on a connection opened read-only, a write → kInternal (a write
  // was tried on a read snapshot: a bug).
  Error LastError(int rc, std::string_view what) const;

 private:
  Connection(sqlite3* db, Mode mode) : db_(db), mode_(mode) {}

  sqlite3* db_;
  Mode mode_;
  Dialect dialect_;
  std::unordered_map<std::string, std::unique_ptr<Cursor>> statements_;
  // Execute's short texts, each prepared once as its statements in order.
  std::unordered_map<std::string, std::vector<sqlite3_stmt*>> executed_;
};

}  // namespace covalue::store::sqlite
