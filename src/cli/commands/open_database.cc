#include <filesystem>

#include "app/kernel/clock.h"
#include "cli/commands/commands.h"
#include "store/open.h"

namespace covalue::cli {

void AddDbOption(CLI::App& command, std::string* db) {
  command
      .add_option("--db", *db,
                  "database: an SQLite file (created when absent) or a postgresql:// URI of an existing "
                  "database (its tables are created on first use)")
      ->default_val("covalue.db");
}

Result<std::unique_ptr<store::Store>> OpenDatabase(const std::string& db,
                                                   const std::string& replica) {
  return store::Open(db, {.opened_ms = app::SystemClock().NowMs(), .replica_url = replica});
}

std::string BesideBuild(const std::string& relative) {
  std::error_code ec;
  const auto exe = std::filesystem::read_symlink("/proc/self/exe", ec);
  if (ec) {
    return relative;
  }
  return (exe.parent_path().parent_path() / relative).string();
}

}  // namespace covalue::cli
