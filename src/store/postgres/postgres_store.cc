#include "store/postgres/postgres_store.h"

#include "store/postgres/connection.h"
#include "store/postgres/events.h"
#include "store/postgres/migrations.h"
#include "store/postgres/observation_cursor.h"
#include "store/sql/migrations.h"
#include "store/sql/sql_store.h"

namespace covalue::store::postgres {
namespace {

// Connections to one database url: the writer's and the readers' are alike (a read runs in a
// read-only snapshot); each scans observations through a cursor.
class PostgresSource final : public sql::ConnectionSource {
 public:
  explicit PostgresSource(std::string url) : url_(std::move(url)) {}

  Result<std::unique_ptr<sql::Connection>> Connect(Role /*role*/) override {
    COVALUE_ASSIGN_OR_RETURN(auto connection, Connection::Open(url_));
    return std::unique_ptr<sql::Connection>(std::move(connection));
  }

  std::unique_ptr<sql::EventChannel> OpenEvents(sql::EventChannel::Deliver deliver) override {
    return std::make_unique<Events>(url_, std::move(deliver));
  }

  std::unique_ptr<sql::ObservationScan> ScanOver(sql::Connection& connection,
                                                 Role role) override {
    return std::make_unique<ObservationCursor>(connection, role == Role::kWriter);
  }

 private:
  const std::string url_;
};

}  // namespace

Result<std::unique_ptr<Store>> OpenPostgresStore(const std::string& url,
                                                 const PostgresOptions& options) {
  COVALUE_ASSIGN_OR_RETURN(auto writer, Connection::Open(url));
  COVALUE_RETURN_IF_ERROR(sql::Migrate(*writer, options.opened_ms, &PostgresPiece));
  return sql::MakeSqlStore(std::make_unique<PostgresSource>(url), std::move(writer),
                           {.max_group_size = options.max_group_size});
}

}  // namespace covalue::store::postgres
