#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "domain/page.h"

namespace covalue::store::sql {

// What differs between the databases' SQL, so that each repository's SQL is written once. The
// portable SQL the repositories write:
//   - ? placeholders, numbered left to right (Translate turns them into the driver's);
//   - INSERT … RETURNING and Connection::LastInsertId for a new row's id (both databases have
//     RETURNING; LastInsertId is the new row's key as the driver reports it);
//   - upserts as INSERT … ON CONFLICT (columns) DO UPDATE SET … = excluded.…, the one syntax
//     SQLite and PostgreSQL share; the old row's columns through the table's alias
//     (INSERT INTO t AS a … SET n = a.n + excluded.n: PostgreSQL finds a bare n ambiguous);
//   - a ? that nothing but IS NULL types is read as text (PostgreSQL must know its type);
//   - INTEGER, REAL and TEXT as the types (the driver maps them to its own);
//   - a list of ids bound as one parameter, through InIdList and IdList;
//   - rows read to be changed in the same transaction locked with ForUpdate.
class Dialect {
 public:
  virtual ~Dialect() = default;
  // sql as the driver runs it (PostgreSQL: $1, $2, … for the ? placeholders).
  virtual std::string Translate(std::string_view sql) const = 0;
  // A condition that column is one of a list of ids bound as one parameter (IdList's text).
  virtual std::string InIdList(std::string_view column) const = 0;
  virtual std::string IdList(const std::vector<Id>& ids) const = 0;
  // Appended to a SELECT whose rows the transaction goes on to change: locks them until it
  // ends. Empty where the driver runs one writer at a time (SQLite).
  virtual std::string_view ForUpdate() const = 0;
  // How a write transaction begins, taking the database's one write turn (SQLite: its write
  // lock at once; PostgreSQL: a lock every covalue process takes first), and how a read
  // snapshot does (PostgreSQL: one snapshot for the whole transaction, read only).
  virtual std::string_view BeginWrite() const = 0;
  virtual std::string_view BeginRead() const = 0;
  // The shared migrations' SQL (store/migrations/) as the driver runs it: the column types as
  // the database reads them alike (INTEGER 64-bit, REAL double, TEXT compared byte by byte,
  // INTEGER PRIMARY KEY numbered by the database).
  virtual std::string TranslateSchema(std::string_view sql) const = 0;
  // A statement that serialises schema changes between processes opening one database at once,
  // run first in each migration's transaction; empty where the write transaction already does.
  virtual std::string_view LockSchema() const = 0;
  // A query of the names of the database's tables (one column), and a statement that sets every
  // identity column's next value past its table's largest, after rows were copied in with their
  // ids (empty where the database numbers from the largest id itself).
  virtual std::string_view TablesQuery() const = 0;
  virtual std::string_view RestartIdentities() const = 0;
};

}  // namespace covalue::store::sql
