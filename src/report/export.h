#pragma once

#include <string>
#include <string_view>

#include "app/app.h"
#include "app/workbook_exports/workbook_exports.h"
#include "domain/guide.h"

// Renderings of guides and workbooks for people outside the app: Markdown, a print-ready HTML
// document and a spreadsheet. Pure functions of their arguments, but the spreadsheet, which
// libxlsxwriter writes through a temporary file.
namespace covalue::report {

// text with &, <, >, " and ' written as entities, for HTML and SVG.
std::string EscapeMarkup(std::string_view text);

// A workbook as Markdown: the guide's title, each step as a heading, each question with its
// current answer (or "No answer yet"), and under the answer that first links a persona or a
// map, that persona with its stratum's numbers (dated) and texts, or that map's cost tables.
std::string WorkbookMarkdown(const app::WorkbookExport& e, std::string_view language);

// A print-ready HTML document (A4, clean margins, page breaks before steps) of the blank guide,
// with room to write. Every text is escaped.
std::string PrintHtml(const Guide& guide, std::string_view language);
// The same of a workbook: the team's answers, and under the answer that first links a persona
// or a map, the persona with its stratum's numbers as of printing (dated) and its texts, or the
// map as a picture (inline SVG) with its cost tables; one the reader may not see says so.
std::string PrintHtml(const app::WorkbookExport& e, std::string_view language);

// A spreadsheet (XLSX) of every question with its answer, revision count, last author and time;
// a sheet of the linked personas with their numbers (dated), and a sheet for each linked map
// with its picture (PNG) and cost tables. kInternal when the temporary file cannot be written.
[[nodiscard]] Result<std::string> WorkbookXlsx(const app::WorkbookExport& e,
                                               std::string_view language);

}  // namespace covalue::report
