#pragma once

#include <memory>
#include <string>

#include <CLI/CLI.hpp>

#include "domain/error.h"
#include "store/store.h"

// One file per subcommand; each adds itself to the root command and, when it runs, stores its
// exit code in *exit_code.
namespace covalue::cli {

void AddServeCommand(CLI::App& root, int* exit_code);
void AddDemoCommand(CLI::App& root, int* exit_code);
void AddUserCommand(CLI::App& root, int* exit_code);
void AddAuditCommand(CLI::App& root, int* exit_code);
void AddVersionCommand(CLI::App& root, int* exit_code);
void AddScoreCommand(CLI::App& root, int* exit_code);
void AddImportCommand(CLI::App& root, int* exit_code);
void AddSpcCommand(CLI::App& root, int* exit_code);
void AddMeasuresCommand(CLI::App& root, int* exit_code);
void AddExportCommand(CLI::App& root, int* exit_code);
void AddMigrateCommand(CLI::App& root, int* exit_code);
void AddBackupCommands(CLI::App& root, int* exit_code);
void AddConceptMapCommand(CLI::App& root, int* exit_code);
void AddDelphiCommand(CLI::App& root, int* exit_code);

// Adds --db FILE (Default: covalue.db) to a command.
void AddDbOption(CLI::App& command, std::string* db);

// A folder of the source tree, found beside the build folder that holds this executable
// (build/covalue → web/dist, guides, questionnaires).
std::string BesideBuild(const std::string& relative);

// Opens (creating and migrating) the database file.
[[nodiscard]] Result<std::unique_ptr<store::Store>> OpenDatabase(const std::string& db,
                                                                 const std::string& replica = {});

}  // namespace covalue::cli
