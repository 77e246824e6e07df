#include <cstdio>
#include <exception>

#include <CLI/CLI.hpp>
#include <fmt/format.h>
#include <spdlog/sinks/stdout_sinks.h>
#include <spdlog/spdlog.h>

#include "app/kernel/crypto.h"
#include "cli/commands/commands.h"
#include "cli/exit_code.h"

namespace {

int Run(int argc, char** argv) {
  auto logger = spdlog::stderr_logger_mt("covalue");
  logger->set_pattern("%Y-%m-%dT%H:%M:%S.%e %l %v");
  spdlog::set_default_logger(logger);
  covalue::app::crypto::InitCrypto();

  CLI::App root("covalue: the coproduction learning health system", "covalue");
  root.require_subcommand(1);
  int exit_code = covalue::cli::kExitOk;
  covalue::cli::AddServeCommand(root, &exit_code);
  covalue::cli::AddDemoCommand(root, &exit_code);
  covalue::cli::AddUserCommand(root, &exit_code);
  covalue::cli::AddAuditCommand(root, &exit_code);
  covalue::cli::AddMeasuresCommand(root, &exit_code);
  covalue::cli::AddExportCommand(root, &exit_code);
  covalue::cli::AddMigrateCommand(root, &exit_code);
  covalue::cli::AddBackupCommands(root, &exit_code);
  covalue::cli::AddImportCommand(root, &exit_code);
  covalue::cli::AddScoreCommand(root, &exit_code);
  covalue::cli::AddSpcCommand(root, &exit_code);
  covalue::cli::AddConceptMapCommand(root, &exit_code);
  covalue::cli::AddDelphiCommand(root, &exit_code);
  covalue::cli::AddVersionCommand(root, &exit_code);
  try {
    root.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return root.exit(e);
  } catch (const CLI::ParseError& e) {
    fmt::print(stderr, "covalue: {}\n", e.what());
    return covalue::cli::kExitUsage;
  }
  return exit_code;
}

}  // namespace

// covalue: one executable, one subcommand per task. stdout carries only a command's output;
// logs, warnings and errors go to stderr. The one catch of the command line: an exception here
// is a bug or exhausted resources (exit 70).
int main(int argc, char** argv) {
  try {
    return Run(argc, argv);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "covalue: internal error: %s\n", e.what());
  } catch (...) {
    std::fprintf(stderr, "covalue: internal error\n");
  }
  return covalue::cli::kExitInternal;
}
