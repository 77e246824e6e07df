#pragma once

#include <map>
#include <optional>
#include <string>

#include <vector>

#include <CLI/CLI.hpp>

#include "domain/error.h"
#include "formats/research_table.h"
#include "report/sheets.h"
#include "report/study_report.h"

// What the research subcommands (conceptmap, delphi) share: reading their files and printing
// the problems of bad input.
namespace covalue::cli {

// Each named file's whole text, keyed by path; kInvalidArgument naming the option of the first
// that cannot be read.
[[nodiscard]] Result<std::map<std::string, std::string>> ReadFiles(
    const std::map<std::string, std::string>& option_to_path);

// Prints each problem as "FILE:LINE: reason" on stderr; returns the exit code of bad input (2).
int ReportProblems(const formats::FileProblems& problems);

// Prints each warning as "FILE:LINE: warning: reason" on stderr.
void ReportWarnings(const formats::FileProblems& warnings);

// The files a research subcommand also writes its numbers to: an XLSX workbook, each sheet as
// a CSV file in a folder (report/sheets.h names them), a PDF report.
struct OutputFiles {
  std::string xlsx;
  std::string csv;
  std::string report;
};
void AddOutputOptions(CLI::App& command, OutputFiles* files);
// Writes those asked for; kInvalidArgument naming the option of one that cannot be written.
[[nodiscard]] Status WriteOutputs(const OutputFiles& files, const std::vector<report::Sheet>& sheets,
                                  const report::StudyReport& report);

}  // namespace covalue::cli
