#include <fmt/format.h>

#include "cli/commands/commands.h"
#include "cli/exit_code.h"
#include "store/open.h"

#ifndef COVALUE_VERSION
#define COVALUE_VERSION "0.0.0"
#endif

namespace covalue::cli {

void AddVersionCommand(CLI::App& root, int* exit_code) {
  auto* command = root.add_subcommand("version", "Print the program's version and schema version");
  command->callback([exit_code] {
    fmt::print("covalue {} (schema {})\n", COVALUE_VERSION, store::SchemaVersion());
    *exit_code = kExitOk;
  });
}

}  // namespace covalue::cli
