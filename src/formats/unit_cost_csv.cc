#include "formats/unit_cost_csv.h"

#include <charconv>
#include <cmath>

#include <fmt/format.h>

#include "formats/csv_file.h"

namespace covalue::formats {
namespace {

constexpr std::string_view kColumns[] = {"code", "unit_cost", "currency", "valid_from"};
constexpr std::size_t kMaxRows = 100000;
constexpr std::size_t kMaxListed = 20;

// Collects the faults of a file, each with its line and column.
struct Faults {
  std::vector<std::string> listed;
  std::string first_field;
  std::size_t count = 0;

  void Add(std::size_t line, std::string_view column, std::string_view why) {
    if (count++ == 0) first_field = fmt::format("/{}/{}", line, column);
    if (listed.size() < kMaxListed) listed.push_back(fmt::format("line {}, {}: {}", line, column, why));
  }
  Status Verdict() const {
    if (count == 0) return Ok();
    std::string message = fmt::format("{}", fmt::join(listed, "; "));
    if (count > listed.size()) message += fmt::format("; and {} more", count - listed.size());
    return Fail(ErrorCode::kInvalidArgument, message, first_field);
  }
};

std::optional<double> ParseAmount(std::string_view text) {
  double value = 0;
  const auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (text.empty() || ec != std::errc() || ptr != text.data() + text.size() || !std::isfinite(value)) {
    return std::nullopt;
  }
  return value;
}

}  // namespace

Result<std::vector<UnitCost>> ReadUnitCostCsv(std::string_view text) {
  std::vector<UnitCost> rows;
  std::vector<std::size_t> lines;
  Faults faults;
  bool header = true;
  COVALUE_RETURN_IF_ERROR(ReadCsv(text, [&](const CsvRecord& record) -> Status {
    if (header) {
      header = false;
      if (record.fields != std::vector<std::string>(std::begin(kColumns), std::end(kColumns))) {
        return Fail(ErrorCode::kInvalidArgument,
                    "line 1: the header is code,unit_cost,currency,valid_from", "/1");
      }
      return Ok();
    }
    if (rows.size() == kMaxRows) {
      return Fail(ErrorCode::kInvalidArgument,
                  fmt::format("line {}: a table has at most 100,000 rows", record.line),
                  fmt::format("/{}", record.line));
    }
    if (record.fields.size() != 4) {
      faults.Add(record.line, "code",
                 fmt::format("4 columns expected, {} found", record.fields.size()));
      return Ok();
    }
    UnitCost row{record.fields[0], 0, record.fields[2], record.fields[3]};
    if (const auto cost = ParseAmount(record.fields[1])) {
      row.unit_cost = *cost;
    } else {
      faults.Add(record.line, "unit_cost", "not a number (write 1500.50, no spaces or currency)");
      return Ok();
    }
    // Each row's own rules, by the domain's check of a table of one.
    if (const Status valid = ValidateUnitCosts({row}); !valid) {
      const std::string& field = valid.error().field;  // "/0/column"
      faults.Add(record.line, std::string_view(field).substr(field.rfind('/') + 1),
                 valid.error().message);
      return Ok();
    }
    rows.push_back(std::move(row));
    lines.push_back(record.line);
    return Ok();
  }));
  if (header) {
    return Fail(ErrorCode::kInvalidArgument, "line 1: the file is empty; its header is "
                "code,unit_cost,currency,valid_from", "/1");
  }
  // Rules across rows: one currency, each code and date once.
  if (faults.count == 0) {
    if (const Status valid = ValidateUnitCosts(rows); !valid) {
      const std::string& field = valid.error().field;  // "/i/column"
      const std::size_t slash = field.find('/', 1);
      const std::size_t index = std::stoul(field.substr(1, slash - 1));
      faults.Add(lines[index], std::string_view(field).substr(slash + 1), valid.error().message);
    }
  }
  COVALUE_RETURN_IF_ERROR(faults.Verdict());
  return rows;
}

}  // namespace covalue::formats
