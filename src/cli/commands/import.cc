#include <algorithm>
#include <fstream>
#include <sstream>

#include <fmt/format.h>

#include "app/app.h"
#include "cli/commands/commands.h"
#include "cli/exit_code.h"
#include "cli/progress_bar.h"
#include "fhir/questionnaire_file.h"
#include "fhir/questionnaire_format.h"

namespace covalue::cli {
namespace {

struct ImportOptions {
  std::string db;
  std::optional<Id> site;
  std::string path;
};

Result<std::string> ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    return Fail(ErrorCode::kInvalidArgument, fmt::format("{}: cannot be read", path));
  }
  std::stringstream bytes;
  bytes << in.rdbuf();
  return bytes.str();
}

int ImportQuestionnaire(const ImportOptions& o) {
  auto bytes = ReadFile(o.path);
  if (!bytes) {
    return ReportError(bytes.error());
  }
  auto imports = fhir::ReadQuestionnaireFile(*bytes);
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
  auto imported = app.questionnaires().ImportQuestionnaires(ctx, std::move(*imports), o.site);
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

// A registry file, all or nothing: every refused line is listed on stderr and nothing is
// written (exit 2); progress on stderr while the file is read and written.
int ImportRegistry(const ImportOptions& o) {
  auto bytes = ReadFile(o.path);
  if (!bytes) {
    return ReportError(bytes.error());
  }
  const auto lines = static_cast<std::size_t>(std::count(bytes->begin(), bytes->end(), '\n'));
  ProgressBar reading("Reading");
  auto file =
      formats::ReadRegistryCsv(*bytes, [&](std::size_t line) { reading.Update(line, lines); });
  if (file) {
    reading.Update(lines, lines);
  }
  reading.Finish();
  if (!file) {
    return ReportError(
        Error{file.error().code, fmt::format("{}: {}", o.path, file.error().message), ""});
  }
  auto store = OpenDatabase(o.db);
  if (!store) {
    return ReportError(store.error());
  }
  app::App app(**store);
  const app::RequestContext ctx{app::SystemPrincipal(), "cli", "cli"};
  ProgressBar writing("Writing");
  auto report = app.registry().ImportRegistryFile(
      ctx, *o.site, std::move(*file),
      [&](std::size_t done, std::size_t total) { writing.Update(done, total); });
  writing.Finish();
  if (!report) {
    return ReportError(report.error());
  }
  const char* kind =
      report->kind == formats::RegistryFileKind::kPatients ? "patients" : "observations";
  if (report->rejected_total > 0) {
    for (const formats::RejectedLine& line : report->rejected) {
      fmt::print(stderr, "{}:{}: {}{}\n", o.path, line.line,
                 line.column.empty() ? "" : line.column + " ", line.reason);
    }
    if (report->rejected_total > report->rejected.size()) {
      fmt::print(stderr, "… and {} more lines refused\n",
                 report->rejected_total - report->rejected.size());
    }
    fmt::print(stderr, "covalue: nothing was imported: {} of the {} lines of {} were refused\n",
               report->rejected_total, report->records, o.path);
    return kExitUsage;
  }
  fmt::print("imported {} {} from {} into site {}\n",
             report->kind == formats::RegistryFileKind::kPatients ? report->patients
                                                                  : report->observations,
             kind, o.path, *o.site);
  return kExitOk;
}

int ImportVisits(const ImportOptions& o) {
  auto bytes = ReadFile(o.path);
  if (!bytes) {
    return ReportError(bytes.error());
  }
  auto store = OpenDatabase(o.db);
  if (!store) {
    return ReportError(store.error());
  }
  app::App app(**store);
  // The operator acts as the site's admin: visits are part of the site's records.
  const app::RequestContext ctx{
      app::Principal{0, "system", {Membership{Role::kAdmin, *o.site, std::nullopt}}}, "cli", "cli"};
  auto planned = app.schedules().ImportVisits(ctx, *o.site, *bytes);
  if (!planned) {
    return ReportError(
        Error{planned.error().code, fmt::format("{}: {}", o.path, planned.error().message), ""});
  }
  fmt::print("planned {} visits from {}\n", *planned, o.path);
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

  auto* registry = command->add_subcommand(
      "registry",
      "Import a registry CSV file of patients or of observations (told apart by its header; "
      "see the README); all or nothing, every refused line listed");
  AddDbOption(*registry, &options->db);
  registry->add_option("--site", options->site, "the site the patients belong to")->required();
  registry->add_option("PATH", options->path, "the CSV file")->required();
  registry->callback([options, exit_code] { *exit_code = ImportRegistry(*options); });

  auto* visits = command->add_subcommand(
      "visits",
      "Import a CSV file of planned visits (identifier, at, note) of a site; all or nothing");
  AddDbOption(*visits, &options->db);
  visits->add_option("--site", options->site, "the site whose patients they are")->required();
  visits->add_option("PATH", options->path, "the CSV file")->required();
  visits->callback([options, exit_code] { *exit_code = ImportVisits(*options); });
}

}  // namespace covalue::cli
