#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "domain/error.h"
#include "report/concept_map_drawing.h"
#include "report/sheets.h"

namespace covalue::report {

// A research study's report for print: a title page (the title and the lines given: the
// prompt, what the study holds), a concept map's pictures one to a page, then every sheet of
// its numbers given as a table over as many pages as it takes (text wrapped to its column;
// numbers to four significant digits — the CSV and XLSX files keep every digit; columns as wide
// as the sheet says, or fitted to their cells). A sheet wider than the page at the smallest type
// is named with a note that it is in the CSV and XLSX files. A4 pages.
struct StudyReport {
  std::string title;
  std::vector<std::string> lines;
  std::optional<ConceptMapPicture> picture;
  std::vector<Sheet> sheets;
};

// The columns of sheet whose headings keep_column accepts and the rows keep_row accepts (given
// the row's cells), widths left to the report (fitted to the cells): a table a page can hold.
[[nodiscard]] Sheet Narrowed(
    const Sheet& sheet, const std::function<bool(const std::string& heading)>& keep_column,
    const std::function<bool(const std::vector<SheetCell>& row)>& keep_row = {});

// The report as a PDF file's bytes (through a temporary file; kInternal when it cannot be
// written), or written to path (kInvalidArgument naming field when path cannot be written).
[[nodiscard]] Result<std::string> StudyReportPdf(const StudyReport& report);
[[nodiscard]] Status WriteStudyReportPdf(const StudyReport& report, const std::string& path,
                                         const std::string& field);

}  // namespace covalue::report
