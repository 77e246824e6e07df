#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

#include "domain/error.h"

struct sqlite3;
struct sqlite3_stmt;

namespace covalue::store::sqlite {

class Connection;

// A prepared statement borrowed from its connection's cache; reset and unbound when it goes out
// of scope. Not thread-safe; lives no longer than its connection.
class Statement {
 public:
  Statement(Connection& connection, sqlite3_stmt* stmt) : connection_(&connection), stmt_(stmt) {}
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;
  Statement(Statement&& other) noexcept;
  Statement& operator=(Statement&&) = delete;
  ~Statement();

  // Binds parameters left to right, starting at index 1. A nullopt binds NULL.
  Statement& Bind(std::int64_t value);
  Statement& Bind(std::string_view value);
  Statement& Bind(std::optional<std::int64_t> value);
  Statement& BindReal(double value);
  Statement& BindReal(std::optional<double> value);

  // Advances to the next row: true for a row, false when done.
  [[nodiscard]] Result<bool> Step();
  // Runs a statement that returns no rows to completion.
  [[nodiscard]] Status Run();

  std::int64_t Int(int column) const;
  std::optional<std::int64_t> OptionalInt(int column) const;
  double Real(int column) const;
  std::optional<double> OptionalReal(int column) const;
  std::string Text(int column) const;
  // The column's text, valid until the next Step.
  std::string_view TextView(int column) const;
  bool IsNull(int column) const;

 private:
  Connection* connection_;
  sqlite3_stmt* stmt_;
  int next_index_ = 1;
};

// One SQLite database connection with its statement cache. Not thread-safe: the store hands each
// connection to one thread at a time.
class Connection {
 public:
  enum class Mode { kReadWrite, kReadOnly };

  // Opens (creating in kReadWrite mode) path with WAL, foreign keys, a busy timeout and
  // synchronous=FULL. kUnavailable when the file cannot be opened.
  [[nodiscard]] static Result<std::unique_ptr<Connection>> Open(const std::string& path, Mode mode);

  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;
  ~Connection();

  // Runs one or more statements without parameters (migrations, BEGIN, COMMIT).
  [[nodiscard]] Status Execute(std::string_view sql);
  // A cached prepared statement for sql; a bad statement is a bug (kInternal).
  [[nodiscard]] Result<Statement> Prepare(const std::string& sql);

  std::int64_t LastInsertId() const;
  // The database file's path; "" for an in-memory or temporary database.
  std::string Path() const;
  // Whether a write transaction is open (the writer inside Store::Write).
  bool InWriteTransaction() const;
  int Changes() const;

  // Translates the connection's last error: unique violation → kConflict, busy → kUnavailable,
  // a full disk, a read-only or moved file, an I/O error → kStorageFull; on a connection opened
  // read-only, a write → kInternal (a write was tried on a read snapshot: a bug).
  Error LastError(int rc, std::string_view what) const;

 private:
  Connection(sqlite3* db, Mode mode) : db_(db), mode_(mode) {}

  sqlite3* db_;
  Mode mode_;
  std::unordered_map<std::string, sqlite3_stmt*> statements_;
};

}  // namespace covalue::store::sqlite
