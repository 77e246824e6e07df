// A workbook's exports (Markdown, print, XLSX) with the personas and maps its answers link to.

#include <fmt/format.h>

#include "app/workbook_exports/workbook_exports.h"
#include "http/api/api_routes.h"
#include "report/export.h"

namespace covalue::http::api {
namespace {

struct Export {
  app::WorkbookExport workbook;
  std::string language;
};

// The workbook with its linked artefacts and the export's language; 403 while its answers are
// not visible to the reader.
Result<Export> ExportOf(app::WorkbookExports& exports, RouteContext& r) {
  COVALUE_ASSIGN_OR_RETURN(Id id, PathId(r, "id"));
  COVALUE_ASSIGN_OR_RETURN(app::WorkbookExport e, exports.Export(r.ctx, id));
  COVALUE_ASSIGN_OR_RETURN(std::string language, ExportLanguage(r.request, e.guide));
  return Export{std::move(e), std::move(language)};
}

}  // namespace

void AddWorkbookExportRoutes(Router& router, app::WorkbookExports& exports) {
  router.Add({"GET", "/api/v1/workbooks/{id}/export.md", "A workbook as Markdown (lang)",
              Access::kSignedIn,
              [&exports](RouteContext& r) -> Result<Response> {
                COVALUE_ASSIGN_OR_RETURN(Export e, ExportOf(exports, r));
                return NoStore(
                    Document("text/markdown; charset=utf-8",
                             report::WorkbookMarkdown(e.workbook, e.language),
                             fmt::format("workbook-{}.md", e.workbook.view.workbook.id)));
              },
              0});
  router.Add({"GET", "/api/v1/workbooks/{id}/print",
              "A workbook as a print-ready HTML document (lang)", Access::kSignedIn,
              [&exports](RouteContext& r) -> Result<Response> {
                COVALUE_ASSIGN_OR_RETURN(Export e, ExportOf(exports, r));
                return NoStore(Document("text/html; charset=utf-8",
                                        report::PrintHtml(e.workbook, e.language), ""));
              },
              0});
  router.Add(
      {"GET", "/api/v1/workbooks/{id}/export.xlsx",
       "A workbook's answers with their revision counts as a spreadsheet (lang)", Access::kSignedIn,
       [&exports](RouteContext& r) -> Result<Response> {
         COVALUE_ASSIGN_OR_RETURN(Export e, ExportOf(exports, r));
         COVALUE_ASSIGN_OR_RETURN(std::string bytes, report::WorkbookXlsx(e.workbook, e.language));
         return NoStore(Document(
             "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", std::move(bytes),
             fmt::format("workbook-{}.xlsx", e.workbook.view.workbook.id)));
       },
       0});
}

}  // namespace covalue::http::api
