#include "store/sqlite/sqlite_store.h"

#include "store/sql/migrations.h"
#include "store/sql/sql_store.h"
#include "store/sqlite/connection.h"
#include "store/sqlite/migrations.h"
#include "store/sqlite/observation_file.h"

namespace covalue::store::sqlite {
namespace {

// The SQLite file's connections: the writer reads and writes, readers open it read only; each
// serves the rescan from the observation file beside the database.
class SqliteSource final : public sql::ConnectionSource {
 public:
  explicit SqliteSource(std::string path) : path_(std::move(path)) {}

  Result<std::unique_ptr<sql::Connection>> Connect(Role role) override {
    COVALUE_ASSIGN_OR_RETURN(
        auto connection,
        Connection::Open(path_, role == Role::kWriter ? Connection::Mode::kReadWrite
                                                      : Connection::Mode::kReadOnly));
    return std::unique_ptr<sql::Connection>(std::move(connection));
  }

  std::unique_ptr<sql::ObservationScan> ScanOver(sql::Connection& connection, Role) override {
    return std::make_unique<ObservationFile>(static_cast<Connection&>(connection));
  }

 private:
  const std::string path_;
};

}  // namespace

Result<std::unique_ptr<Store>> OpenSqliteStore(const std::string& path,
                                               const SqliteOptions& options) {
  COVALUE_ASSIGN_OR_RETURN(auto writer, Connection::Open(path, Connection::Mode::kReadWrite));
  COVALUE_RETURN_IF_ERROR(sql::Migrate(*writer, options.opened_ms, &SqlitePiece));
  return sql::MakeSqlStore(std::make_unique<SqliteSource>(path), std::move(writer),
                           {.max_group_size = options.max_group_size});
}

}  // namespace covalue::store::sqlite
