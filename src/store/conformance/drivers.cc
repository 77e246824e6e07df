#include <unistd.h>

#include <atomic>
#include <fstream>

#include <fmt/format.h>

#include "store/conformance/conformance.h"
#include "store/open.h"
#include "store/postgres/connection.h"
#include "store/postgres/postgres_store.h"
#include "store/sqlite/connection.h"
#include "store/sqlite/sqlite_store.h"
#include "support/postgres_cluster.h"

namespace covalue::store::conformance {
namespace {

Status Run(const std::string& url, const std::string& sql) {
  COVALUE_ASSIGN_OR_RETURN(auto connection, postgres::Connection::Open(url));
  return connection->Execute(sql);
}

// A new, empty and migrated database of the test cluster for each test: a copy of a template
// migrated once per cluster and schema version (CREATE DATABASE … TEMPLATE), named in the test's
// folder for execute.
Result<std::unique_ptr<Store>> OpenPostgres(const std::string& folder) {
  const std::string cluster = testing_support::PostgresClusterUrl();
  if (cluster.empty()) {
    return Fail(ErrorCode::kUnavailable,
                "no PostgreSQL test cluster: run the tests with ctest (its fixture starts one) or "
                "set COVALUE_TEST_POSTGRES_DIR to the folder of scripts/test-postgres start");
  }
  const std::string template_name = fmt::format("covalue_template_v{}", SchemaVersion());
  {
    COVALUE_ASSIGN_OR_RETURN(auto admin, postgres::Connection::Open(cluster));
    // One test process migrates the template; the others wait for it.
    COVALUE_RETURN_IF_ERROR(admin->Execute("SELECT pg_advisory_lock(42)"));
    COVALUE_ASSIGN_OR_RETURN(auto exists,
                             admin->Prepare("SELECT COUNT(*) FROM pg_database WHERE datname = ?"));
    exists.Bind(template_name);
    COVALUE_ASSIGN_OR_RETURN(bool row, exists.Step());
    if (!row || exists.Int(0) == 0) {
      COVALUE_RETURN_IF_ERROR(admin->Execute("CREATE DATABASE " + template_name));
      COVALUE_RETURN_IF_ERROR(
          postgres::OpenPostgresStore(testing_support::PostgresDatabaseUrl(template_name)));
    }
    COVALUE_RETURN_IF_ERROR(admin->Execute("SELECT pg_advisory_unlock(42)"));
  }
  static std::atomic<int> next{0};
  const std::string name = fmt::format("covalue_{}_{}", getpid(), ++next);
  COVALUE_RETURN_IF_ERROR(
      Run(cluster, fmt::format("CREATE DATABASE {} TEMPLATE {}", name, template_name)));
  std::ofstream(folder + "database") << name;
  return postgres::OpenPostgresStore(testing_support::PostgresDatabaseUrl(name));
}

// The url of the database OpenPostgres made for folder.
std::string DatabaseOf(const std::string& folder) {
  std::ifstream in(folder + "database");
  std::string name;
  std::getline(in, name);
  return testing_support::PostgresDatabaseUrl(name);
}

}  // namespace

std::vector<Driver> Drivers() {
  return {
      {"SQLite",
       [](const std::string& folder) { return sqlite::OpenSqliteStore(folder + "covalue.db"); },
       [](const std::string& folder, const std::string& sql) -> Status {
         COVALUE_ASSIGN_OR_RETURN(
             auto connection,
             sqlite::Connection::Open(folder + "covalue.db", sqlite::Connection::Mode::kReadWrite));
         return connection->Execute(sql);
       },
       [](const std::string& folder) { return sqlite::OpenSqliteStore(folder + "covalue.db"); }},
      {"PostgreSQL", &OpenPostgres,
       [](const std::string& folder, const std::string& sql) {
         return Run(DatabaseOf(folder), sql);
       },
       [](const std::string& folder) { return postgres::OpenPostgresStore(DatabaseOf(folder)); }},
  };
}

}  // namespace covalue::store::conformance
