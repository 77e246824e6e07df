#include "analytics/patients_like_me.h"

#include <gtest/gtest.h>

namespace covalue::analytics {
namespace {

// R's quantile(x, p) (type 7), the worked examples.
TEST(Quantile, MatchesRsDefault) {
  EXPECT_DOUBLE_EQ(Quantile({1, 2, 3, 4}, 0.25), 1.75);
  EXPECT_DOUBLE_EQ(Quantile({1, 2, 3, 4}, 0.5), 2.5);
  EXPECT_DOUBLE_EQ(Quantile({4, 3, 2, 1}, 0.75), 3.25);
  EXPECT_DOUBLE_EQ(Quantile({1, 2, 3, 4, 5, 6, 7, 8, 9, 10}, 0.25), 3.25);
  EXPECT_DOUBLE_EQ(Quantile({2, 4, 4, 5, 7, 9}, 0.75), 6.5);
  EXPECT_DOUBLE_EQ(Quantile({7, 1, 3}, 0.5), 3);
  EXPECT_DOUBLE_EQ(Quantile({5}, 0.25), 5);
}

// n people aged `age`, each with the value `value + i` at months 0 and 6.
std::vector<LikeMePerson> Group(Id first_id, int n, double age, int sex, double value) {
  std::vector<LikeMePerson> out;
  out.reserve(static_cast<std::size_t>(n));
  for (int i = 0; i < n; ++i) {
    out.push_back(LikeMePerson{
        first_id + i, age, sex, 5, 10, {{0.0, value + i}, {6.2, value + i}, {5.9, value + i + 2}}});
  }
  return out;
}

TEST(PatientsLikeMe, HidesACohortOfNineteen) {
  const LikeMePerson me{1, 50, 0, 5, 10, {}};
  const auto nineteen = Group(100, 19, 50, 0, 0);
  const LikeMe hidden = PatientsLikeMe(me, nineteen, {});
  EXPECT_TRUE(hidden.hidden);
  EXPECT_EQ(hidden.cohort, 0U);
  EXPECT_TRUE(hidden.bands.empty());
  auto twenty = Group(100, 20, 50, 0, 0);
  twenty.push_back(me);  // the person is never their own comparison
  const LikeMe shown = PatientsLikeMe(me, twenty, {});
  EXPECT_FALSE(shown.hidden);
  EXPECT_EQ(shown.cohort, 20U);
}

TEST(PatientsLikeMe, SummarisesTheMostSimilarAsMedianAndQuartilesPerMonth) {
  const LikeMePerson me{1, 50, 0, 5, 10, {}};
  // 25 people like me (values 0..24) and 25 unlike me (aged 80, values 100..124).
  auto others = Group(100, 25, 50, 0, 0);
  const auto unlike = Group(200, 25, 80, 0, 100);
  others.insert(others.end(), unlike.begin(), unlike.end());
  LikeMeOptions options;
  options.k = 25;
  const LikeMe like = PatientsLikeMe(me, others, options);
  ASSERT_EQ(like.cohort, 25U);
  ASSERT_EQ(like.bands.size(), 2U);  // months 0 and 6
  // Month 0: the values 0..24; R: quantile(0:24, c(.25, .5, .75)) = 6, 12, 18.
  EXPECT_EQ(like.bands[0].month, 0);
  EXPECT_EQ(like.bands[0].n, 25U);
  EXPECT_DOUBLE_EQ(like.bands[0].p25, 6);
  EXPECT_DOUBLE_EQ(like.bands[0].median, 12);
  EXPECT_DOUBLE_EQ(like.bands[0].p75, 18);
  // Month 6 holds two values each (at 5.9 and 6.2 months): their mean, 1..25.
  EXPECT_EQ(like.bands[1].month, 6);
  EXPECT_DOUBLE_EQ(like.bands[1].median, 13);
}

TEST(PatientsLikeMe, ShowsNoMonthWithFewerPeopleThanTheMinimum) {
  const LikeMePerson me{1, 50, 0, 5, 10, {}};
  auto others = Group(100, 30, 50, 0, 0);
  for (int i = 0; i < 10; ++i) {
    others[static_cast<std::size_t>(i)].series.emplace_back(12.0, 1.0);
  }
  const LikeMe like = PatientsLikeMe(me, others, {});
  for (const LikeMeBand& band : like.bands) {
    EXPECT_NE(band.month, 12) << "a month of 10 people is not shown";
    EXPECT_GE(band.n, 20U);
  }
}

TEST(PatientsLikeMe, WeightsDecideWhatCounts) {
  const LikeMePerson me{1, 50, 0, 5, 10, {}};
  // Same age, other sex (values 0..); other age by one spread, same sex (values 100..).
  auto others = Group(100, 20, 50, 1, 0);
  const auto older = Group(200, 20, 60, 0, 100);
  others.insert(others.end(), older.begin(), older.end());
  LikeMeOptions options;
  options.k = 20;
  options.weights.sex = 10;  // sex counts most: the same-sex older group
  EXPECT_GE(PatientsLikeMe(me, others, options).bands[0].p25, 100);
  options.weights.sex = 0;  // sex does not count: the same-age group
  EXPECT_LT(PatientsLikeMe(me, others, options).bands[0].p75, 100);
}

}  // namespace
}  // namespace covalue::analytics
