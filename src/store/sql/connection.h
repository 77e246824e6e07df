#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "domain/error.h"
#include "store/sql/dialect.h"

// The seam every repository's SQL is written over (store/README.md): a connection, a
// prepared statement that binds parameters and steps through rows, and the dialect that turns
// the portable SQL into the driver's. A driver (store/sqlite/, store/postgres/)
// implements Connection and Cursor; nothing here names a driver.
namespace covalue::store::sql {

// What a value of a row is.
enum class ValueKind { kNull, kInt, kReal, kText };

// A driver's prepared statement, kept in its connection's cache and lent to one Statement at a
// time. Parameter indexes and columns count as the driver's API does: parameters from 1,
// columns from 0.
class Cursor {
 public:
  virtual ~Cursor() = default;
  virtual void BindNull(int index) = 0;
  virtual void BindInt(int index, std::int64_t value) = 0;
  virtual void BindReal(int index, double value) = 0;
  virtual void BindText(int index, std::string_view value) = 0;
  // Advances to the next row: true for a row, false when done; errors as Connection maps them.
  [[nodiscard]] virtual Result<bool> Step() = 0;
  virtual std::int64_t Int(int column) const = 0;
  virtual double Real(int column) const = 0;
  // Valid until the next Step.
  virtual std::string_view TextView(int column) const = 0;
  virtual bool IsNull(int column) const = 0;
  // What the current row holds in column, and the row's columns (a copy of a table, whatever
  // its columns).
  virtual ValueKind Kind(int column) const = 0;
  virtual int ColumnCount() const = 0;
  virtual std::string_view ColumnName(int column) const = 0;
  // Rewinds and unbinds, for the next borrower.
  virtual void Reset() = 0;
};

// A prepared statement borrowed from its connection: binds parameters left to right and reads
// the current row; reset when it goes out of scope. Not thread-safe; lives no longer than its
// connection.
class Statement {
 public:
  explicit Statement(Cursor& cursor) : cursor_(&cursor) {}
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;
  Statement(Statement&& other) noexcept;
  Statement& operator=(Statement&&) = delete;
  ~Statement();

  // Binds the next parameter. A nullopt binds NULL.
  Statement& Bind(std::int64_t value);
  Statement& Bind(std::string_view value);
  Statement& Bind(std::optional<std::int64_t> value);
  Statement& BindReal(double value);
  Statement& BindReal(std::optional<double> value);

  // Advances to the next row: true for a row, false when done.
  [[nodiscard]] Result<bool> Step() { return cursor_->Step(); }
  // Runs a statement that returns no rows to completion.
  [[nodiscard]] Status Run();

  std::int64_t Int(int column) const { return cursor_->Int(column); }
  std::optional<std::int64_t> OptionalInt(int column) const;
  double Real(int column) const { return cursor_->Real(column); }
  std::optional<double> OptionalReal(int column) const;
  std::string Text(int column) const { return std::string(cursor_->TextView(column)); }
  // The column's text, valid until the next Step.
  std::string_view TextView(int column) const { return cursor_->TextView(column); }
  bool IsNull(int column) const { return cursor_->IsNull(column); }
  ValueKind Kind(int column) const { return cursor_->Kind(column); }
  int ColumnCount() const { return cursor_->ColumnCount(); }
  std::string_view ColumnName(int column) const { return cursor_->ColumnName(column); }

 private:
  Cursor* cursor_;
  int next_index_ = 1;
};

// One database connection with its statement cache, inside the transaction its store opened.
// Not thread-safe: a store hands each connection to one thread at a time.
//
// Errors of Execute, Step and Run, mapped by the driver from its own codes:
//   kConflict         a unique or primary-key violation;
//   kInvalidArgument  a foreign key naming no row ("a referenced record does not exist");
//   kUnavailable      the database is busy or locked past the driver's wait;
//   kStorageFull      the disk refuses the write: full, read-only, moved or gone, failing;
//   kInternal         anything else (a bug, a write on a read snapshot).
class Connection {
 public:
  virtual ~Connection() = default;

  // Runs statements without parameters (DELETE FROM a table, migrations).
  [[nodiscard]] virtual Status Execute(std::string_view sql) = 0;
  // A cached prepared statement for sql, written with ? placeholders and translated by the
  // dialect; a statement the database refuses to prepare is a bug (kInternal).
  [[nodiscard]] virtual Result<Statement> Prepare(const std::string& sql) = 0;
  // The id of the row the last INSERT on this connection created.
  virtual std::int64_t LastInsertId() const = 0;
  // The rows the last INSERT, UPDATE or DELETE on this connection changed.
  virtual int Changes() const = 0;
  virtual const Dialect& dialect() const = 0;
  // Makes room for a row of table at time_ms (Unix ms) before it is inserted: where the driver
  // partitions table by month (PostgreSQL: observations by effective_ms, audit_log by time_ms),
  // that month's partition exists once this returns, in the connection's transaction.
  // kInvalidArgument for a time outside the years 1 to 9999. Nothing to do elsewhere (SQLite).
  [[nodiscard]] virtual Status EnsureMonth(std::string_view table, std::int64_t time_ms) {
    (void)table;
    (void)time_ms;
    return Ok();
  }
  // Whether the connection is lost for good (the database went away): its store then drops it
  // and connects anew.
  virtual bool Broken() const { return false; }
};

}  // namespace covalue::store::sql
