#include <fmt/format.h>

#include "formats/csv_file.h"
#include "report/sheets.h"

namespace covalue::report {

std::string SheetCsv(const Sheet& sheet) {
  std::string out = formats::CsvRow(sheet.headings);
  std::vector<std::string> fields;
  for (const std::vector<SheetCell>& row : sheet.rows) {
    fields.clear();
    for (const SheetCell& cell : row) {
      // {} prints a double's shortest form that reads back exactly.
      fields.push_back(std::holds_alternative<double>(cell) ? fmt::format("{}", std::get<double>(cell))
                                                            : std::get<std::string>(cell));
    }
    out += formats::CsvRow(fields);
  }
  return out;
}

std::string SheetFileName(const Sheet& sheet) {
  std::string name;
  for (char c : sheet.name) {
    const bool keep = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
    if (c >= 'A' && c <= 'Z') {
      name += static_cast<char>(c - 'A' + 'a');
    } else if (keep) {
      name += c;
    } else if (!name.empty() && name.back() != '-') {
      name += '-';
    }
  }
  while (!name.empty() && name.back() == '-') name.pop_back();
  return name + ".csv";
}

}  // namespace covalue::report
