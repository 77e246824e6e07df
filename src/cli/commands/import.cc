#include <fstream>
#include <sstream>

#include <fmt/format.h>

#include "cli/commands/commands.h"
#include "cli/exit_code.h"
#include "fhir/questionnaire_file.h"
#include "fhir/questionnaire_format.h"

namespace covalue::cli {
namespace {

struct ImportOptions {
  std::string db;
  std::optional<Id> site;
  std::string path;
};

int ImportQuestionnaire(const ImportOptions& o) {
  std::ifstream in(o.path, std::ios::binary);
  if (!in) {
    return ReportError(
        Error{ErrorCode::kInvalidArgument, fmt::format("{}: cannot be read", o.path), ""});
  }
  std::stringstream bytes;
  bytes << in.rdbuf();
  auto imports = fhir::ReadQuestionnaireFile(bytes.str());
  if (!imports) {
    return ReportError(
        Error{imports.error().code, fmt::format("{}: {}", o.path, imports.error().message), ""});
  }
  auto store = OpenDatabase(o.db);
  if (!store) {
    return ReportError(store.error());
  }
  const fhir::FhirQuestionnaireFormat format;
  app::App app(**store, {}, &format);
  const app::RequestContext ctx{app::SystemPrincipal(), "cli", "cli"};
  auto imported = app.ImportQuestionnaires(ctx, std::move(*imports), o.site);
  if (!imported) {
    return ReportError(imported.error());
  }
  for (const app::ImportedVersion& q : *imported) {
    fmt::print("imported {} as Questionnaire/{} version {} ({} warnings)\n", q.stored.name,
               q.stored.resource_id, q.stored.version, q.warnings.size());
    for (const Issue& w : q.warnings) {
      fmt::print(stderr, "warning: {}: {}{}\n", q.stored.name,
                 w.location.empty() ? "" : w.location + ": ", w.message);
    }
  }
  return kExitOk;
}

}  // namespace

void AddImportCommand(CLI::App& root, int* exit_code) {
  auto* command = root.add_subcommand("import", "Import into the database");
  command->require_subcommand(1);
  auto options = std::make_shared<ImportOptions>();
  auto* questionnaire = command->add_subcommand(
      "questionnaire",
      "Import questionnaires from a FHIR R4 Questionnaire (JSON), a REDCap data dictionary (CSV) "
      "or a REDCap instrument zip, told apart by content; all or nothing");
  AddDbOption(*questionnaire, &options->db);
  questionnaire->add_option("--site", options->site,
                            "the site whose own it is (default: the whole community's)");
  questionnaire->add_option("PATH", options->path, "the file")->required();
  questionnaire->callback([options, exit_code] { *exit_code = ImportQuestionnaire(*options); });
}

}  // namespace covalue::cli
