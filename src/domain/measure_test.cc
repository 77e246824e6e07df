#include "domain/measure.h"

#include <gtest/gtest.h>

namespace covalue {
namespace {

TEST(Measure, KnowsWhichObservationsMeetItsThreshold) {
  MeasureDefinition moderate;
  moderate.threshold = 10;
  EXPECT_TRUE(moderate.Meets(10));
  EXPECT_FALSE(moderate.Meets(9.5));
  moderate.at_least = false;
  EXPECT_TRUE(moderate.Meets(9.5));
  EXPECT_FALSE(moderate.Meets(10.5));
  EXPECT_TRUE(MeasureDefinition{}.Meets(-3)) << "without a threshold every observation counts";
}

TEST(Measure, NamesItsKindsBothWays) {
  for (MeasureKind kind :
       {MeasureKind::kProportion, MeasureKind::kRate, MeasureKind::kCount, MeasureKind::kContinuous,
        MeasureKind::kDaysBetween, MeasureKind::kCasesBetween}) {
    EXPECT_EQ(ParseMeasureKind(MeasureKindName(kind)), kind);
  }
  EXPECT_EQ(MeasureKindName(MeasureKind::kDaysBetween), "days-between");
  EXPECT_FALSE(ParseMeasureKind("ratio").has_value());
  EXPECT_EQ(ValueDomainName(ValueDomain::kProfessionalExperience), "professional-experience");
  EXPECT_EQ(QuadrantName(CompassQuadrant::kFunctional), "functional");
}

}  // namespace
}  // namespace covalue
