#include <map>
#include <memory>

#include <fmt/format.h>

#include "app/kernel/audit_chain.h"
#include "app/kernel/clock.h"
#include "cli/commands/commands.h"
#include "cli/exit_code.h"
#include "cli/progress_bar.h"
#include "store/copy.h"

namespace covalue::cli {
namespace {

struct BackupOptions {
  std::string db;
  std::string file;
};

// Progress of a copy, a bar per table.
class CopyBars {
 public:
  void operator()(const store::CopyProgress& p) {
    auto& bar = bars_[p.table];
    if (!bar) {
      bar = std::make_unique<ProgressBar>(fmt::format("Copying {}", p.table));
    }
    bar->Update(static_cast<std::size_t>(p.rows), static_cast<std::size_t>(p.total));
    if (p.rows == p.total) {
      bar->Finish();
    }
  }

 private:
  std::map<std::string, std::unique_ptr<ProgressBar>> bars_;
};

// The audit trail of db, checked as `covalue audit verify` does; its record count.
Result<std::int64_t> VerifiedRecords(const std::string& db, std::string_view what) {
  COVALUE_ASSIGN_OR_RETURN(auto store, OpenDatabase(db));
  COVALUE_ASSIGN_OR_RETURN(auto verified, app::VerifyAuditTrail(*store));
  if (verified.broken) {
    return Fail(ErrorCode::kInternal, fmt::format("the {}'s audit record {} is broken: {}", what,
                                                  verified.broken->seq, verified.broken->reason));
  }
  return static_cast<std::int64_t>(verified.records);
}

int Backup(const BackupOptions& o) {
  CopyBars bars;
  if (auto taken = store::BackupDatabase(o.db, o.file, app::SystemClock().NowMs(), std::ref(bars));
      !taken) {
    return ReportError(taken.error());
  }
  auto records = VerifiedRecords(o.file, "backup");
  if (!records) {
    return ReportError(records.error());
  }
  fmt::print("backed up to {}: audit trail intact ({} records)\n", o.file, *records);
  return kExitOk;
}

// Copies from into to (restore: a backup into a database; migrate: a database into another),
// then checks the copy's audit trail.
int Copy(const std::string& from, const std::string& to, bool restoring) {
  CopyBars bars;
  auto copied = store::CopyDatabase(from, to, app::SystemClock().NowMs(), std::ref(bars));
  if (!copied) {
    return ReportError(copied.error());
  }
  auto records = VerifiedRecords(to, restoring ? "restored database" : "copy");
  if (!records) {
    return ReportError(records.error());
  }
  std::int64_t rows = 0;
  for (const store::TableCount& t : copied->tables) {
    rows += t.rows;
  }
  const char* done = copied->already_copied ? "the target already held a complete copy"
                     : restoring            ? "restored"
                                            : "copied";
  fmt::print("{}: {} tables, {} rows, counts equal to the {}'s; audit trail intact ({} records)\n",
             done, copied->tables.size(), rows, restoring ? "backup" : "source", *records);
  return kExitOk;
}

}  // namespace

void AddMigrateCommand(CLI::App& root, int* exit_code) {
  auto o = std::make_shared<BackupOptions>();
  auto* command = root.add_subcommand(
      "migrate",
      "Copy a whole database to another (SQLite and PostgreSQL either way): every row with its "
      "id, the audit trail still verifying; all or nothing, and safe to run again");
  command->add_option("--from", o->db, "The database to copy: an SQLite file or postgresql://")
      ->required();
  command
      ->add_option("--to", o->file,
                   "The new or empty database to copy into: an SQLite file (created) or an "
                   "existing postgresql:// database")
      ->required();
  command->callback([o, exit_code] { *exit_code = Copy(o->db, o->file, false); });
}

void AddBackupCommands(CLI::App& root, int* exit_code) {
  auto backup = std::make_shared<BackupOptions>();
  auto* take = root.add_subcommand(
      "backup",
      "Take an online, consistent backup of a database into a new file while servers write");
  AddDbOption(*take, &backup->db);
  take->add_option("--to", backup->file, "The backup file to write (must not exist)")
      ->required();
  take->callback([backup, exit_code] { *exit_code = Backup(*backup); });

  auto restore = std::make_shared<BackupOptions>();
  auto* put = root.add_subcommand(
      "restore", "Put a backup back into a new SQLite file or an empty PostgreSQL database");
  put->add_option("--from", restore->file, "The backup file")->required();
  put->add_option("--db", restore->db,
                  "The database to restore into: a new SQLite file or an empty postgresql:// "
                  "database (one holding other data is refused)")
      ->required();
  put->callback(
      [restore, exit_code] { *exit_code = Copy(restore->file, restore->db, true); });
}

}  // namespace covalue::cli
