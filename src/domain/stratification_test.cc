// Strata and unit costs against their definitions: the first matching stratum wins, the rest
// are "Other", conditions on what a person lacks do not hold, quartiles by Hyndman–Fan type 7
// (checked against values computed by hand), and the unit cost valid on an event's date.

#include "domain/stratification.h"

#include <gtest/gtest.h>

#include "domain/dates.h"
#include "domain/unit_cost.h"

namespace covalue {
namespace {

Stratification Example() {
  Stratification s;
  s.name = "MS by need";
  s.strata = {
      {"High disability", {{true, "EDSS", ConditionOp::kGe, {"6"}}}},
      {"Young women", {{false, "sex", ConditionOp::kEq, {"female"}},
                       {false, "age", ConditionOp::kLt, {"30"}}}},
      {"Relapsing", {{false, "ms_type", ConditionOp::kIn, {"RRMS", "CIS"}}}},
  };
  return s;
}

TEST(Strata, FirstMatchWinsAndTheRestAreOther) {
  const Stratification s = Example();
  ASSERT_TRUE(ValidateStratification(s, {"ms_type"}));
  // A young woman with EDSS 6.5 is in the first stratum, though she fits the second too.
  StratumSubject anna{{{"sex", "female"}, {"age", "27"}, {"ms_type", "RRMS"}}, {{"EDSS", 6.5}}};
  EXPECT_EQ(StratumOf(s, anna), 0U);
  anna.latest["EDSS"] = 2;
  EXPECT_EQ(StratumOf(s, anna), 1U);
  // Age compares as a number: "9" < "30" though not as text.
  StratumSubject girl{{{"sex", "female"}, {"age", "9"}}, {}};
  EXPECT_EQ(StratumOf(s, girl), 1U);
  StratumSubject man{{{"sex", "male"}, {"age", "45"}, {"ms_type", "CIS"}}, {}};
  EXPECT_EQ(StratumOf(s, man), 2U);
  // Without an EDSS and without ms_type nothing holds: "Other".
  StratumSubject nobody{{{"sex", "male"}, {"age", "45"}}, {}};
  EXPECT_EQ(StratumOf(s, nobody), 3U);
}

TEST(Strata, RulesNameTheMemberAtFault) {
  Stratification s = Example();
  EXPECT_EQ(ValidateStratification(s, {}).error().field, "/strata/2/conditions/0/field");
  s.strata[0].conditions[0].values = {"high"};
  EXPECT_EQ(ValidateStratification(s, {"ms_type"}).error().field, "/strata/0/conditions/0/value");
  s = Example();
  s.strata[1].name = "Other";
  EXPECT_EQ(ValidateStratification(s, {"ms_type"}).error().field, "/strata/1/name");
  s = Example();
  s.strata[0].conditions[0].name = "http://loinc.org|EDSS";
  EXPECT_EQ(ValidateStratification(s, {"ms_type"}).error().field,
            "/strata/0/conditions/0/observation");
  s = Example();
  s.strata[1].conditions[0].values = {"female", "male"};
  EXPECT_EQ(ValidateStratification(s, {"ms_type"}).error().field, "/strata/1/conditions/0/value");
  EXPECT_FALSE(ParseConditionOp("like"));
}

TEST(Strata, QuartilesByTypeSeven) {
  // x = 1, 2, 4, 7, 10: n − 1 = 4; q1 at h = 1 → 2; median at h = 2 → 4; q3 at h = 3 → 7.
  EXPECT_DOUBLE_EQ(QuantileType7({1, 2, 4, 7, 10}, 0.25), 2);
  EXPECT_DOUBLE_EQ(QuantileType7({1, 2, 4, 7, 10}, 0.5), 4);
  // x = 3, 5, 8, 13: n − 1 = 3; q1 at h = 0.75 → 3 + 0.75 × 2 = 4.5; median at 1.5 → 6.5;
  // q3 at 2.25 → 8 + 0.25 × 5 = 9.25.
  EXPECT_DOUBLE_EQ(QuantileType7({3, 5, 8, 13}, 0.25), 4.5);
  EXPECT_DOUBLE_EQ(QuantileType7({3, 5, 8, 13}, 0.5), 6.5);
  EXPECT_DOUBLE_EQ(QuantileType7({3, 5, 8, 13}, 0.75), 9.25);
  EXPECT_DOUBLE_EQ(QuantileType7({42}, 0.75), 42);
}

TEST(UnitCosts, TheCostValidOnTheEventsDate) {
  const UnitCostTable table({{"OPV", 1500, "SEK", "2025-01-01"},
                             {"OPV", 1800, "SEK", "2026-03-01"},
                             {"IPD", 9000, "SEK", "2020-01-01"}});
  EXPECT_TRUE(table.Covers("OPV"));
  EXPECT_FALSE(table.Covers("EDSS"));
  EXPECT_FALSE(table.CostOn("OPV", "2024-12-31"));
  EXPECT_EQ(table.CostOn("OPV", "2025-01-01"), 1500);
  EXPECT_EQ(table.CostOn("OPV", "2026-02-28"), 1500);
  EXPECT_EQ(table.CostOn("OPV", "2026-03-01"), 1800);
  EXPECT_EQ(table.CostOn("IPD", "2026-12-06"), 9000);
  const auto day = [](const char* d) { return DayOf(*ParseDateMs(d)); };
  EXPECT_FALSE(table.CostOnDay("OPV", day("2024-12-31")));
  EXPECT_EQ(table.CostOnDay("OPV", day("2026-02-28")), 1500);
  EXPECT_EQ(table.CostOnDay("OPV", day("2026-03-01")), 1800);
  EXPECT_EQ(table.Codes(), (std::vector<std::string>{"IPD", "OPV"}));
}

TEST(UnitCosts, RowsNameTheLineAndColumnAtFault) {
  std::vector<UnitCost> rows{{"OPV", 1500, "SEK", "2025-01-01"}, {"IPD", 9000, "SEK", "2025-02-30"}};
  EXPECT_EQ(ValidateUnitCosts(rows).error().field, "/1/valid_from");
  rows[1].valid_from = "2025-02-28";
  rows[1].currency = "EUR";
  EXPECT_EQ(ValidateUnitCosts(rows).error().field, "/1/currency");
  rows[1].currency = "SEK";
  rows[1].unit_cost = -1;
  EXPECT_EQ(ValidateUnitCosts(rows).error().field, "/1/unit_cost");
  rows[1] = rows[0];
  EXPECT_EQ(ValidateUnitCosts(rows).error().field, "/1/code");
  rows.pop_back();
  EXPECT_TRUE(ValidateUnitCosts(rows));
  EXPECT_EQ(DefaultCurrency("SE"), "SEK");
  EXPECT_EQ(DefaultCurrency("NL"), "EUR");
}

}  // namespace
}  // namespace covalue
