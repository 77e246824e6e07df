#include <fmt/format.h>

#include "app/app.h"
#include "cli/commands/commands.h"
#include "cli/exit_code.h"

namespace covalue::cli {
namespace {

int Rebuild(const std::string& db) {
  auto store = OpenDatabase(db);
  if (!store) {
    return ReportError(store.error());
  }
  app::App app(**store);
  const app::RequestContext ctx{app::SystemPrincipal(), "cli", "cli"};
  auto rows = app.measures().RebuildMeasures(ctx);
  if (!rows) {
    return ReportError(rows.error());
  }
  fmt::print("the measure store was rebuilt from the observations: {} aggregate rows\n", *rows);
  return kExitOk;
}

}  // namespace

void AddMeasuresCommand(CLI::App& root, int* exit_code) {
  auto* measures = root.add_subcommand("measures", "Maintain the measure store");
  measures->require_subcommand(1);
  auto db = std::make_shared<std::string>();
  auto* rebuild = measures->add_subcommand(
      "rebuild",
      "Recompute every measure's aggregates from the stored observations (a running server "
      "sees the result within a second)");
  AddDbOption(*rebuild, db.get());
  rebuild->callback([db, exit_code] { *exit_code = Rebuild(*db); });
}

}  // namespace covalue::cli
