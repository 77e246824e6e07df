#include "store/measure_repository.h"

#include <gtest/gtest.h>

#include "domain/registry.h"
#include "store/conformance/conformance.h"
#include "store/population_repository.h"
#include "store/site_repository.h"
#include "store/team_repository.h"
#include "store/user_repository.h"

namespace covalue::store::conformance {
namespace {

class MeasureRepositoryTest : public ConformanceTest {
 protected:
  void SetUp() override {
    ASSERT_NO_FATAL_FAILURE(ConformanceTest::SetUp());
    ASSERT_OK(store_->Write([&](Repositories& r) -> Status {
      COVALUE_ASSIGN_OR_RETURN(Site a, r.Sites().Create({0, "A", "SE"}, 0));
      COVALUE_ASSIGN_OR_RETURN(Population pa, r.Populations().Create({0, a.id, "MS", ""}));
      site_ = a.id;
      population_ = pa.id;
      return Ok();
    }));
  }

  static MeasureDefinition Phq9Mild() {
    MeasureDefinition m;
    m.id = "phq9-below-10";
    m.name = "PHQ-9 below 10";
    m.kind = MeasureKind::kProportion;
    m.system = kScoreSystem;
    m.code = "phq-9";
    m.threshold = 9;
    m.at_least = false;
    m.direction = Direction::kHigherIsBetter;
    m.quadrant = CompassQuadrant::kFunctional;
    m.domain = ValueDomain::kSelfEfficacy;
    m.unit = "1";
    return m;
  }

  std::vector<MeasureAggregateRow> Rows() {
    std::vector<MeasureAggregateRow> rows;
    const Status read = store_->Read([&](Repositories& r) {
      return r.Measures().ScanAggregates(
          [&](const MeasureAggregateRow& row) { rows.push_back(row); });
    });
    EXPECT_TRUE(read.has_value());
    return rows;
  }

