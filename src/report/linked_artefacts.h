#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "app/workbook_exports/workbook_exports.h"
#include "domain/artefact_link.h"

// The personas and process maps a workbook answer links to, as the print and Markdown exports
// show them under the answer that links them first (report-internal).
namespace covalue::report {

// Follows which linked artefacts an export has shown, so each is shown once, under the first
// answer that links it; later links stay the answer's text.
class LinkedShown {
 public:
  // The artefacts text links to that have not been shown yet (and are now marked shown).
  std::vector<ArtefactLink> FirstIn(std::string_view text);

 private:
  std::vector<ArtefactLink> shown_;
};

// HTML for the print: a persona with its stratum's numbers, dated, and its texts; a map as an
// inline SVG picture with its cost table. Every text escaped.
std::string LinkedHtml(const app::WorkbookExport& e, const ArtefactLink& link,
                       std::string_view language);
// The same as Markdown (the map as its cost table; the picture is in the print and the XLSX).
std::string LinkedMarkdown(const app::WorkbookExport& e, const ArtefactLink& link,
                           std::string_view language);

// The persona's texts: each question of the persona guide it has answered, with the answer, in
// guide order (none when the reader may not see them).
std::vector<std::pair<std::string, std::string>> PersonaTexts(const app::WorkbookExport& e,
                                                              const app::LinkedPersona& linked,
                                                              std::string_view language);

// A step's or a lane's title in a map, or its key when the map has no such one.
std::string StepTitle(const ProcessMapContent& content, const std::string& step_id);
std::string LaneTitle(const ProcessMapContent& content, const std::string& lane_id);

// Words of the linked artefacts in language (en, sv).
std::string_view LinkedWord(std::string_view key, std::string_view language);

// An amount as the exports show it: two decimals.
std::string Amount(double value);

}  // namespace covalue::report
