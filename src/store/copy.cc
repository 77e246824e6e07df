#include "store/copy.h"

#include <filesystem>

#include <fmt/format.h>

#include "store/open.h"
#include "store/postgres/connection.h"
#include "store/sql/copy.h"
#include "store/sqlite/connection.h"

namespace covalue::store {
namespace {

// A plain connection to a database store::Open has migrated.
Result<std::unique_ptr<sql::Connection>> Connect(const std::string& url, std::int64_t now_ms) {
  COVALUE_RETURN_IF_ERROR(Open(url, {.opened_ms = now_ms}));  // creates and migrates
  if (IsPostgresUrl(url)) {
    COVALUE_ASSIGN_OR_RETURN(auto connection, postgres::Connection::Open(url));
    return std::unique_ptr<sql::Connection>(std::move(connection));
  }
  COVALUE_ASSIGN_OR_RETURN(auto connection,
                           sqlite::Connection::Open(url, sqlite::Connection::Mode::kReadWrite));
  return std::unique_ptr<sql::Connection>(std::move(connection));
}

}  // namespace

Result<CopyResult> CopyDatabase(const std::string& from, const std::string& to,
                                std::int64_t now_ms,
                                const std::function<void(const CopyProgress&)>& progress) {
  if (!IsPostgresUrl(from) && !std::filesystem::exists(from)) {
    return Fail(ErrorCode::kNotFound, fmt::format("no database at {}", from), "from");
  }
  COVALUE_ASSIGN_OR_RETURN(auto source, Connect(from, now_ms));
  COVALUE_ASSIGN_OR_RETURN(auto target, Connect(to, now_ms));
  return sql::CopyTables(*source, *target, progress);
}

}  // namespace covalue::store
