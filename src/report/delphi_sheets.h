#pragma once

#include <map>
#include <string>
#include <vector>

#include "report/sheets.h"
#include "research/delphi/delphi.h"

namespace covalue::report {

// A modified Delphi's numbers as sheets of a workbook (and each sheet as a CSV file): Items
// (per item, round and group — all first — every statistic of the covalue delphi --json
// contract, one column each), Stability (per item and round from the second, over all
// respondents), and Conventions (the rules the numbers follow, README "Modified Delphi").
// texts: each item's text by its id (an item without one shows none).
[[nodiscard]] std::vector<Sheet> DelphiSheets(const research::DelphiAnalysis& analysis,
                                              const std::map<std::string, std::string>& texts);
// The tables of the PDF report (report/study_report.h), from those sheets: per item, round and
// group the n, median, IPR, IPRAS, RAND class and percent rule; the stability's main figures;
// the conventions (every other column stays in the CSV and XLSX files).
[[nodiscard]] std::vector<Sheet> DelphiReportTables(const std::vector<Sheet>& sheets);

}  // namespace covalue::report
