#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/community.h"
#include "domain/error.h"

namespace covalue {

// A row of a site's unit-cost table: what one unit of a utilisation code (an outpatient visit,
// an inpatient day, a dispensing) costs from a date on. An observation whose code has a row in
// its site's table is a utilisation event, its value the quantity.
struct UnitCost {
  std::string code = {};  // a plain code, as observations carry it (not system|code)
  double unit_cost = 0;
  std::string currency = {};    // ISO 4217, three upper-case letters
  std::string valid_from = {};  // YYYY-MM-DD
};

// The site's costing settings: its currency and the value of a person's (or a carer's) time
// per minute, which process maps' person-side costs use.
struct SiteCosting {
  Id site_id = 0;
  std::string currency = {};  // ISO 4217
  double person_time_value_per_minute = 0;
};

// The currency a site's costs are in when it has set none: its country's (SE SEK, NO NOK, DK
// DKK, GB GBP, US USD, CH CHF, IS ISK, CA CAD, AU AUD), else EUR.
std::string DefaultCurrency(std::string_view country);

// kInvalidArgument naming the row ("/3/valid_from", rows counted from 0) for a code of 1–64
// printable characters without spaces, a cost ≥ 0, a currency of three upper-case letters
// (one currency in the whole table), a real date, and a code and date given twice.
[[nodiscard]] Status ValidateUnitCosts(const std::vector<UnitCost>& rows);
[[nodiscard]] Status ValidateCurrency(std::string_view currency, std::string_view field);

// A site's table, for pricing events.
class UnitCostTable {
 public:
  explicit UnitCostTable(std::vector<UnitCost> rows);
  // Whether the code is a utilisation code (has any row).
  bool Covers(std::string_view code) const;
  // The cost of one unit on day (YYYY-MM-DD): the row of the code with the latest valid_from
  // on or before day; nullopt before the first (no price was known then).
  std::optional<double> CostOn(std::string_view code, std::string_view day) const;
  // The same for a day counted from 1970-01-01 (DayOf of an instant, UTC).
  std::optional<double> CostOnDay(std::string_view code, std::int64_t day) const;
  std::vector<std::string> Codes() const;  // sorted, each once

 private:
  std::vector<UnitCost> rows_ = {};       // by code, then valid_from
  std::vector<std::int64_t> days_ = {};  // each row's valid_from as a day number
};

}  // namespace covalue
