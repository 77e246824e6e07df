#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "cli/commands/commands.h"
#include "cli/exit_code.h"
#include "demo/demo_community.h"
#include "fhir/questionnaire_file.h"
#include "fhir/questionnaire_format.h"
#include "formats/guide_file.h"

namespace covalue::cli {
namespace {

struct DemoOptions {
  std::string db;
  std::string questionnaires;
  std::string guides;
  std::uint64_t seed = 1;
  std::int64_t patients = demo::kDefaultDemoPatients;
  bool json = false;
};

// The questionnaires of a folder's *.json files, in name order.
Result<std::vector<app::QuestionnaireImport>> ShippedQuestionnaires(const std::string& dir) {
  std::vector<std::filesystem::path> files;
  std::error_code ec;
  for (const auto& entry : std::filesystem::directory_iterator(dir, ec)) {
    if (entry.path().extension() == ".json") {
      files.push_back(entry.path());
    }
  }
  if (ec) {
    return Fail(ErrorCode::kInvalidArgument,
                fmt::format("{}: the questionnaire folder cannot be read", dir));
  }
  std::sort(files.begin(), files.end());
  std::vector<app::QuestionnaireImport> out;
  for (const auto& file : files) {
    std::ifstream in(file, std::ios::binary);
    std::stringstream bytes;
    bytes << in.rdbuf();
    auto read = fhir::ReadQuestionnaireFile(bytes.str());
    if (!read) {
      return Fail(read.error().code, fmt::format("{}: {}", file.string(), read.error().message));
    }
    for (auto& q : *read) {
      q.source = "shipped";
      out.push_back(std::move(q));
    }
  }
  return out;
}

std::string SiteText(const std::optional<Id>& site) { return site ? std::to_string(*site) : "-"; }

int Demo(const DemoOptions& options) {
  auto store = OpenDatabase(options.db);
  if (!store) {
    return ReportError(store.error());
  }
  auto questionnaires = ShippedQuestionnaires(
      options.questionnaires.empty() ? BesideBuild("questionnaires") : options.questionnaires);
  if (!questionnaires) {
    return ReportError(questionnaires.error());
  }
  // The guides let the improving teams keep the passport of their change.
  auto guides =
      formats::LoadGuides(options.guides.empty() ? BesideBuild("guides") : options.guides);
  if (!guides) {
    return ReportError(guides.error());
  }
  const fhir::FhirQuestionnaireFormat format;
  app::App app(**store, std::move(*guides), &format);
  auto demo =
      demo::WriteDemoCommunity(app, options.seed, std::move(*questionnaires), options.patients);
  if (!demo) {
    return ReportError(demo.error());
  }
  if (demo->written) {
    fmt::print(stderr, "covalue: wrote the demo registry: {} observations\n", demo->observations);
  } else {
    fmt::print(stderr, "covalue: {} already holds the demo community; nothing was written\n",
               options.db);
  }
  if (options.json) {
    nlohmann::json out = nlohmann::json::array();
    for (const auto& login : demo->logins) {
      out.push_back(
          {{"username", login.username},
           {"password", login.password},
           {"role", RoleName(login.role)},
           {"site_id", login.site_id ? nlohmann::json(*login.site_id) : nlohmann::json()}});
    }
    fmt::print("{}\n", out.dump(2));
    return kExitOk;
  }
  fmt::print("{:<22} {:<32} {:<13} {}\n", "username", "password", "role", "site_id");
  for (const auto& login : demo->logins) {
    fmt::print("{:<22} {:<32} {:<13} {}\n", login.username, login.password, RoleName(login.role),
               SiteText(login.site_id));
  }
  return kExitOk;
}

}  // namespace

void AddDemoCommand(CLI::App& root, int* exit_code) {
  auto options = std::make_shared<DemoOptions>();
  auto* command = root.add_subcommand(
      "demo", "Write the synthetic demo community and print its logins (idempotent)");
  AddDbOption(*command, &options->db);
  command->add_option("--seed", options->seed, "Seed of names and passwords")->default_val(1);
  command
      ->add_option("--patients", options->patients,
                   "Synthetic patients in the registry, shared out over the sites (about 216 "
                   "observations each: monthly PHQ-9 and EQ VAS, a clinical measure, "
                   "coproduction answers and utilisation events)")
      ->default_val(demo::kDefaultDemoPatients)
      ->check(CLI::Range(std::int64_t{0}, std::int64_t{10'000'000}));
  command->add_option("--questionnaires", options->questionnaires,
                      "Folder of the questionnaires to ship (default: questionnaires beside the "
                      "build folder)");
  command->add_option("--guides", options->guides,
                      "Folder of the guide files (default: guides beside the build folder)");
  command->add_flag("--json", options->json, "Print the logins as a JSON array");
  command->callback([options, exit_code] { *exit_code = Demo(*options); });
}

}  // namespace covalue::cli
