#pragma once

#include <string>
#include <vector>

#include "report/sheets.h"
#include "research/concept_map/concept_map.h"

namespace covalue::report {

// A concept map's numbers as sheets of a workbook (and each sheet as a CSV file), to be read or
// recomputed elsewhere: Statements (text, x, y, cluster, bridging and each series' n, mean, sd),
// Clusters (size, bridging, each series' mean of statement means and pooled mean), Similarity
// (the matrix), Hints (WSS and silhouette per k), Go-zone (each group's means and quadrants),
// Pattern matches, and Conventions (every rule the numbers follow, README "Research analyses").
// texts: the statements' texts, parallel to study.statements; names: the chosen k's cluster
// names (ClusterNamesOf), a column of Clusters when given.
[[nodiscard]] std::vector<Sheet> ConceptMapSheets(const research::ConceptMapStudy& study,
                                                  const std::vector<std::string>& texts,
                                                  const research::ConceptMapAnalysis& analysis,
                                                  const std::vector<std::string>& names = {});
// Each cluster's name (1…k): the researcher's where given (not empty), else the one suggested
// from the sorters' pile names (research/concept_map/reading.h), else "".
[[nodiscard]] std::vector<std::string> ClusterNamesOf(const research::ConceptMapStudy& study,
                                                      const research::ConceptMapAnalysis& analysis,
                                                      const std::vector<std::string>& given = {});
// The tables of the PDF report (report/study_report.h), from those sheets: statements and
// clusters with all raters' means, the k hints, all raters' go-zone, the pattern matches and the
// conventions (the similarity matrix and the groups' columns stay in the CSV and XLSX files).
[[nodiscard]] std::vector<Sheet> ConceptMapReportTables(const std::vector<Sheet>& sheets);

}  // namespace covalue::report
