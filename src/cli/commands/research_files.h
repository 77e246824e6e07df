#pragma once

#include <map>
#include <optional>
#include <string>

#include "domain/error.h"
#include "formats/research_table.h"

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

}  // namespace covalue::cli
