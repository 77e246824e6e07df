#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <set>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "domain/error.h"
#include "store/sql/connection.h"

struct pg_conn;
struct pg_result;

namespace covalue::store::postgres {

// PostgreSQL's SQL (store/sql/dialect.h). Translate numbers the ? placeholders $1, $2, …
// (a ? tested with IS NULL is cast to text, since nothing else says its type), and reads the
// portable types as PostgreSQL must: INTEGER as BIGINT (times in ms, ids), REAL as DOUBLE
// PRECISION. In the schema, TEXT compares byte by byte (COLLATE "C", as SQLite does, so lists
// come in the same order on both) and INTEGER PRIMARY KEY is an identity column. The column
// "only" (a word PostgreSQL reserves) is quoted. A list of ids is a bigint array; rows read to
// be changed are locked FOR UPDATE.
class Dialect final : public sql::Dialect {
 public:
  std::string Translate(std::string_view sql) const override;
  std::string InIdList(std::string_view column) const override;
  std::string IdList(const std::vector<Id>& ids) const override;
  std::string_view ForUpdate() const override { return " FOR UPDATE"; }
  // The write turn: every covalue server's writer takes one advisory lock first, so the
  // groups of several servers on one database commit one after another, in the order they
  // take it, and never wait for each other's rows in a deadlock (a group's writes touch the
  // same hot rows: the audit chain's head, the measure store's generation and aggregates).
  std::string_view BeginWrite() const override {
    return "BEGIN; SELECT pg_advisory_xact_lock(4729173003)";
  }
  std::string_view BeginRead() const override {
    return "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY";
  }
  std::string TranslateSchema(std::string_view sql) const override;
  std::string_view LockSchema() const override;
  std::string_view TablesQuery() const override;
  std::string_view RestartIdentities() const override;
};

class Connection;

// A statement prepared on the server (PQprepare), its parameters bound as text; a Step runs it
// and holds its rows.
class Cursor final : public sql::Cursor {
 public:
  Cursor(Connection& connection, std::string name, std::string sql, int parameters)
      : connection_(connection),
        name_(std::move(name)),
        sql_(std::move(sql)),
        values_(static_cast<std::size_t>(parameters)),
        bound_(static_cast<std::size_t>(parameters), false) {}
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
  void Set(int index, std::string value);

  Connection& connection_;
  const std::string name_;
  const std::string sql_;
  std::vector<std::string> values_;
  std::vector<bool> bound_;  // false: NULL
  pg_result* result_ = nullptr;
  int row_ = -1;
};

// One PostgreSQL connection (libpq) with its cache of prepared statements: the PostgreSQL
// driver of the store/sql/ seam. Every commit is durable before it returns
// (synchronous_commit = on). Not thread-safe: the store hands each connection to one thread at a
// time.
class Connection final : public sql::Connection {
 public:
  // Connects to url (any libpq connection URI). kUnavailable when the server cannot be reached
  // or refuses.
  [[nodiscard]] static Result<std::unique_ptr<Connection>> Open(const std::string& url);

  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;
  ~Connection() override;

  [[nodiscard]] Status Execute(std::string_view sql) override;
  [[nodiscard]] Result<sql::Statement> Prepare(const std::string& sql) override;
  std::int64_t LastInsertId() const override;
  int Changes() const override { return changes_; }
  const sql::Dialect& dialect() const override { return dialect_; }
  // Calls covalue_month_partition (migration 0001's piece) once per table and month this
  // connection has not yet seen committed.
  [[nodiscard]] Status EnsureMonth(std::string_view table, std::int64_t time_ms) override;
  bool Broken() const override;

  // The payloads of notifications on the channels this connection listens to (LISTEN), waiting
  // up to timeout for the first. kUnavailable when the connection is lost.
  [[nodiscard]] Result<std::vector<std::string>> Notifications(std::chrono::milliseconds timeout);

  // Translates a failed result as store/sql/connection.h says, by SQLSTATE: 23505 a unique
  // violation, 23503 a foreign key, 40001/40P01/55P03 busy, 53100 disk full, the connection
  // classes (08, 57P0x) unavailable, 22021/22P05 text PostgreSQL cannot hold (invalid).
  Error ErrorOf(const pg_result* result, std::string_view what) const;

 private:
  friend class Cursor;
  explicit Connection(pg_conn* conn) : conn_(conn) {}

  pg_conn* conn_;
  Dialect dialect_;
  int changes_ = 0;
  std::unordered_map<std::string, std::unique_ptr<Cursor>> statements_;
  // (table, year × 12 + month) whose partition a committed transaction saw, and those the open
  // one made or saw: kept on COMMIT, forgotten on any ROLLBACK (which may have undone them).
  std::set<std::pair<std::string, int>> months_;
  std::set<std::pair<std::string, int>> pending_months_;
};

}  // namespace covalue::store::postgres
