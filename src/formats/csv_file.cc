#include "formats/csv_file.h"

#include <algorithm>
#include <csv.h>

#include <fmt/format.h>

namespace covalue::formats {
namespace {

// The parser's callbacks write here; libcsv passes it back as void*.
struct Reader {
  const std::function<Status(const CsvRecord&)>* on_record;
  CsvRecord record;
  std::size_t line = 1;      // the line being fed to the parser
  std::size_t embedded = 0;  // newlines inside the current record's fields
  std::size_t last_end = 0;  // the line the last record ended on
  Status status = Ok();
};

void OnField(void* data, std::size_t size, void* context) {
  auto* reader = static_cast<Reader*>(context);
  std::string field(static_cast<const char*>(data), data == nullptr ? 0 : size);
  reader->embedded += static_cast<std::size_t>(std::count(field.begin(), field.end(), '\n'));
  reader->record.fields.push_back(std::move(field));
}

void OnRecordEnd(int /*terminator*/, void* context) {
  auto* reader = static_cast<Reader*>(context);
  if (reader->status && !reader->record.fields.empty()) {
    reader->record.line = reader->line - reader->embedded;
    reader->status = (*reader->on_record)(reader->record);
  }
  reader->record.fields.clear();
  reader->embedded = 0;
  reader->last_end = reader->line;
}

}  // namespace

Status ReadCsv(std::string_view text, const std::function<Status(const CsvRecord&)>& on_record) {
  if (text.substr(0, 3) == "\xEF\xBB\xBF") {
    text.remove_prefix(3);
  }
  csv_parser parser{};
  if (csv_init(&parser, CSV_STRICT | CSV_STRICT_FINI) != 0) {
    return Fail(ErrorCode::kInternal, "the CSV reader could not start");
  }
  Reader reader{&on_record, {}, 1, 0, 0, Ok()};
  // Fed a line at a time, so the callbacks know the line they are on.
  std::size_t start = 0;
  while (start < text.size() && reader.status) {
    const std::size_t end = std::min(text.find('\n', start), text.size() - 1) + 1;
    const std::size_t fed =
        csv_parse(&parser, text.data() + start, end - start, OnField, OnRecordEnd, &reader);
    if (fed != end - start) {
      const std::string reason = csv_strerror(csv_error(&parser));
      csv_free(&parser);
      return Fail(ErrorCode::kInvalidArgument,
                  fmt::format("line {}: {} (a quote out of place?)", reader.line, reason),
                  fmt::format("line {}", reader.line));
    }
    start = end;
    if (text[end - 1] == '\n') {
      ++reader.line;
    }
  }
  if (reader.status && csv_fini(&parser, OnField, OnRecordEnd, &reader) != 0) {
    csv_free(&parser);
    const std::size_t line = reader.last_end + 1;
    return Fail(
        ErrorCode::kInvalidArgument,
        fmt::format("line {}: a quoted field of the record that starts here is not closed", line),
        fmt::format("line {}", line));
  }
  csv_free(&parser);
  return reader.status;
}

std::string CsvRow(const std::vector<std::string>& fields, CsvCells cells) {
  std::string out;
  for (std::size_t i = 0; i < fields.size(); ++i) {
    std::string field = fields[i];
    if (cells == CsvCells::kSpreadsheetSafe && !field.empty() &&
        std::string_view("=+-@\t\r").find(field.front()) != std::string_view::npos) {
      field.insert(0, 1, '\'');
    }
    out += i == 0 ? "" : ",";
    if (field.find_first_of(",\"\r\n") == std::string::npos) {
      out += field;
      continue;
    }
    out += '"';
    for (char c : field) {
      out += c;
      if (c == '"') {
        out += '"';
      }
    }
    out += '"';
  }
  return out + "\r\n";
}

}  // namespace covalue::formats
