#include "formats/visits_csv.h"

#include <algorithm>

#include <fmt/format.h>

#include "domain/dates.h"
#include "domain/validation.h"
#include "formats/csv_file.h"

namespace covalue::formats {
namespace {

std::string Trimmed(const std::string& text) {
  const auto first = text.find_first_not_of(" \t");
  const auto last = text.find_last_not_of(" \t");
  return first == std::string::npos ? "" : text.substr(first, last - first + 1);
}

}  // namespace

Result<VisitsFile> ReadVisitsCsv(std::string_view text) {
  VisitsFile file;
  std::vector<std::string> names;
  const auto column = [&](const std::string& name) {
    return static_cast<std::size_t>(std::find(names.begin(), names.end(), name) - names.begin());
  };
  COVALUE_RETURN_IF_ERROR(ReadCsv(text, [&](const CsvRecord& record) -> Status {
    if (names.empty()) {
      for (const std::string& heading : record.fields) {
        names.push_back(Trimmed(heading));
      }
      for (const std::string& name : names) {
        if (name != "identifier" && name != "at" && name != "note") {
          return Fail(ErrorCode::kInvalidArgument,
                      fmt::format("line 1: '{}' is not a column of a visits file (identifier, "
                                  "at, note)",
                                  name),
                      "line 1");
        }
      }
      if (column("identifier") == names.size() || column("at") == names.size()) {
        return Fail(ErrorCode::kInvalidArgument,
                    "line 1: a visits file names the columns identifier and at", "line 1");
      }
      return Ok();
    }
    const auto cell = [&](const std::string& name) {
      const std::size_t at = column(name);
      return at < record.fields.size() ? Trimmed(record.fields[at]) : std::string();
    };
    VisitRow row{record.line, cell("identifier"), 0, cell("note")};
    const std::string at = cell("at");
    const auto ms = at.size() > 10 ? ParseDateTimeMs(at) : std::nullopt;
    if (row.identifier.empty()) {
      file.rejected.push_back({record.line, "identifier", "names the patient"});
    } else if (!ms) {
      file.rejected.push_back(
          {record.line, "at", "is a date and time with its zone (2026-03-02T09:30:00+01:00)"});
    } else if (!row.note.empty() && !ValidateText(row.note, "note", 200)) {
      file.rejected.push_back({record.line, "note", "is up to 200 characters of text"});
    } else {
      row.at_ms = *ms;
      file.rows.push_back(std::move(row));
    }
    return Ok();
  }));
  if (names.empty()) {
    return Fail(ErrorCode::kInvalidArgument, "line 1: the visits file is empty", "line 1");
  }
  return file;
}

}  // namespace covalue::formats
