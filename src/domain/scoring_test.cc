#include "domain/scoring.h"

#include <gtest/gtest.h>

#include "domain/instruments.h"

namespace covalue {
namespace {

constexpr const char* kLoinc = "http://loinc.org";
// LOINC answer list LL358-3: not at all, several days, more than half the days, nearly every day.
constexpr const char* kFrequency[] = {"LA6568-5", "LA6569-3", "LA6570-1", "LA6571-9"};
constexpr const char* kPhq9Items[] = {"44250-9", "44255-8", "44259-0", "44254-1", "44251-7",
                                      "44258-2", "44252-5", "44253-3", "44260-8"};

AnswerValue Code(const std::string& system, const std::string& code) {
  AnswerValue v;
  v.kind = AnswerValue::Kind::kCoding;
  v.coding = {system, code, ""};
  return v;
}

AnswerValue Integer(double n) {
  AnswerValue v;
  v.kind = AnswerValue::Kind::kInteger;
  v.number = n;
  return v;
}

QuestionnaireItem FrequencyItem(const std::string& link_id, const std::string& loinc) {
  QuestionnaireItem item;
  item.link_id = link_id;
  item.type = ItemType::kChoice;
  item.codes.push_back({kLoinc, loinc, ""});
  for (int i = 0; i < 4; ++i) {
    item.options.push_back({Code(kLoinc, kFrequency[i]), static_cast<double>(i)});
  }
  return item;
}

Questionnaire Phq9() {
  Questionnaire q;
  q.id = "phq-9";
  q.codes.push_back({kLoinc, "44249-1", ""});
  QuestionnaireItem group;
  group.link_id = "phq9";
  group.type = ItemType::kGroup;
  for (int i = 0; i < 9; ++i) {
    group.items.push_back(FrequencyItem("q" + std::to_string(i + 1), kPhq9Items[i]));
  }
  QuestionnaireItem total;
  total.link_id = "total";
  total.type = ItemType::kInteger;
  total.calculated = true;
  total.codes.push_back({kLoinc, "44261-6", ""});
  group.items.push_back(total);
  q.items.push_back(group);
  std::vector<Issue> issues;
  q.scoring = PublishedRule(q, issues);
  EXPECT_TRUE(issues.empty());
  return q;
}

// A response that answers each listed item with the frequency of its index (0..3).
QuestionnaireResponse Respond(const std::vector<int>& answers, bool nested = true) {
  QuestionnaireResponse r;
  ResponseItem group{"phq9", {}, {}};
  for (std::size_t i = 0; i < answers.size(); ++i) {
    if (answers[i] >= 0) {
      group.items.push_back(
          {"q" + std::to_string(i + 1), {Code(kLoinc, kFrequency[answers[i]])}, {}});
    }
  }
  if (nested) {
    r.items.push_back(group);
  } else {
    r.items = group.items;
  }
  return r;
}

TEST(Scoring, SumsOrdinalValuesAndFindsThePublishedBand) {
  const std::vector<int> answers = {1, 2, 3, 0, 1, 2, 3, 1, 1};
  double expected = 0;
  for (int a : answers) {
    expected += a;  // each LL358-3 answer scores 0..3 in order
  }
  auto scores = ScoreResponse(Phq9(), Respond(answers));
  ASSERT_TRUE(scores.has_value()) << scores.error().message;
  EXPECT_EQ(scores->total, expected);
  EXPECT_EQ(scores->band, "moderate");  // 10-14 (Kroenke 2001)
  EXPECT_TRUE(scores->issues.empty());
}

TEST(Scoring, BandsMeetAtTheirPublishedCutOffs) {
  const std::pair<std::vector<int>, const char*> cases[] = {
      {{0, 0, 0, 0, 0, 0, 0, 0, 0}, "minimal"},
      {{1, 1, 1, 1, 0, 0, 0, 0, 0}, "minimal"},            // 4
      {{1, 1, 1, 1, 1, 0, 0, 0, 0}, "mild"},               // 5
      {{3, 3, 3, 1, 0, 0, 0, 0, 0}, "moderate"},           // 10
      {{3, 3, 3, 3, 3, 0, 0, 0, 0}, "moderately severe"},  // 15
      {{3, 3, 3, 3, 3, 3, 2, 0, 0}, "severe"},             // 20
      {{3, 3, 3, 3, 3, 3, 3, 3, 3}, "severe"},             // 27
  };
  for (const auto& [answers, band] : cases) {
    auto scores = ScoreResponse(Phq9(), Respond(answers));
    ASSERT_TRUE(scores.has_value());
    EXPECT_EQ(scores->band, band) << *scores->total;
  }
}

TEST(Scoring, ACodingWithoutSystemMatchesByCode) {
  QuestionnaireResponse r = Respond({0, 0, 0, 0, 0, 0, 0, 0, 0});
  r.items[0].items[0].answers[0] = Code("", kFrequency[3]);
  auto scores = ScoreResponse(Phq9(), r);
  ASSERT_TRUE(scores.has_value());
  EXPECT_EQ(scores->total, 3);
}

TEST(Scoring, NeverGivesATotalOverPartOfTheItems) {
  auto scores = ScoreResponse(Phq9(), Respond({1, 1, 1, 1, 1, 1, 1, 1, -1}));
  ASSERT_TRUE(scores.has_value());
  EXPECT_FALSE(scores->total.has_value());
  EXPECT_FALSE(scores->band.has_value());
  ASSERT_EQ(scores->issues.size(), 1U);
  EXPECT_EQ(scores->issues[0].location, "q9");
}

TEST(Scoring, AStoredTotalThatDisagreesIsAWarningAndTheAnswersWin) {
  QuestionnaireResponse r = Respond({2, 2, 2, 2, 2, 0, 0, 0, 0});
  r.items[0].items.push_back({"total", {Integer(27)}, {}});
  auto scores = ScoreResponse(Phq9(), r);
  ASSERT_TRUE(scores.has_value());
  EXPECT_EQ(scores->total, 10);
  ASSERT_EQ(scores->issues.size(), 1U);
  EXPECT_EQ(scores->issues[0].severity, "warning");
  EXPECT_EQ(scores->issues[0].location, "total");
  r.items[0].items.back().answers[0] = Integer(10);
  EXPECT_TRUE(ScoreResponse(Phq9(), r)->issues.empty());
}

TEST(Scoring, AResponseFlattenedDifferentlyIsScoredByLinkIdWithAWarning) {
  auto scores = ScoreResponse(Phq9(), Respond({1, 1, 1, 1, 1, 1, 1, 1, 1}, false));
  ASSERT_TRUE(scores.has_value());
  EXPECT_EQ(scores->total, 9);
  ASSERT_EQ(scores->issues.size(), 1U);
  EXPECT_NE(scores->issues[0].message.find("scored by linkId"), std::string::npos);
}

TEST(Scoring, RefusesAnAnswerThatIsNotAnOptionAndAnItemAnsweredTwice) {
  QuestionnaireResponse r = Respond({0, 0, 0, 0, 0, 0, 0, 0, 0});
  r.items[0].items[2].answers[0] = Code(kLoinc, "LA0000-0");
  auto scores = ScoreResponse(Phq9(), r);
  ASSERT_FALSE(scores.has_value());
  EXPECT_EQ(scores.error().field, "q3");
  EXPECT_NE(scores.error().message.find("not one of the item's options"), std::string::npos);

  r = Respond({0, 0, 0, 0, 0, 0, 0, 0, 0});
  r.items[0].items[2].answers.push_back(Code(kLoinc, kFrequency[1]));
  EXPECT_FALSE(ScoreResponse(Phq9(), r).has_value());

  Questionnaire unscored = Phq9();
  unscored.scoring.reset();
  for (auto& item : unscored.items[0].items) {
    for (auto& option : item.options) {
      option.score.reset();
    }
  }
  EXPECT_FALSE(ScoreResponse(unscored, Respond({0, 0, 0, 0, 0, 0, 0, 0, 0})).has_value());
}

TEST(Scoring, ItemsSwitchedOffByEnableWhenCountForNothing) {
  Questionnaire q = Phq9();
  EnableWhen when;
  when.question = "q1";
  when.op = EnableOperator::kNotEqual;
  when.answer = Code(kLoinc, kFrequency[0]);
  q.items[0].items[8].enable_when.push_back(when);  // q9 asked only when q1 is not "not at all"
  auto off = ScoreResponse(q, Respond({0, 1, 1, 1, 1, 1, 1, 1, -1}));
  ASSERT_TRUE(off.has_value());
  EXPECT_EQ(off->total, 7);
  auto on = ScoreResponse(q, Respond({1, 1, 1, 1, 1, 1, 1, 1, -1}));
  ASSERT_TRUE(on.has_value());
  EXPECT_FALSE(on->total.has_value());  // q9 is asked, and unanswered
}

TEST(Scoring, EnableWhenOperators) {
  QuestionnaireItem item;
  EnableWhen when;
  when.question = "age";
  when.op = EnableOperator::kGreaterOrEqual;
  when.answer = Integer(18);
  item.enable_when.push_back(when);
  const AnswerValue adult = Integer(40);
  const AnswerValue child = Integer(9);
  EXPECT_TRUE(Enabled(item, {{"age", {&adult}}}));
  EXPECT_FALSE(Enabled(item, {{"age", {&child}}}));
  EXPECT_FALSE(Enabled(item, {}));
  item.enable_when[0].op = EnableOperator::kExists;
  item.enable_when[0].answer = AnswerValue{AnswerValue::Kind::kBoolean, false, 0, "", {}};
  EXPECT_TRUE(Enabled(item, {}));
  EXPECT_FALSE(Enabled(item, {{"age", {&child}}}));
  item.enable_when_all = false;
  when.op = EnableOperator::kLess;
  item.enable_when.push_back(when);  // exists false OR age < 18
  EXPECT_TRUE(Enabled(item, {{"age", {&child}}}));
  EXPECT_FALSE(Enabled(item, {{"age", {&adult}}}));
}

TEST(PublishedRule, GivesPhq4ItsSubscales) {
  Questionnaire q;
  q.codes.push_back({kLoinc, "69724-3", ""});
  const char* codes[] = {"69725-0", "68509-9", "44250-9", "44255-8"};
  for (int i = 0; i < 4; ++i) {
    q.items.push_back(FrequencyItem(std::string("/") + codes[i], codes[i]));
    q.items.back().codes.clear();  // found by link id alone, as LHC-Forms writes them
  }
  std::vector<Issue> issues;
  q.scoring = PublishedRule(q, issues);
  ASSERT_TRUE(q.scoring.has_value());
  EXPECT_EQ(q.scoring->instrument, "PHQ-4");
  QuestionnaireResponse r;
  const int answers[] = {3, 1, 2, 0};  // anxiety 3 + 1, depression 2 + 0
  for (int i = 0; i < 4; ++i) {
    r.items.push_back({std::string("/") + codes[i], {Code(kLoinc, kFrequency[answers[i]])}, {}});
  }
  auto scores = ScoreResponse(q, r);
  ASSERT_TRUE(scores.has_value());
  EXPECT_EQ(scores->total, 6);
  EXPECT_EQ(scores->band, "moderate");  // 6-8 (Kroenke 2009)
  EXPECT_EQ(scores->subscales.at("GAD-2"), 4);
  EXPECT_EQ(scores->subscales.at("PHQ-2"), 2);
}

TEST(PublishedRule, ScoresTheItemsPresentWithoutBandsWhenSomeAreMissing) {
  Questionnaire q = Phq9();
  q.items[0].items.erase(q.items[0].items.begin() + 8);  // no ninth item
  std::vector<Issue> issues;
  auto rule = PublishedRule(q, issues);
  ASSERT_TRUE(rule.has_value());
  EXPECT_EQ(rule->link_ids.size(), 8U);
  EXPECT_TRUE(rule->bands.empty());
  EXPECT_EQ(rule->total_link_id, "total");
  ASSERT_EQ(issues.size(), 1U);
  EXPECT_NE(issues[0].message.find("44260-8"), std::string::npos);
}

}  // namespace
}  // namespace covalue
