#include "domain/study.h"

#include <gtest/gtest.h>

namespace covalue {
namespace {

Study Valid() {
  Study s;
  s.title = "Value of coproduction";
  s.focus_prompt = "One way coproduction creates value for people and professionals is…";
  s.variables = {{"importance", 1, 5}, {"feasibility", 1, 5}};
  s.groups = {"patient", "professional", "leader"};
  return s;
}

TEST(Study, ValidatesWhatAResearcherTypes) {
  EXPECT_TRUE(ValidateStudy(Valid()));
  const auto field = [](const Study& s) { return ValidateStudy(s).error().field; };
  Study s = Valid();
  s.title = " ";
  EXPECT_EQ(field(s), "/title");
  s = Valid();
  s.variables[1].name = "importance";
  EXPECT_EQ(field(s), "/variables/1/name");
  s = Valid();
  s.variables[0] = {"importance", 5, 5};
  EXPECT_EQ(field(s), "/variables/0/min");
  s = Valid();
  s.variables[0].name = "a|b";
  EXPECT_EQ(field(s), "/variables/0/name");
  s = Valid();
  s.groups.push_back("all");
  EXPECT_EQ(field(s), "/groups/3");
  s = Valid();
  s.groups.clear();
  EXPECT_EQ(field(s), "/groups");
  s = Valid();
  s.variables.assign(7, {"x", 1, 5});
  EXPECT_EQ(field(s), "/variables");
}

TEST(Study, StagesOnlyMoveForwardAlongTheirKind) {
  EXPECT_TRUE(StageMayFollow(StudyKind::kConceptMap, StudyStage::kDraft, StudyStage::kBrainstorming));
  EXPECT_TRUE(StageMayFollow(StudyKind::kConceptMap, StudyStage::kDraft, StudyStage::kSorting));
  EXPECT_TRUE(StageMayFollow(StudyKind::kConceptMap, StudyStage::kRating, StudyStage::kClosed));
  EXPECT_FALSE(StageMayFollow(StudyKind::kConceptMap, StudyStage::kSorting, StudyStage::kBrainstorming));
  EXPECT_FALSE(StageMayFollow(StudyKind::kConceptMap, StudyStage::kClosed, StudyStage::kRating));
  EXPECT_FALSE(StageMayFollow(StudyKind::kConceptMap, StudyStage::kDraft, StudyStage::kRounds));
  EXPECT_TRUE(StageMayFollow(StudyKind::kDelphi, StudyStage::kDraft, StudyStage::kRounds));
  EXPECT_FALSE(StageMayFollow(StudyKind::kDelphi, StudyStage::kDraft, StudyStage::kSorting));
  for (StudyStage stage : {StudyStage::kDraft, StudyStage::kBrainstorming, StudyStage::kSorting,
                           StudyStage::kRating, StudyStage::kRounds, StudyStage::kClosed}) {
    EXPECT_EQ(ParseStudyStage(StudyStageName(stage)), stage);
  }
  EXPECT_EQ(ParseStudyKind("delphi"), StudyKind::kDelphi);
  EXPECT_FALSE(ParseStudyKind("survey"));
}

}  // namespace
}  // namespace covalue
