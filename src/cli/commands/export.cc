#include <filesystem>
#include <fstream>

#include <fmt/format.h>

#include "app/app.h"
#include "cli/commands/commands.h"
#include "cli/exit_code.h"
#include "fhir/questionnaire_format.h"

namespace covalue::cli {
namespace {

struct RedcapOptions {
  std::string db;
  Id site = 0;
  std::string questionnaire;
  std::string out;
};

int ExportRedcap(const RedcapOptions& options) {
  auto store = OpenDatabase(options.db);
  if (!store) {
    return ReportError(store.error());
  }
  const fhir::FhirQuestionnaireFormat format;
  app::App app(**store, {}, &format);
  // The operator, who holds the database file, acts as the site's admin (records are read only
  // by a role at their site); audit records carry no user id.
  const app::RequestContext ctx{
      app::Principal{0, "system", {Membership{Role::kAdmin, options.site, std::nullopt}}}, "cli",
      "cli"};
  auto csv = app.registry().ExportToRedcap(ctx, options.site, options.questionnaire);
  if (!csv) {
    return ReportError(csv.error());
  }
  if (options.out.empty()) {
    fmt::print("{}", *csv);
    return kExitOk;
  }
  // Written beside, then renamed: a full disk or a cut leaves no half file under the name.
  const std::string part = options.out + ".part";
  std::ofstream file(part, std::ios::binary | std::ios::trunc);
  file << *csv;
  file.close();
  std::error_code renamed;
  if (file) {
    std::filesystem::rename(part, options.out, renamed);
  }
  if (!file || renamed) {
    std::error_code ignored;
    std::filesystem::remove(part, ignored);
    return ReportError(
        Error{ErrorCode::kUnavailable, fmt::format("cannot write {}", options.out), "--out"});
  }
  return kExitOk;
}

}  // namespace

void AddExportCommand(CLI::App& root, int* exit_code) {
  auto* command = root.add_subcommand("export", "Export from the database");
  command->require_subcommand(1);
  auto options = std::make_shared<RedcapOptions>();
  auto* redcap = command->add_subcommand(
      "redcap",
      "A site's responses to a questionnaire imported from REDCap, as a REDCap data-import CSV");
  AddDbOption(*redcap, &options->db);
  redcap->add_option("--site", options->site, "The site whose responses are exported")
      ->required()
      ->check(CLI::PositiveNumber);
  redcap
      ->add_option("--questionnaire", options->questionnaire,
                   "The questionnaire's id (the REDCap form's name)")
      ->required();
  redcap->add_option("--out", options->out, "Write to FILE (default: standard output)");
  redcap->callback([options, exit_code] { *exit_code = ExportRedcap(*options); });
}

}  // namespace covalue::cli
