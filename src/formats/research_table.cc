#include "formats/research_table.h"

#include <algorithm>
#include <charconv>

#include <fmt/format.h>

#include "formats/csv_file.h"

namespace covalue::formats {
namespace {

std::string Trimmed(std::string_view text) {
  const auto first = text.find_first_not_of(" \t");
  const auto last = text.find_last_not_of(" \t");
  return first == std::string_view::npos ? "" : std::string(text.substr(first, last - first + 1));
}

}  // namespace

std::string ProblemText(const FileProblem& problem) {
  return fmt::format("{}:{}: {}", problem.file, problem.line, problem.message);
}

Table ReadTable(const NamedText& file, std::span<const std::string_view> columns) {
  Table table;
  std::vector<std::size_t> at;  // the header's position of each column asked for
  std::size_t width = 0;
  bool header = true;
  const Status read = ReadCsv(file.text, [&](const CsvRecord& record) -> Status {
    if (header) {
      header = false;
      width = record.fields.size();
      std::vector<std::string> names;
      for (const std::string& field : record.fields) names.push_back(Trimmed(field));
      if (!names.empty() && names[0].starts_with("\xEF\xBB\xBF")) names[0].erase(0, 3);
      for (std::string_view column : columns) {
        const auto found = std::find(names.begin(), names.end(), column);
        if (found == names.end()) {
          table.problems.push_back(
              {file.name, record.line, fmt::format("the header has no column {}", column)});
        }
        at.push_back(static_cast<std::size_t>(found - names.begin()));
      }
      return Ok();
    }
    if (!table.problems.empty()) {
      return Ok();  // without its columns, the header's problem is the file's only one
    }
    if (record.fields.size() < width) {
      table.problems.push_back({file.name, record.line,
                                fmt::format("has {} fields where the header has {}",
                                            record.fields.size(), width)});
      return Ok();
    }
    TableRow row{record.line, {}};
    for (std::size_t a : at) row.cells.push_back(Trimmed(record.fields[a]));
    table.rows.push_back(std::move(row));
    return Ok();
  });
  if (!read) {
    const std::string& field = read.error().field;  // "line N"
    std::size_t line = 1;
    if (field.starts_with("line ")) {
      std::from_chars(field.data() + 5, field.data() + field.size(), line);
    }
    std::string message = read.error().message;
    if (const std::string prefix = field + ": "; message.starts_with(prefix)) {
      message.erase(0, prefix.size());
    }
    table.problems.push_back({file.name, line, std::move(message)});
  }
  if (header) {
    table.problems.push_back({file.name, 1, "the file is empty: a header line is missing"});
  }
  return table;
}

std::optional<long long> ParseWholeNumber(std::string_view text) {
  if (text.size() > 1 && text.front() == '+' && text[1] != '-') text.remove_prefix(1);
  long long value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (text.empty() || error != std::errc() || end != text.data() + text.size()) {
    return std::nullopt;
  }
  return value;
}

}  // namespace covalue::formats
