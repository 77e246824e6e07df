#include "store/conformance/conformance.h"
#include "store/sqlite/connection.h"
#include "store/sqlite/sqlite_store.h"

namespace covalue::store::conformance {

std::vector<Driver> Drivers() {
  return {
      {"SQLite",
       [](const std::string& folder) { return sqlite::OpenSqliteStore(folder + "covalue.db"); },
       [](const std::string& folder, const std::string& sql) -> Status {
         COVALUE_ASSIGN_OR_RETURN(
             auto connection,
             sqlite::Connection::Open(folder + "covalue.db", sqlite::Connection::Mode::kReadWrite));
         return connection->Execute(sql);
       }},
  };
}

}  // namespace covalue::store::conformance
