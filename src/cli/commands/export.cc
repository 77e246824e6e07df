#include <filesystem>
#include <fstream>
#include <utility>
#include <vector>

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

struct ResearchOptions {
  std::string db;
  Id project = 0;
  std::string out;
  std::size_t min_cell = 5;
};

// Every file of a research project's de-identified export (app/research_exports/
// research_exports.h) into a folder: all are made first, then written beside their names and
// renamed, so a failure leaves none of them half written.
int ExportResearch(const ResearchOptions& options) {
  auto store = OpenDatabase(options.db);
  if (!store) {
    return ReportError(store.error());
  }
  app::App app(**store);
  app.research_exports().SetMinCell(options.min_cell);
  const app::RequestContext ctx{app::SystemPrincipal(), "cli", "cli"};
  std::vector<std::pair<std::filesystem::path, std::string>> files;
  for (app::ExportFile file : app::kAllExportFiles) {
    auto csv = app.research_exports().Export(ctx, options.project, file);
    if (!csv) {
      return ReportError(csv.error());
    }
    files.emplace_back(std::filesystem::path(options.out) / app::ExportFileName(file),
                       std::move(*csv));
  }
  std::error_code made;
  std::filesystem::create_directories(options.out, made);
  bool written = !made;
  for (const auto& [path, csv] : files) {
    std::ofstream out(path.string() + ".part", std::ios::binary | std::ios::trunc);
    out << csv;
    out.close();
    written = written && static_cast<bool>(out);
  }
  for (const auto& [path, csv] : files) {
    std::error_code renamed;
    if (written) std::filesystem::rename(path.string() + ".part", path, renamed);
    written = written && !renamed;
    std::error_code ignored;
    std::filesystem::remove(path.string() + ".part", ignored);
  }
  if (!written) {
    return ReportError(
        Error{ErrorCode::kUnavailable, fmt::format("cannot write into {}", options.out), "--out"});
  }
  fmt::print("{} files written to {}\n", files.size(), options.out);
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

  auto research_options = std::make_shared<ResearchOptions>();
  auto* research = command->add_subcommand(
      "research",
      "A research project's de-identified export (people, observations, scores, codes, summary "
      "and the data dictionary as CSV) over the sites that approve it");
  AddDbOption(*research, &research_options->db);
  research->add_option("--project", research_options->project, "The research project's id")
      ->required()
      ->check(CLI::PositiveNumber);
  research->add_option("--out", research_options->out, "The folder to write the files into")
      ->required();
  research
      ->add_option("--min-cell", research_options->min_cell,
                   "Counts of 1 to N − 1 people are withheld from the summaries (Default: 5)")
      ->check(CLI::Range(1, 1000));
  research->callback(
      [research_options, exit_code] { *exit_code = ExportResearch(*research_options); });
}

}  // namespace covalue::cli
