#include "store/open.h"

#include <fmt/format.h>

#include "store/sqlite/sqlite_store.h"

namespace covalue::store {

Result<std::unique_ptr<Store>> Open(const std::string& url, const OpenOptions& options) {
  const std::size_t scheme_end = url.find("://");
  if (scheme_end == std::string::npos) {
    return sqlite::OpenSqliteStore(url, {.opened_ms = options.opened_ms});
  }
  const std::string scheme = url.substr(0, scheme_end);
  if (scheme == "postgresql" || scheme == "postgres") {
    return Fail(ErrorCode::kUnsupported,
                "PostgreSQL databases are not supported yet: give the path of an SQLite file",
                "db");
  }
  return Fail(
      ErrorCode::kInvalidArgument,
      fmt::format("'{}://' names no database driver: give the path of an SQLite file", scheme),
      "db");
}

}  // namespace covalue::store
