#pragma once

#include <string_view>
#include <vector>

#include "domain/error.h"
#include "domain/unit_cost.h"

namespace covalue::formats {

// A unit-cost table file: CSV with the header code,unit_cost,currency,valid_from (in that
// order; a byte-order mark and CRLF allowed), one row per code and date. All or nothing: any
// fault refuses the whole file with kInvalidArgument, its message listing every faulty line and
// column ("line 3, valid_from: …", at most 20) and its field naming the first ("/3/valid_from",
// the file's line). The rows then also pass ValidateUnitCosts. At most 100,000 rows.
Result<std::vector<UnitCost>> ReadUnitCostCsv(std::string_view text);

}  // namespace covalue::formats
