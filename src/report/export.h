#pragma once

#include <string>
#include <string_view>

#include "app/app.h"
#include "domain/guide.h"

// Renderings of guides and workbooks for people outside the app: Markdown, a print-ready HTML
// document and a spreadsheet. Pure functions of their arguments, but the spreadsheet, which
// libxlsxwriter writes through a temporary file.
namespace covalue::report {

// text with &, <, >, " and ' written as entities, for HTML and SVG.
std::string EscapeMarkup(std::string_view text);

// A workbook as Markdown: the guide's title, each step as a heading, each question with its
// current answer (or "No answer yet").
std::string WorkbookMarkdown(const Guide& guide, const app::WorkbookView& view,
                             std::string_view language);

// A print-ready HTML document (A4, clean margins, page breaks before steps). With view, the
// team's answers; without, the blank guide with room to write. Every text is escaped.
std::string PrintHtml(const Guide& guide, const app::WorkbookView* view, std::string_view language);

// A spreadsheet (XLSX) of every question with its answer, revision count, last author and time.
// kInternal when the temporary file cannot be written.
[[nodiscard]] Result<std::string> WorkbookXlsx(const Guide& guide, const app::WorkbookView& view,
                                               std::string_view language);

}  // namespace covalue::report
