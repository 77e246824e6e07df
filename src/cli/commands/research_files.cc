#include "cli/commands/research_files.h"

#include <fstream>
#include <sstream>

#include <fmt/format.h>

#include "cli/exit_code.h"

namespace covalue::cli {

Result<std::map<std::string, std::string>> ReadFiles(
    const std::map<std::string, std::string>& option_to_path) {
  std::map<std::string, std::string> texts;
  for (const auto& [option, path] : option_to_path) {
    std::ifstream in(path, std::ios::binary);
    std::stringstream text;
    text << in.rdbuf();
    if (!in || in.bad()) {
      return Fail(ErrorCode::kInvalidArgument, fmt::format("{}: cannot be read", path), option);
    }
    texts[option] = text.str();
  }
  return texts;
}

int ReportProblems(const formats::FileProblems& problems) {
  for (const formats::FileProblem& problem : problems) {
    fmt::print(stderr, "{}\n", formats::ProblemText(problem));
  }
  return kExitUsage;
}

void ReportWarnings(const formats::FileProblems& warnings) {
  for (const formats::FileProblem& w : warnings) {
    fmt::print(stderr, "{}:{}: warning: {}\n", w.file, w.line, w.message);
  }
}

}  // namespace covalue::cli
