#include "cli/commands/research_files.h"

#include <filesystem>
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

void AddOutputOptions(CLI::App& command, OutputFiles* files) {
  command.add_option("--xlsx", files->xlsx,
                     "also write every number and the conventions in this XLSX workbook");
  command.add_option("--csv", files->csv,
                     "… and each sheet as a CSV file in this folder (made when missing)");
  command.add_option("--report", files->report,
                     "… and the study's report (pictures, tables, conventions) in this PDF file");
}

Status WriteOutputs(const OutputFiles& files, const std::vector<report::Sheet>& sheets,
                    const report::StudyReport& report) {
  const auto write = [](const std::string& path, const std::string& bytes,
                        const char* option) -> Status {
    std::ofstream file(path, std::ios::binary | std::ios::trunc);
    file << bytes;
    file.close();
    if (!file) {
      return Fail(ErrorCode::kInvalidArgument, fmt::format("{}: cannot be written", path), option);
    }
    return Ok();
  };
  if (!files.xlsx.empty()) {
    COVALUE_ASSIGN_OR_RETURN(const std::string bytes, report::SheetsXlsx(sheets));
    COVALUE_RETURN_IF_ERROR(write(files.xlsx, bytes, "--xlsx"));
  }
  if (!files.csv.empty()) {
    std::error_code made;
    std::filesystem::create_directories(files.csv, made);
    for (const report::Sheet& sheet : sheets) {
      COVALUE_RETURN_IF_ERROR(write(
          (std::filesystem::path(files.csv) / report::SheetFileName(sheet)).string(),
          report::SheetCsv(sheet), "--csv"));
    }
  }
  if (!files.report.empty()) {
    COVALUE_RETURN_IF_ERROR(report::WriteStudyReportPdf(report, files.report, "--report"));
  }
  return Ok();
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
