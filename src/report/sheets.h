#pragma once

#include <string>
#include <variant>
#include <vector>

#include "domain/error.h"

namespace covalue::report {

// A spreadsheet of plain tables, one per worksheet, written by libxlsxwriter (report/xlsx.cc
// owns it). A cell is text or a number; an empty text leaves the cell blank.
using SheetCell = std::variant<std::string, double>;

struct Sheet {
  std::string name;  // at most 31 characters, none of []:*?/\ (Excel's rule)
  std::vector<std::string> headings;
  std::vector<std::vector<SheetCell>> rows;
  std::vector<double> widths = {};  // column widths in characters, from the first; default Excel's
};

// The sheets as an XLSX file's bytes. kInternal when the temporary file cannot be written.
[[nodiscard]] Result<std::string> SheetsXlsx(const std::vector<Sheet>& sheets);

// One sheet as CSV (RFC 4180, a header row of its headings), numbers written so that they read
// back to the same double, for R or Python.
[[nodiscard]] std::string SheetCsv(const Sheet& sheet);
// The file a sheet is written to: its name lower-cased, spaces and punctuation as '-', ".csv"
// ("Pattern matches" → "pattern-matches.csv").
[[nodiscard]] std::string SheetFileName(const Sheet& sheet);

}  // namespace covalue::report