  Id site_ = 0;
  Id population_ = 0;
};

TEST_P(MeasureRepositoryTest, StoresDefinitionsWithEveryField) {
  MeasureDefinition plain;
  plain.id = "eq-vas-mean";
  plain.name = "EQ VAS";
  plain.system = "urn:demo";
  plain.code = "eq-vas";
  plain.names = {{"sv", "EQ VAS, hälsan i dag"}, {"nb", "EQ VAS, helsen i dag"}};
  ASSERT_OK(store_->Write([&](Repositories& r) -> Status {
    COVALUE_RETURN_IF_ERROR(r.Measures().CreateDefinition(Phq9Mild()));
    return r.Measures().CreateDefinition(plain);
  }));
  auto defs = ReadValue<std::vector<MeasureDefinition>>(
      *store_, [](Repositories& r) { return r.Measures().Definitions(); });
  ASSERT_OK(defs);
  ASSERT_EQ(defs->size(), 2U);
  auto ids = ReadValue<std::vector<std::string>>(
      *store_, [](Repositories& r) { return r.Measures().DefinitionIds(); });
  ASSERT_OK(ids);
  EXPECT_EQ(*ids, (std::vector<std::string>{(*defs)[0].id, (*defs)[1].id}));
  const MeasureDefinition& eq = (*defs)[0];
  EXPECT_EQ(eq.id, "eq-vas-mean");
  EXPECT_FALSE(eq.threshold.has_value());
  EXPECT_FALSE(eq.domain.has_value());
  EXPECT_FALSE(eq.target.has_value());
  EXPECT_EQ(eq.names, plain.names);
  const MeasureDefinition& phq = (*defs)[1];
  EXPECT_EQ(phq.kind, MeasureKind::kProportion);
  EXPECT_EQ(phq.threshold, 9.0);
  EXPECT_FALSE(phq.at_least);
  EXPECT_EQ(phq.quadrant, CompassQuadrant::kFunctional);
  EXPECT_EQ(phq.domain, ValueDomain::kSelfEfficacy);
  EXPECT_TRUE(phq.names.empty());

  EXPECT_ERROR(store_->Write([&](Repositories& r) { return r.Measures().CreateDefinition(plain); }),
               ErrorCode::kConflict);
}

// Rows add up per period; each write counts one generation; a rolled-back write leaves
// neither its sums nor its generation.
TEST_P(MeasureRepositoryTest, AddsAggregatesPerPeriodAndCountsGenerations) {
  ASSERT_OK(
      store_->Write([&](Repositories& r) { return r.Measures().CreateDefinition(Phq9Mild()); }));
  const auto row = [&](std::int64_t period, double value, double meets) {
    return MeasureAggregateRow{site_,           population_,
                               "phq9-below-10", PeriodKind::kMonth,
                               period,          1,
                               value,           value * value,
                               meets,           1};
  };
  auto first = WriteValue<std::int64_t>(*store_, [&](Repositories& r) {
    return r.Measures().AddAggregates({row(660, 4, 1), row(661, 12, 0)});
  });
  ASSERT_OK(first);
  EXPECT_EQ(*first, 1);
  auto second = WriteValue<std::int64_t>(
      *store_, [&](Repositories& r) { return r.Measures().AddAggregates({row(661, 6, 1)}); });
  ASSERT_OK(second);
  EXPECT_EQ(*second, 2);
  const Status failed = store_->Write([&](Repositories& r) -> Status {
    COVALUE_RETURN_IF_ERROR(r.Measures().AddAggregates({row(661, 100, 1)}).map([](auto) {}));
    return Fail(ErrorCode::kInvalidArgument, "rolled back");
  });
  EXPECT_FALSE(failed.has_value());

  const auto rows = Rows();
  ASSERT_EQ(rows.size(), 2U);
  EXPECT_EQ(rows[1].period, 661);
  EXPECT_EQ(rows[1].count, 2);
  EXPECT_EQ(rows[1].sum, 18.0);
  EXPECT_EQ(rows[1].sum_squares, 180.0);
  EXPECT_EQ(rows[1].numerator, 1.0);
  EXPECT_EQ(rows[1].denominator, 2.0);
  auto generation =
      ReadValue<std::int64_t>(*store_, [](Repositories& r) { return r.Measures().Generation(); });
  ASSERT_OK(generation);
  EXPECT_EQ(*generation, 2);
}

TEST_P(MeasureRepositoryTest, ReplacesEveryAggregateInARebuild) {
  ASSERT_OK(
      store_->Write([&](Repositories& r) { return r.Measures().CreateDefinition(Phq9Mild()); }));
  const auto row = [&](std::int64_t period, double value) {
    return MeasureAggregateRow{
        site_, population_, "phq9-below-10", PeriodKind::kMonth, period, 1, value, value * value, 1,
        1};
  };
  ASSERT_OK(WriteValue<std::int64_t>(
      *store_, [&](Repositories& r) { return r.Measures().AddAggregates({row(660, 4)}); }));
  auto rebuilt = WriteValue<std::int64_t>(*store_, [&](Repositories& r) {
    return r.Measures().ReplaceAggregates({row(661, 7), row(662, 9)});
  });
  ASSERT_OK(rebuilt);
  EXPECT_EQ(*rebuilt, 2);
  const auto rows = Rows();
  ASSERT_EQ(rows.size(), 2U);
  EXPECT_EQ(rows[0].period, 661);
  EXPECT_EQ(rows[0].sum, 7.0);
  EXPECT_EQ(rows[1].period, 662);
}

TEST_P(MeasureRepositoryTest, RefusesAggregatesOfAnUndefinedMeasure) {
  const Status written = store_->Write([&](Repositories& r) {
    return r.Measures()
        .AddAggregates({{site_, population_, "none", PeriodKind::kWeek, 1, 1, 1, 1, 0, 0}})
        .map([](auto) {});
  });
  EXPECT_FALSE(written.has_value());
}

TEST_P(MeasureRepositoryTest, KeepsATeamsChartNotesInTheOrderWrittenWithTheirAuthors) {
  Id team = 0;
  Id other_team = 0;
  Id author = 0;
  ASSERT_OK(store_->Write([&](Repositories& r) -> Status {
    COVALUE_ASSIGN_OR_RETURN(Team t, r.Teams().Create({0, site_, population_, "MS team"}));
    COVALUE_ASSIGN_OR_RETURN(Team o, r.Teams().Create({0, site_, population_, "Other team"}));
    COVALUE_ASSIGN_OR_RETURN(User u, r.Users().Create({0, "lena", "Lena Lead", {}}, "h", {}));
    team = t.id;
    other_team = o.id;
    author = u.id;
    return r.Measures().CreateDefinition(Phq9Mild());
  }));
  const auto add = [&](Id on, const std::string& period, const std::string& text) {
    return WriteValue<ChartNote>(*store_, [&](Repositories& r) {
      return r.Measures().AddChartNote(
          {0, site_, on, "phq9-below-10", period, text, author, "", 42});
    });
  };
  auto first = add(team, "2026-05", "New triage nurse");
  ASSERT_OK(first);
  EXPECT_GT(first->id, 0);
  EXPECT_EQ(first->author, "Lena Lead");
  ASSERT_OK(add(other_team, "2026-05", "Not ours"));
  ASSERT_OK(add(team, "2026-02", "Phone follow-up started"));
  auto notes = ReadValue<std::vector<ChartNote>>(
      *store_, [&](Repositories& r) { return r.Measures().ChartNotes(team, "phq9-below-10"); });
  ASSERT_OK(notes);
  ASSERT_EQ(notes->size(), 2U);
  EXPECT_EQ((*notes)[0].text, "New triage nurse");
  EXPECT_EQ((*notes)[1].period, "2026-02");
  EXPECT_EQ((*notes)[1].created_ms, 42);

  ASSERT_OK(
      store_->Write([&](Repositories& r) { return r.Measures().DeleteChartNote(first->id); }));
  EXPECT_ERROR(ReadValue<ChartNote>(
                   *store_, [&](Repositories& r) { return r.Measures().GetChartNote(first->id); }),
               ErrorCode::kNotFound);
  EXPECT_ERROR(
      store_->Write([&](Repositories& r) { return r.Measures().DeleteChartNote(first->id); }),
      ErrorCode::kNotFound);
}

COVALUE_ON_EVERY_DRIVER(MeasureRepositoryTest);

}  // namespace
}  // namespace covalue::store::conformance
