#include "domain/unit_cost.h"

#include <algorithm>
#include <cmath>
#include <set>
#include <utility>

#include <fmt/format.h>

#include "domain/dates.h"

namespace covalue {

std::string DefaultCurrency(std::string_view country) {
  static constexpr std::pair<std::string_view, std::string_view> kByCountry[] = {
      {"SE", "SEK"}, {"NO", "NOK"}, {"DK", "DKK"}, {"GB", "GBP"}, {"US", "USD"},
      {"CH", "CHF"}, {"IS", "ISK"}, {"CA", "CAD"}, {"AU", "AUD"}};
  for (const auto& [code, currency] : kByCountry) {
    if (code == country) return std::string(currency);
  }
  return "EUR";
}

Status ValidateCurrency(std::string_view currency, std::string_view field) {
  const bool ok = currency.size() == 3 && std::all_of(currency.begin(), currency.end(), [](char c) {
                    return c >= 'A' && c <= 'Z';
                  });
  if (!ok) {
    return Fail(ErrorCode::kInvalidArgument, "a currency is three upper-case letters (ISO 4217)",
                std::string(field));
  }
  return Ok();
}

Status ValidateUnitCosts(const std::vector<UnitCost>& rows) {
  std::set<std::pair<std::string, std::string>> seen;
  for (std::size_t i = 0; i < rows.size(); ++i) {
    const UnitCost& row = rows[i];
    const std::string at = fmt::format("/{}", i);
    const bool code_ok = !row.code.empty() && row.code.size() <= 64 &&
                         std::all_of(row.code.begin(), row.code.end(), [](char c) {
                           return static_cast<unsigned char>(c) > ' ' && c != 0x7f && c != '|';
                         });
    if (!code_ok) {
      return Fail(ErrorCode::kInvalidArgument,
                  "a code is 1–64 characters without spaces or '|'", at + "/code");
    }
    if (!std::isfinite(row.unit_cost) || row.unit_cost < 0) {
      return Fail(ErrorCode::kInvalidArgument, "a unit cost is a number of at least 0",
                  at + "/unit_cost");
    }
    COVALUE_RETURN_IF_ERROR(ValidateCurrency(row.currency, at + "/currency"));
    if (row.currency != rows.front().currency) {
      return Fail(ErrorCode::kInvalidArgument,
                  fmt::format("a table has one currency: {} above, {} here",
                              rows.front().currency, row.currency),
                  at + "/currency");
    }
    if (row.valid_from.size() != 10 || !ParseDateMs(row.valid_from)) {
      return Fail(ErrorCode::kInvalidArgument, "a valid-from date is YYYY-MM-DD",
                  at + "/valid_from");
    }
    if (!seen.emplace(row.code, row.valid_from).second) {
      return Fail(ErrorCode::kInvalidArgument,
                  fmt::format("{} from {} is given twice", row.code, row.valid_from), at + "/code");
    }
  }
  return Ok();
}

UnitCostTable::UnitCostTable(std::vector<UnitCost> rows) : rows_(std::move(rows)) {
  std::sort(rows_.begin(), rows_.end(), [](const UnitCost& a, const UnitCost& b) {
    return std::tie(a.code, a.valid_from) < std::tie(b.code, b.valid_from);
  });
  for (const UnitCost& row : rows_) days_.push_back(DayOf(ParseDateMs(row.valid_from).value_or(0)));
}

bool UnitCostTable::Covers(std::string_view code) const {
  const auto it = std::lower_bound(rows_.begin(), rows_.end(), code,
                                   [](const UnitCost& row, std::string_view c) { return row.code < c; });
  return it != rows_.end() && it->code == code;
}

std::optional<double> UnitCostTable::CostOn(std::string_view code, std::string_view day) const {
  std::optional<double> cost;
  auto it = std::lower_bound(rows_.begin(), rows_.end(), code,
                             [](const UnitCost& row, std::string_view c) { return row.code < c; });
  for (; it != rows_.end() && it->code == code && it->valid_from <= day; ++it) {
    cost = it->unit_cost;
  }
  return cost;
}

std::optional<double> UnitCostTable::CostOnDay(std::string_view code, std::int64_t day) const {
  std::optional<double> cost;
  const auto first = std::lower_bound(rows_.begin(), rows_.end(), code,
                                      [](const UnitCost& row, std::string_view c) { return row.code < c; });
  for (auto i = static_cast<std::size_t>(first - rows_.begin());
       i < rows_.size() && rows_[i].code == code && days_[i] <= day; ++i) {
    cost = rows_[i].unit_cost;
  }
  return cost;
}

std::vector<std::string> UnitCostTable::Codes() const {
  std::vector<std::string> codes;
  for (const UnitCost& row : rows_) {
    if (codes.empty() || codes.back() != row.code) codes.push_back(row.code);
  }
  return codes;
}

}  // namespace covalue
