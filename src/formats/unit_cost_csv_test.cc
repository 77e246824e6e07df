// Unit-cost table files: read whole or refused whole, every fault named by line and column.

#include "formats/unit_cost_csv.h"

#include <gtest/gtest.h>

namespace covalue::formats {
namespace {

TEST(UnitCostCsv, ReadsATable) {
  auto rows = ReadUnitCostCsv(
      "\xEF\xBB\xBF" "code,unit_cost,currency,valid_from\r\nOPV,1500.5,SEK,2025-01-01\r\n"
      "\"IPD\",9000,SEK,2020-01-01\r\n");
  ASSERT_TRUE(rows) << rows.error().message;
  ASSERT_EQ(rows->size(), 2U);
  EXPECT_EQ((*rows)[0].code, "OPV");
  EXPECT_DOUBLE_EQ((*rows)[0].unit_cost, 1500.5);
  EXPECT_EQ((*rows)[1].valid_from, "2020-01-01");
}

TEST(UnitCostCsv, NamesEveryFaultyLineAndColumn) {
  auto bad = ReadUnitCostCsv(
      "code,unit_cost,currency,valid_from\nOPV,1500,SEK,2025-01-01\nIPD,9000,SEK,2025-13-01\n"
      "ER,lots,SEK,2025-01-01\nHV,300,sek,2025-01-01\n");
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(bad.error().field, "/3/valid_from");
  EXPECT_NE(bad.error().message.find("line 3, valid_from"), std::string::npos);
  EXPECT_NE(bad.error().message.find("line 4, unit_cost"), std::string::npos);
  EXPECT_NE(bad.error().message.find("line 5, currency"), std::string::npos);

  auto twice = ReadUnitCostCsv("code,unit_cost,currency,valid_from\nOPV,1,SEK,2025-01-01\n"
                               "OPV,2,SEK,2025-01-01\n");
  ASSERT_FALSE(twice);
  EXPECT_EQ(twice.error().field, "/3/code");
  auto mixed = ReadUnitCostCsv("code,unit_cost,currency,valid_from\nOPV,1,SEK,2025-01-01\n"
                               "IPD,2,EUR,2025-01-01\n");
  ASSERT_FALSE(mixed);
  EXPECT_EQ(mixed.error().field, "/3/currency");
  EXPECT_EQ(ReadUnitCostCsv("code,cost\nOPV,1\n").error().field, "/1");
  EXPECT_EQ(ReadUnitCostCsv("").error().field, "/1");
  EXPECT_EQ(ReadUnitCostCsv("code,unit_cost,currency,valid_from\nOPV,1,SEK\n").error().field,
            "/2/code");
  // A header alone is an empty table.
  auto empty = ReadUnitCostCsv("code,unit_cost,currency,valid_from\n");
  ASSERT_TRUE(empty);
  EXPECT_TRUE(empty->empty());
}

}  // namespace
}  // namespace covalue::formats
