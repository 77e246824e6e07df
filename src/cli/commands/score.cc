#include <cmath>
#include <fstream>
#include <sstream>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "cli/commands/commands.h"
#include "cli/exit_code.h"
#include "domain/scoring.h"
#include "fhir/prom_reader.h"

namespace covalue::cli {
namespace {

struct ScoreOptions {
  std::string questionnaire;
  std::string response;
  bool json = false;
};

// A file's FHIR resource; errors name the file.
Result<nlohmann::json> ReadResource(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    return Fail(ErrorCode::kInvalidArgument, fmt::format("{}: cannot be read", path));
  }
  std::stringstream text;
  text << in.rdbuf();
  auto resource = fhir::ParseResource(text.str());
  if (!resource) {
    return Fail(ErrorCode::kInvalidArgument, fmt::format("{}: {}", path, resource.error().message));
  }
  return resource;
}

Error InFile(const std::string& path, const Error& error) {
  return Error{error.code, fmt::format("{}: {}", path, error.message), error.field};
}

// Whether a response's questionnaire reference names q: its canonical (with or without a
// version), "Questionnaire/id" or the id.
bool Names(const std::string& reference, const Questionnaire& q) {
  const std::string canonical = reference.substr(0, reference.find('|'));
  return (!q.url.empty() && canonical == q.url) ||
         (!q.id.empty() && (canonical == q.id || canonical == "Questionnaire/" + q.id));
}

// Whole numbers print as integers, others to round-trip.
nlohmann::json Number(double value) {
  if (std::floor(value) == value && std::fabs(value) < 9e15) {
    return static_cast<std::int64_t>(value);
  }
  return value;
}

std::string Text(double value) { return Number(value).dump(); }

int Score(const ScoreOptions& o) {
  auto q_json = ReadResource(o.questionnaire);
  if (!q_json) {
    return ReportError(q_json.error());
  }
  auto r_json = ReadResource(o.response);
  if (!r_json) {
    return ReportError(r_json.error());
  }
  auto questionnaire = fhir::ReadQuestionnaire(*q_json);
  if (!questionnaire) {
    return ReportError(InFile(o.questionnaire, questionnaire.error()));
  }
  std::vector<Issue> issues = questionnaire->warnings;
  auto response = fhir::ReadQuestionnaireResponse(*r_json, issues);
  if (!response) {
    return ReportError(InFile(o.response, response.error()));
  }
  if (response->questionnaire.empty()) {
    issues.push_back({"warning", "QuestionnaireResponse.questionnaire",
                      fmt::format("the response names no questionnaire; it is scored against {}",
                                  o.questionnaire)});
  } else if (!Names(response->questionnaire, questionnaire->questionnaire)) {
    issues.push_back(
        {"warning", "QuestionnaireResponse.questionnaire",
         fmt::format("the response names {}, not this questionnaire; it is scored against {}",
                     response->questionnaire, o.questionnaire)});
  }
  auto scores = ScoreResponse(questionnaire->questionnaire, *response);
  if (!scores) {
    return ReportError(InFile(o.response, scores.error()));
  }
  issues.insert(issues.end(), scores->issues.begin(), scores->issues.end());

  if (o.json) {
    nlohmann::ordered_json out = {
        {"total", scores->total ? Number(*scores->total) : nlohmann::json()},
        {"band", scores->band ? nlohmann::json(*scores->band) : nlohmann::json()},
        {"subscales", nlohmann::json::object()},
        {"issues", nlohmann::json::array()}};
    for (const auto& [name, value] : scores->subscales) {
      out["subscales"][name] = Number(value);
    }
    for (const Issue& issue : issues) {
      out["issues"].push_back(
          {{"severity", issue.severity}, {"location", issue.location}, {"message", issue.message}});
    }
    fmt::print("{}\n", out.dump(2));
    return kExitOk;
  }
  fmt::print("total: {}{}\n", scores->total ? Text(*scores->total) : "none",
             scores->band ? fmt::format(" ({})", *scores->band) : "");
  for (const auto& [name, value] : scores->subscales) {
    fmt::print("{}: {}\n", name, Text(value));
  }
  for (const Issue& issue : issues) {
    fmt::print(stderr, "{}: {}{}\n", issue.severity,
               issue.location.empty() ? "" : issue.location + ": ", issue.message);
  }
  return kExitOk;
}

}  // namespace

void AddScoreCommand(CLI::App& root, int* exit_code) {
  auto options = std::make_shared<ScoreOptions>();
  auto* command = root.add_subcommand(
      "score",
      "Score one FHIR QuestionnaireResponse against its FHIR Questionnaire, without a database");
  command->add_option("--questionnaire", options->questionnaire, "the Questionnaire (FHIR JSON)")
      ->required();
  command->add_option("--response", options->response, "the QuestionnaireResponse (FHIR JSON)")
      ->required();
  command->add_flag("--json", options->json,
                    "print {total, band, subscales, issues} as one JSON object");
  command->callback([options, exit_code] { *exit_code = Score(*options); });
}

}  // namespace covalue::cli
