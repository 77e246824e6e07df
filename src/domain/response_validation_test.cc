#include "domain/response_validation.h"

#include <gtest/gtest.h>

namespace covalue {
namespace {

AnswerValue Value(AnswerValue::Kind kind, double number = 0, std::string text = "",
                  std::string code = "") {
  AnswerValue v;
  v.kind = kind;
  v.number = number;
  v.boolean = number != 0;
  v.text = std::move(text);
  v.coding.code = std::move(code);
  return v;
}

QuestionnaireItem Item(std::string link_id, ItemType type, bool required = false) {
  QuestionnaireItem item;
  item.link_id = std::move(link_id);
  item.type = type;
  item.required = required;
  return item;
}

// A small form: a required yes/no, a follow-up shown on "yes", an age 0–120, a note of at most
// 5 characters, a date, and a group holding a required choice.
Questionnaire Form() {
  Questionnaire q;
  QuestionnaireItem smokes = Item("smokes", ItemType::kChoice, true);
  smokes.options = {{Value(AnswerValue::Kind::kCoding, 0, "", "y"), 1.0},
                    {Value(AnswerValue::Kind::kCoding, 0, "", "n"), 0.0}};
  QuestionnaireItem packs = Item("packs", ItemType::kInteger, true);
  packs.enable_when.push_back(
      {"smokes", EnableOperator::kEqual, Value(AnswerValue::Kind::kCoding, 0, "", "y")});
  QuestionnaireItem age = Item("age", ItemType::kInteger);
  age.min_value = 0;
  age.max_value = 120;
  QuestionnaireItem note = Item("note", ItemType::kString);
  note.max_length = 5;
  QuestionnaireItem group = Item("g", ItemType::kGroup, true);
  QuestionnaireItem pick = Item("g.pick", ItemType::kChoice, true);
  pick.options = smokes.options;
  group.items.push_back(pick);
  q.items = {smokes, packs, age, note, Item("seen", ItemType::kDate), group};
  return q;
}

QuestionnaireResponse Response(std::vector<ResponseItem> items, std::string status = "completed") {
  return QuestionnaireResponse{"", std::move(status), std::move(items)};
}

std::vector<std::string> Problems(const std::vector<Issue>& issues) {
  std::vector<std::string> out;
  out.reserve(issues.size());
  for (const Issue& i : issues) {
    out.push_back(i.severity + " " + i.location + ": " + i.message);
  }
  return out;
}

// The group g answered.
ResponseItem GroupAnswered() {
  return {"g", {}, {{"g.pick", {Value(AnswerValue::Kind::kCoding, 0, "", "n")}, {}}}};
}

TEST(ValidateResponse, AcceptsACompleteResponse) {
  const auto issues = ValidateResponse(
      Form(), Response({{"smokes", {Value(AnswerValue::Kind::kCoding, 0, "", "y")}, {}},
                        {"packs", {Value(AnswerValue::Kind::kInteger, 2)}, {}},
                        {"age", {Value(AnswerValue::Kind::kInteger, 120)}, {}},
                        {"note", {Value(AnswerValue::Kind::kString, 0, "åäöüé")}, {}},
                        {"seen", {Value(AnswerValue::Kind::kDate, 0, "2026-11")}, {}},
                        GroupAnswered()}));
  EXPECT_EQ(Problems(issues), std::vector<std::string>{});
}

TEST(ValidateResponse, NamesEachProblemByItem) {
  const auto issues = ValidateResponse(
      Form(),
      Response({{"smokes", {Value(AnswerValue::Kind::kCoding, 0, "", "maybe")}, {}},
                {"packs", {Value(AnswerValue::Kind::kDecimal, 2.5)}, {}},
                {"age",
                 {Value(AnswerValue::Kind::kInteger, 121), Value(AnswerValue::Kind::kInteger, 3)},
                 {}},
                {"note", {Value(AnswerValue::Kind::kString, 0, "too long")}, {}},
                {"seen", {Value(AnswerValue::Kind::kDate, 0, "2026-13-01")}, {}},
                {"colour", {Value(AnswerValue::Kind::kString, 0, "red")}, {}}}));
  EXPECT_EQ(Problems(issues),
            (std::vector<std::string>{
                "error g: this required group has no answers",
                "error smokes: 'maybe' is not one of the item's options",
                "error packs: answered, but its enableWhen conditions switch it off",
                "error packs: the answer must be an integer",
                "error age: 2 answers to an item that does not repeat",
                "error age: 121 is above the maximum 120",
                "error note: the answer is longer than 5 characters",
                "error seen: the answer must be a date (YYYY-MM-DD)",
                "error colour: not an item of the questionnaire",
            }));
}

TEST(ValidateResponse, RequiresEnabledRequiredItemsOnlyWhenCompleted) {
  const std::vector<ResponseItem> partial = {
      {"smokes", {Value(AnswerValue::Kind::kCoding, 0, "", "y")}, {}}, GroupAnswered()};
  EXPECT_EQ(Problems(ValidateResponse(Form(), Response(partial))),
            (std::vector<std::string>{"error packs: this required item has no answer"}));
  EXPECT_TRUE(ValidateResponse(Form(), Response(partial, "in-progress")).empty());
  const std::vector<ResponseItem> no = {
      {"smokes", {Value(AnswerValue::Kind::kCoding, 0, "", "n")}, {}}, GroupAnswered()};
  EXPECT_TRUE(ValidateResponse(Form(), Response(no)).empty());  // packs is not asked
}

TEST(ValidateResponse, WarnsOfADifferentNesting) {
  const auto issues = ValidateResponse(
      Form(), Response({{"smokes", {Value(AnswerValue::Kind::kCoding, 0, "", "n")}, {}},
                        {"g.pick", {Value(AnswerValue::Kind::kCoding, 0, "", "y")}, {}}}));
  EXPECT_EQ(
      Problems(issues),
      (std::vector<std::string>{"warning g.pick: the response nests this item differently from the "
                                "questionnaire"}));
}

}  // namespace
}  // namespace covalue
