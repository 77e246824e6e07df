#include "domain/alert.h"

#include <gtest/gtest.h>

#include "domain/dates.h"
#include "domain/instruments.h"
#include "domain/questionnaire.h"
#include "domain/scoring.h"

namespace covalue {
namespace {

constexpr const char* kLoinc = "http://loinc.org";
constexpr const char* kFrequency[] = {"LA6568-5", "LA6569-3", "LA6570-1", "LA6571-9"};
constexpr const char* kFrequencyText[] = {"Not at all", "Several days", "More than half the days",
                                          "Nearly every day"};
constexpr const char* kPhq9Items[] = {"44250-9", "44255-8", "44259-0", "44254-1", "44251-7",
                                      "44258-2", "44252-5", "44253-3", "44260-8"};

AnswerValue Frequency(int i) {
  AnswerValue v;
  v.kind = AnswerValue::Kind::kCoding;
  v.coding = {kLoinc, kFrequency[i], ""};  // as LHC-Forms sends it: no display
  return v;
}

// PHQ-9 as a FHIR file from anywhere would read: LOINC-coded items, no alert rules of its own.
Questionnaire Phq9(int items = 9) {
  Questionnaire q;
  q.codes.push_back({kLoinc, "44249-1", ""});
  for (int i = 0; i < items; ++i) {
    QuestionnaireItem item;
    item.link_id = "item" + std::to_string(i + 1);
    item.type = ItemType::kChoice;
    item.codes.push_back({kLoinc, kPhq9Items[i], ""});
    for (int k = 0; k < 4; ++k) {
      item.options.push_back(
          {{AnswerValue::Kind::kCoding, false, 0, "", {kLoinc, kFrequency[k], kFrequencyText[k]}},
           static_cast<double>(k)});
    }
    q.items.push_back(item);
  }
  return q;
}

QuestionnaireResponse Answers(const std::vector<int>& answers) {
  QuestionnaireResponse r;
  r.status = "completed";
  for (std::size_t i = 0; i < answers.size(); ++i) {
    r.items.push_back({"item" + std::to_string(i + 1), {Frequency(answers[i])}, {}});
  }
  return r;
}

TEST(Alerts, Phq9ShipsItemNineAndTheSevereTotal) {
  const Questionnaire q = Phq9();
  const auto rules = PublishedAlerts(q);
  ASSERT_EQ(rules.size(), 2U);
  EXPECT_EQ(rules[0].code, "phq9-item9");
  EXPECT_EQ(rules[0].link_id, "item9");
  EXPECT_EQ(rules[0].comparator, AlertComparator::kGreater);
  EXPECT_EQ(rules[0].threshold, 0);
  EXPECT_EQ(rules[1].code, "phq9-severe");
  EXPECT_EQ(rules[1].link_id, "");
  EXPECT_TRUE(ValidateAlertRules(rules, q, "alerts").has_value());
  // Without item 9 only the rules that can hold remain: none (no item, no whole total).
  EXPECT_TRUE(PublishedAlerts(Phq9(8)).empty());
  Questionnaire other;
  EXPECT_TRUE(PublishedAlerts(other).empty());
}

// The worked example of the issue: item 9 "several days", total 11 (moderate).
TEST(Alerts, SeveralDaysOnItemNineRaisesAnAlertWhateverTheTotal) {
  const Questionnaire q = Phq9();
  const auto rules = PublishedAlerts(q);
  const QuestionnaireResponse response = Answers({2, 1, 2, 1, 1, 1, 1, 1, 1});
  auto raised = EvaluateAlerts(rules, q, response, 11.0);
  ASSERT_EQ(raised.size(), 1U);
  EXPECT_EQ(raised[0].rule, "phq9-item9");
  EXPECT_EQ(raised[0].severity, AlertSeverity::kHigh);
  EXPECT_NE(raised[0].message.find("Several days"), std::string::npos) << raised[0].message;

  // "Not at all" raises nothing; a severe total raises the total's rule.
  EXPECT_TRUE(EvaluateAlerts(rules, q, Answers({0, 0, 0, 0, 0, 0, 0, 0, 0}), 0.0).empty());
  auto severe = EvaluateAlerts(rules, q, Answers({3, 3, 3, 3, 3, 3, 2, 2, 0}), 22.0);
  ASSERT_EQ(severe.size(), 1U);
  EXPECT_EQ(severe[0].rule, "phq9-severe");
  EXPECT_NE(severe[0].message.find("22"), std::string::npos);
  // Both at once; an unfinished response (no total) still raises the item's.
  EXPECT_EQ(EvaluateAlerts(rules, q, Answers({3, 3, 3, 3, 3, 3, 3, 3, 3}), 27.0).size(), 2U);
  EXPECT_EQ(EvaluateAlerts(rules, q, Answers({0, 0, 0, 0, 0, 0, 0, 0, 2}), std::nullopt).size(),
            1U);
}

TEST(Alerts, NumbersAndYesNoItemsCompareWithTheirThreshold) {
  Questionnaire q;
  QuestionnaireItem pain;
  pain.link_id = "pain";
  pain.type = ItemType::kInteger;
  QuestionnaireItem unsafe;
  unsafe.link_id = "unsafe";
  unsafe.type = ItemType::kBoolean;
  q.items = {pain, unsafe};
  const std::vector<AlertRule> rules = {
      {"pain-high", "pain", AlertComparator::kGreaterOrEqual, 8, AlertSeverity::kMedium, "Pain"},
      {"unsafe", "unsafe", AlertComparator::kEqual, 1, AlertSeverity::kHigh, "Feels unsafe"}};
  ASSERT_TRUE(ValidateAlertRules(rules, q, "alerts").has_value());
  QuestionnaireResponse r;
  AnswerValue eight;
  eight.kind = AnswerValue::Kind::kInteger;
  eight.number = 8;
  AnswerValue yes;
  yes.kind = AnswerValue::Kind::kBoolean;
  yes.boolean = true;
  r.items = {{"pain", {eight}, {}}, {"unsafe", {yes}, {}}};
  const auto raised = EvaluateAlerts(rules, q, r, std::nullopt);
  ASSERT_EQ(raised.size(), 2U);
  EXPECT_EQ(raised[1].message, "Feels unsafe (answer: yes)");
}

TEST(Alerts, RulesAreCheckedAgainstTheirQuestionnaire) {
  const Questionnaire q = Phq9();
  std::vector<AlertRule> rules = PublishedAlerts(q);
  rules[0].link_id = "nope";
  EXPECT_EQ(ValidateAlertRules(rules, q, "a").error().field, "a[0].item");
  rules = PublishedAlerts(q);
  rules[1].code = rules[0].code;
  EXPECT_EQ(ValidateAlertRules(rules, q, "a").error().field, "a[1].code");
  rules = PublishedAlerts(q);
  rules[0].message.clear();
  EXPECT_EQ(ValidateAlertRules(rules, q, "a").error().field, "a[0].message");
}

TEST(Alerts, AnAlertIsOverdueAfterTheSitesWorkingDays) {
  const std::int64_t friday = *ParseDateTimeMs("2026-12-04T15:00:00Z");
  EXPECT_EQ(AddWorkingDays(friday, 2), *ParseDateTimeMs("2026-12-08T15:00:00Z"));  // Tuesday
  const std::int64_t saturday = *ParseDateTimeMs("2026-12-05T09:00:00Z");
  EXPECT_EQ(AddWorkingDays(saturday, 1), *ParseDateTimeMs("2026-12-07T09:00:00Z"));  // Monday
  const std::int64_t monday = *ParseDateTimeMs("2026-12-07T08:00:00Z");
  EXPECT_EQ(AddWorkingDays(monday, 2), *ParseDateTimeMs("2026-12-09T08:00:00Z"));
  EXPECT_EQ(AddWorkingDays(monday, 5), *ParseDateTimeMs("2026-12-14T08:00:00Z"));
}

TEST(Alerts, SiteSettingsNameTheFieldAtFault) {
  EXPECT_TRUE(
      ValidateSiteSettings({1, {{"en", "Call 112"}, {"pt-BR", "Ligue 192"}}, 2}).has_value());
  EXPECT_EQ(ValidateSiteSettings({1, {{"EN", "x"}}, 2}).error().field, "/crisis_contacts/EN");
  EXPECT_EQ(ValidateSiteSettings({1, {{"en", ""}}, 2}).error().field, "/crisis_contacts/en");
  EXPECT_EQ(ValidateSiteSettings({1, {}, 0}).error().field, "/alert_working_days");
  EXPECT_EQ(ValidateSiteSettings({1, {}, 31}).error().field, "/alert_working_days");
  EXPECT_TRUE(DefaultCrisisContacts().contains("en"));
  EXPECT_TRUE(DefaultCrisisContacts().contains("sv"));
}

}  // namespace
}  // namespace covalue
