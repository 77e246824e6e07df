// A research study's pictures and files (app studies.h; its researcher's): a concept map's maps
// as SVG, and for a concept map or a Delphi every number as an XLSX workbook, each sheet as a
// CSV file, and the PDF report.

#include <map>
#include <optional>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "app/studies/studies.h"
#include "http/api/api_routes.h"
#include "http/api/study_analysis.h"
#include "report/concept_map_drawing.h"
#include "report/concept_map_sheets.h"
#include "report/delphi_sheets.h"
#include "report/study_report.h"
#include "research/delphi/delphi.h"

namespace covalue::http::api {
namespace {

// A study's numbers as sheets, and for a concept map its pictures (k, starts and seed as the
// analysis).
struct StudyFiles {
  Study study;
  std::optional<Analysed> map;
  std::vector<report::Sheet> sheets;
};

Result<StudyFiles> FilesOf(app::Studies& studies, const RouteContext& r) {
  COVALUE_ASSIGN_OR_RETURN(Id id, PathId(r, "id"));
  StudyFiles out;
  COVALUE_ASSIGN_OR_RETURN(out.study, studies.GetStudy(r.ctx, id));
  if (out.study.kind == StudyKind::kConceptMap) {
    COVALUE_ASSIGN_OR_RETURN(out.map, Analyse(studies, r));
    COVALUE_ASSIGN_OR_RETURN(auto given,
                             studies.ClusterNames(r.ctx, id, static_cast<int>(out.map->analysis.k)));
    out.sheets = report::ConceptMapSheets(
        out.map->data.study, out.map->data.texts, out.map->analysis,
        report::ClusterNamesOf(out.map->data.study, out.map->analysis, given));
    return out;
  }
  COVALUE_ASSIGN_OR_RETURN(research::DelphiPanel panel, studies.DelphiData(r.ctx, id));
  COVALUE_ASSIGN_OR_RETURN(auto statements, studies.ListStatements(r.ctx, id));
  std::map<std::string, std::string> texts;
  for (const StudyStatement& s : statements) texts[std::to_string(s.id)] = s.text;
  out.sheets = report::DelphiSheets(
      research::AnalyseDelphi(panel, research::PercentileType::kType7), texts);
  return out;
}

std::string FileName(const Study& study, const std::string& suffix) {
  return "study-" + std::to_string(study.id) + suffix;
}

}  // namespace

void AddStudyExportRoutes(Router& router, app::Studies& studies) {
  router.Add({"GET", "/api/v1/studies/{id}/export.xlsx",
              "The study's numbers as a workbook: a concept map's statements, clusters, "
              "similarity, hints, go-zones, pattern matches, or a Delphi's statistics per item, "
              "round and group and their stability, with the conventions they follow (k, "
              "starts, seed as the analysis)",
              Access::kSignedIn,
              [&studies](RouteContext& r) -> Result<Response> {
                COVALUE_ASSIGN_OR_RETURN(StudyFiles files, FilesOf(studies, r));
                COVALUE_ASSIGN_OR_RETURN(std::string bytes, report::SheetsXlsx(files.sheets));
                return NoStore(Document(
                    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                    std::move(bytes), FileName(files.study, ".xlsx")));
              },
              0});
  router.Add({"GET", "/api/v1/studies/{id}/export/{file}",
              "One file of the study: each sheet of the workbook as CSV (a concept map's "
              "statements.csv, clusters.csv, similarity.csv, hints.csv, go-zone.csv, "
              "pattern-matches.csv; a Delphi's items.csv, stability.csv; conventions.csv) or "
              "report.pdf (k, starts, seed as the analysis)",
              Access::kSignedIn,
              [&studies](RouteContext& r) -> Result<Response> {
                COVALUE_ASSIGN_OR_RETURN(StudyFiles files, FilesOf(studies, r));
                const std::string& name = r.params.at("file");
                if (name == "report.pdf") {
                  report::StudyReport pdf{files.study.title,
                                          {files.study.focus_prompt},
                                          {},
                                          files.map ? report::ConceptMapReportTables(files.sheets)
                                                    : report::DelphiReportTables(files.sheets)};
                  if (files.map) {
                    pdf.lines.push_back(fmt::format(
                        "{} statements, {} sorters, {} raters; k = {}; stress-1 {:.4f}.",
                        files.map->data.study.statements.size(), files.map->data.study.sorts.size(),
                        files.map->analysis.rating.n_raters, files.map->analysis.k,
                        files.map->analysis.stress1));
                    pdf.picture = report::ConceptMapPicture{
                        &files.map->data.study, &files.map->analysis, files.study.title};
                  }
                  COVALUE_ASSIGN_OR_RETURN(std::string bytes, report::StudyReportPdf(pdf));
                  return NoStore(Document("application/pdf", std::move(bytes),
                                          FileName(files.study, "-report.pdf")));
                }
                for (const report::Sheet& sheet : files.sheets) {
                  if (report::SheetFileName(sheet) != name) continue;
                  return NoStore(Document("text/csv; charset=utf-8", report::SheetCsv(sheet),
                                          FileName(files.study, "-" + name)));
                }
                return Fail(ErrorCode::kNotFound,
                            fmt::format("the study has no file {}", name.substr(0, 100)), "file");
              },
              0});
  router.Add({"GET", "/api/v1/studies/{id}/maps.svg",
              "The concept map's pictures as SVG: point, cluster, bridging and rating maps, the "
              "ladder graph and the go-zone (k, starts, seed as the analysis)",
              Access::kSignedIn,
              [&studies](RouteContext& r) -> Result<Response> {
                COVALUE_ASSIGN_OR_RETURN(auto analysed, Analyse(studies, r));
                COVALUE_ASSIGN_OR_RETURN(Study study, studies.GetStudy(r.ctx, analysed.study_id));
                const report::ConceptMapPicture picture{&analysed.data.study, &analysed.analysis,
                                                        study.title};
                return NoStore(Document("image/svg+xml", report::ConceptMapSvg(picture), ""));
              },
              0});
}

}  // namespace covalue::http::api
