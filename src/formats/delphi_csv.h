#pragma once

#include <string>
#include <vector>

#include <tl/expected.hpp>

#include "formats/research_table.h"
#include "research/delphi/delphi.h"

namespace covalue::formats {

// A modified Delphi's files:
// - items.csv `item_id,text`: ids unique and not blank, text not blank.
// - ratings.csv `round,panelist_id,group,item_id,value`: round a whole number ≥ 1, value a whole
//   number 1–9, the item in items.csv, one group per panelist, one value per round, panelist and
//   item. A missing row is no rating.
// The panel, or every problem of both files (all or nothing). groups, when given, are the only
// groups a panelist may be in (a study's).
[[nodiscard]] tl::expected<research::DelphiPanel, FileProblems> ReadDelphiFiles(
    const NamedText& items, const NamedText& ratings,
    const std::vector<std::string>* groups = nullptr);

}  // namespace covalue::formats
