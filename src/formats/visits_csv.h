#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "domain/error.h"
#include "domain/schedule.h"
#include "formats/registry_csv.h"

namespace covalue::formats {

// One planned visit of a visits file, with the patient named by the site's identifier.
struct VisitRow {
  std::size_t line = 0;
  std::string identifier;
  std::int64_t at_ms = 0;
  std::string note;
};

struct VisitsFile {
  std::vector<VisitRow> rows;
  std::vector<RejectedLine> rejected;  // every line refused, with its column and why
};

// A visits file: CSV with a header line naming identifier, at (a FHIR dateTime with its zone,
// "2026-03-02T09:30:00+01:00") and optionally note (up to 200 characters); other columns are
// refused. Each line is checked alone; kInvalidArgument (naming line 1) only for a header that is
// not a visits file's or a file that is not CSV.
Result<VisitsFile> ReadVisitsCsv(std::string_view text);

}  // namespace covalue::formats
