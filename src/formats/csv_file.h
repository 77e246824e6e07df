#pragma once

#include <cstddef>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/error.h"

namespace covalue::formats {

// One record of a CSV file and the line it starts on (1-based; a quoted field may span lines).
struct CsvRecord {
  std::size_t line = 0;
  std::vector<std::string> fields;
};

// Reads CSV text (RFC 4180: comma-separated, fields quoted with '"', quotes doubled inside;
// CRLF or LF; a UTF-8 byte-order mark allowed; blank lines skipped), calling on_record for each
// record in order and stopping at its first error. kInvalidArgument naming the line for
// malformed quoting.
Status ReadCsv(std::string_view text, const std::function<Status(const CsvRecord&)>& on_record);

// How CsvRow writes a field: as it is (files a program reads back, such as a REDCap import), or
// safe to open in a spreadsheet: a field a spreadsheet would run as a formula (starting with =,
// +, -, @, a tab or a carriage return) gets a leading apostrophe, as OWASP advises against CSV
// injection, for files people open (the audit trail).
enum class CsvCells { kAsIs, kSpreadsheetSafe };

// One CSV record as RFC 4180 writes it: fields joined by commas, quoted when they hold a comma,
// quote or line break (quotes doubled), ended by CRLF.
std::string CsvRow(const std::vector<std::string>& fields, CsvCells cells = CsvCells::kAsIs);

}  // namespace covalue::formats
