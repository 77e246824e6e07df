#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "analytics/spc/chart.h"
#include "domain/error.h"

namespace covalue::formats {

// A CSV table for an SPC chart in long format, as qicharts2 takes it: rows with the same x (and
// facet) form one subgroup. Subgroups are ordered by x as qicharts2 orders them: by number when
// every x is a number, by time when every x is a FHIR date or dateTime, else as text (byte
// order; R sorts text by its locale, which may differ for letters beyond ASCII). Facets are
// ordered by name.
struct SpcColumns {
  std::string x;
  std::string y;
  std::string n;      // "" when the chart takes no denominator
  std::string facet;  // "" for one chart of every row
};

struct SpcFacet {
  std::optional<std::string> name;  // nullopt without a facet column
  std::vector<std::string> x;       // each subgroup's x as written
  bool numeric_x = false;           // every x is a number
  std::vector<analytics::spc::Subgroup> subgroups;
};

// kInvalidArgument naming the CSV line and column ("line 7, column y: …") for a missing column,
// an empty x or a value that is not a number; an empty cell of y or n is a missing value.
[[nodiscard]] Result<std::vector<SpcFacet>> ReadSpcTable(std::string_view csv,
                                                         const SpcColumns& columns);

}  // namespace covalue::formats
