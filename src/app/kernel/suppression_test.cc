#include "app/kernel/suppression.h"

#include <gtest/gtest.h>

#include "analytics/measures.h"
#include "domain/dates.h"

namespace covalue::app {
namespace {

// Adds observations the way ingest does, so the cell is what the store would hold.
CellCounts CellFrom(const MeasureDefinition& m, const std::vector<double>& values) {
  CellCounts cell;
  for (double v : values) {
    const analytics::Contribution c = analytics::ContributionOf(m, v);
    cell.count += 1;
    cell.numerator += c.numerator;
    cell.denominator += c.denominator;
  }
  return cell;
}

MeasureDefinition Measure(MeasureKind kind, std::optional<double> threshold = std::nullopt) {
  MeasureDefinition m;
  m.kind = kind;
  m.threshold = threshold;
  return m;
}

TEST(Suppression, AProportionIsWithheldWhenFewMeetItOrFewDoNot) {
  const MeasureDefinition below10 = [] {
    MeasureDefinition m = Measure(MeasureKind::kProportion, 9);
    m.at_least = false;
    return m;
  }();
  // 20 people, 3 of them below 10: the 3 are few → withheld (the old rule looked at 20 only).
  std::vector<double> scores(17, 15);
  scores.insert(scores.end(), {4, 6, 8});
  EXPECT_TRUE(IsSmallCell(MeasureKind::kProportion, CellFrom(below10, scores), 5));
  // 20 people, 17 below 10: the 3 who are not are few → withheld.
  std::vector<double> mostly_mild(17, 4);
  mostly_mild.insert(mostly_mild.end(), {15, 16, 20});
  EXPECT_TRUE(IsSmallCell(MeasureKind::kProportion, CellFrom(below10, mostly_mild), 5));
  // 20 people, 8 below 10: shown; none below 10 (0 describes nobody): shown.
  std::vector<double> mixed(12, 15);
  mixed.insert(mixed.end(), 8, 5.0);
  EXPECT_FALSE(IsSmallCell(MeasureKind::kProportion, CellFrom(below10, mixed), 5));
  EXPECT_FALSE(
      IsSmallCell(MeasureKind::kProportion, CellFrom(below10, std::vector<double>(20, 15)), 5));
  // 4 people in all.
  EXPECT_TRUE(IsSmallCell(MeasureKind::kProportion, CellFrom(below10, {15, 15, 15, 15}), 5));
}

TEST(Suppression, CountsAndEventsOfOneToFourAreWithheld) {
  const MeasureDefinition count = Measure(MeasureKind::kCount, 20);
  // 30 observations, 2 of them ≥ 20: a c chart would show 2 people.
  std::vector<double> values(28, 5);
  values.insert(values.end(), {22, 25});
  EXPECT_TRUE(IsSmallCell(MeasureKind::kCount, CellFrom(count, values), 5));
  values.insert(values.end(), {21, 23, 27});
  EXPECT_FALSE(IsSmallCell(MeasureKind::kCount, CellFrom(count, values), 5));
  // A rate: 40 reports with 3 falls in all.
  const MeasureDefinition falls = Measure(MeasureKind::kRate);
  std::vector<double> reports(37, 0);
  reports.insert(reports.end(), {1, 1, 1});
  EXPECT_TRUE(IsSmallCell(MeasureKind::kRate, CellFrom(falls, reports), 5));
  // A mean of 4 answers.
  EXPECT_TRUE(IsSmallCell(MeasureKind::kContinuous,
                          CellFrom(Measure(MeasureKind::kContinuous), {3, 4, 4, 5}), 5));
  EXPECT_FALSE(IsSmallCell(MeasureKind::kContinuous,
                           CellFrom(Measure(MeasureKind::kContinuous), {3, 4, 4, 5, 2}), 5));
  // The minimum cell is the site's choice; 1 withholds nothing.
  EXPECT_FALSE(IsSmallCell(MeasureKind::kContinuous, {1, 0, 0}, 1));
  EXPECT_TRUE(IsSmallCell(MeasureKind::kContinuous, {9, 0, 0}, 10));
}

TEST(Suppression, AQuarterIsWithheldWhenOneOfItsMonthsIs) {
  const auto month = [](const char* date) {
    return analytics::PeriodOf(PeriodKind::kMonth, *ParseDateMs(date));
  };
  const auto quarter = [](const char* date) {
    return analytics::PeriodOf(PeriodKind::kQuarter, *ParseDateMs(date));
  };
  const std::vector<std::int64_t> months = {month("2025-01-01"), month("2025-02-01"),
                                            month("2025-03-01"), month("2025-04-01"),
                                            month("2025-08-01")};
  // February is small: Q1's total less January and March would give it away.
  const auto quarters = QuartersOfSmallMonths(months, {false, true, false, false, true});
  EXPECT_EQ(quarters, (std::vector<std::int64_t>{quarter("2025-01-01"), quarter("2025-07-01")}));
}

}  // namespace
}  // namespace covalue::app
