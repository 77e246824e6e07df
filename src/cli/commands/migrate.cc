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

struct MigrateOptions {
  std::string from;
  std::string to;
};

int Migrate(const MigrateOptions& o) {
  std::map<std::string, std::unique_ptr<ProgressBar>> bars;
  auto copied = store::CopyDatabase(
      o.from, o.to, app::SystemClock().NowMs(), [&](const store::CopyProgress& p) {
        auto& bar = bars[p.table];
        if (!bar) {
          bar = std::make_unique<ProgressBar>(fmt::format("Copying {}", p.table));
        }
        bar->Update(static_cast<std::size_t>(p.rows), static_cast<std::size_t>(p.total));
        if (p.rows == p.total) {
          bar->Finish();
        }
      });
  if (!copied) {
    return ReportError(copied.error());
  }
  // The copy's audit trail, checked as `covalue audit verify` checks it.
  auto target = OpenDatabase(o.to);
  if (!target) {
    return ReportError(target.error());
  }
  auto verified = app::VerifyAuditTrail(**target);
  if (!verified) {
    return ReportError(verified.error());
  }
  if (verified->broken) {
    fmt::print(stderr, "covalue: the copy's audit record {} is broken: {}\n",
               verified->broken->seq, verified->broken->reason);
    return kExitCheckFailed;
  }
  std::int64_t rows = 0;
  for (const store::TableCount& t : copied->tables) {
    rows += t.rows;
  }
  fmt::print("{}: {} tables, {} rows, counts equal to the source's; audit trail intact ({} "
             "records)\n",
             copied->already_copied ? "the target already held a complete copy" : "copied",
             copied->tables.size(), rows, verified->records);
  return kExitOk;
}

}  // namespace

void AddMigrateCommand(CLI::App& root, int* exit_code) {
  auto o = std::make_shared<MigrateOptions>();
  auto* command = root.add_subcommand(
      "migrate",
      "Copy a whole database to another (SQLite and PostgreSQL either way): every row with its "
      "id, the audit trail still verifying; all or nothing, and safe to run again");
  command->add_option("--from", o->from, "The database to copy: an SQLite file or postgresql://")
      ->required();
  command
      ->add_option("--to", o->to,
                   "The new or empty database to copy into: an SQLite file (created) or an "
                   "existing postgresql:// database")
      ->required();
  command->callback([o, exit_code] { *exit_code = Migrate(*o); });
}

}  // namespace covalue::cli
