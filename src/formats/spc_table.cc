#include "formats/spc_table.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <map>

#include <fmt/format.h>

#include "domain/dates.h"
#include "formats/csv_file.h"

namespace covalue::formats {
namespace {

struct Row {
  std::string facet;
  std::string x;
  std::optional<double> y;
  std::optional<double> n;
};

std::optional<double> Number(std::string_view text) {
  while (!text.empty() && text.front() == ' ') {
    text.remove_prefix(1);
  }
  while (!text.empty() && text.back() == ' ') {
    text.remove_suffix(1);
  }
  double value = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size() || !std::isfinite(value)) {
    return std::nullopt;
  }
  return value;
}

}  // namespace

Result<std::vector<SpcFacet>> ReadSpcTable(std::string_view csv, const SpcColumns& columns) {
  std::map<std::string, std::size_t> index;
  std::vector<Row> rows;
  std::optional<std::size_t> x_at, y_at, n_at, facet_at;
  COVALUE_RETURN_IF_ERROR(ReadCsv(csv, [&](const CsvRecord& record) -> Status {
    if (index.empty()) {
      for (std::size_t i = 0; i < record.fields.size(); ++i) {
        index.emplace(record.fields[i], i);
      }
      const auto column = [&](const std::string& name,
                              const char* option) -> Result<std::optional<std::size_t>> {
        if (name.empty()) {
          return std::optional<std::size_t>{};
        }
        const auto found = index.find(name);
        if (found == index.end()) {
          return Fail(ErrorCode::kInvalidArgument,
                      fmt::format("line {}: the header has no column '{}'", record.line, name),
                      option);
        }
        return std::optional(found->second);
      };
      COVALUE_ASSIGN_OR_RETURN(x_at, column(columns.x, "--x"));
      COVALUE_ASSIGN_OR_RETURN(y_at, column(columns.y, "--y"));
      COVALUE_ASSIGN_OR_RETURN(n_at, column(columns.n, "--n"));
      COVALUE_ASSIGN_OR_RETURN(facet_at, column(columns.facet, "--facet"));
      if (!x_at || !y_at) {
        return Fail(ErrorCode::kInvalidArgument, "name the x and y columns", !x_at ? "--x" : "--y");
      }
      return Ok();
    }
    const auto cell = [&](std::size_t at) -> const std::string& {
      static const std::string kEmpty;
      return at < record.fields.size() ? record.fields[at] : kEmpty;
    };
    const auto value = [&](std::optional<std::size_t> at,
                           const std::string& name) -> Result<std::optional<double>> {
      if (!at || cell(*at).find_first_not_of(' ') == std::string::npos) {
        return std::optional<double>{};  // an empty cell: a missing value
      }
      auto number = Number(cell(*at));
      if (!number) {
        return Fail(
            ErrorCode::kInvalidArgument,
            fmt::format("line {}, column {}: '{}' is not a number", record.line, name, cell(*at)),
            name);
      }
      return number;
    };
    Row row;
    row.x = cell(*x_at);
    if (row.x.empty()) {
      return Fail(ErrorCode::kInvalidArgument,
                  fmt::format("line {}, column {}: x is empty", record.line, columns.x), columns.x);
    }
    row.facet = facet_at ? cell(*facet_at) : "";
    COVALUE_ASSIGN_OR_RETURN(row.y, value(y_at, columns.y));
    COVALUE_ASSIGN_OR_RETURN(row.n, value(n_at, columns.n));
    rows.push_back(std::move(row));
    return Ok();
  }));
  if (index.empty()) {
    return Fail(ErrorCode::kInvalidArgument, "the file is empty: it needs a header line", "");
  }

  // How x sorts: every x a number, else every x a time, else text.
  const bool numeric =
      std::all_of(rows.begin(), rows.end(), [](const Row& r) { return Number(r.x).has_value(); });
  const bool times = !numeric && std::all_of(rows.begin(), rows.end(), [](const Row& r) {
    return ParseDateTimeMs(r.x).has_value();
  });
  const auto before = [&](const std::string& a, const std::string& b) {
    if (numeric) {
      return *Number(a) < *Number(b);
    }
    if (times) {
      return *ParseDateTimeMs(a) < *ParseDateTimeMs(b);
    }
    return a < b;
  };
  std::map<std::string, std::vector<const Row*>> by_facet;
  for (const Row& row : rows) {
    by_facet[row.facet].push_back(&row);
  }
  std::vector<SpcFacet> facets;
  for (auto& [name, facet_rows] : by_facet) {
    std::stable_sort(facet_rows.begin(), facet_rows.end(),
                     [&](const Row* a, const Row* b) { return before(a->x, b->x); });
    SpcFacet facet;
    facet.numeric_x = numeric;
    if (facet_at) {
      facet.name = name;
    }
    for (const Row* row : facet_rows) {
      // Rows of the same x, written alike or not ("2024-01" and "2024-01-01" differ as text
      // but not as time), are one subgroup.
      if (facet.x.empty() || before(facet.x.back(), row->x)) {
        facet.x.push_back(row->x);
        facet.subgroups.emplace_back();
      }
      analytics::spc::Subgroup& subgroup = facet.subgroups.back();
      subgroup.y.push_back(row->y);
      if (n_at) {
        subgroup.n.push_back(row->n);
      }
    }
    facets.push_back(std::move(facet));
  }
  return facets;
}

}  // namespace covalue::formats
