#include "domain/guide.h"

#include <gtest/gtest.h>

namespace covalue {
namespace {

LocalizedText Text(const std::string& en, const std::string& sv) {
  return LocalizedText{{{"en", en}, {"sv", sv}}};
}

GuideItem Question(const std::string& link_id) {
  GuideItem item;
  item.link_id = link_id;
  item.text = Text("Question " + link_id, "Fråga " + link_id);
  return item;
}

Guide FullGuide() {
  Guide guide{"coproduction-guide-full", "1.0.0", GuideKind::kFull, Text("Full", "Full"), {}, {}};
  for (int step = 1; step <= 9; ++step) {
    GuideItem group = Question("step-" + std::to_string(step));
    group.type = GuideItemType::kGroup;
    group.step = step;
    group.items.push_back(Question("step-" + std::to_string(step) + ".q1"));
    guide.items.push_back(group);
  }
  return guide;
}

Guide ShortForm() {
  Guide guide{"coproduction-guide-short", "1.0.0", GuideKind::kShortForm,
              Text("Short", "Kort"),      {},      {}};
  for (int i = 1; i <= 6; ++i) {
    GuideItem item = Question("short." + std::to_string(i));
    item.summarises = "step-" + std::to_string(i + 1);
    guide.items.push_back(item);
  }
  return guide;
}

Guide Passport() {
  Guide guide{"improvement-passport", "1.0.0", GuideKind::kPassport, Text("Pass", "Pass"), {}, {}};
  for (ValueDomain domain : kAllValueDomains) {
    GuideItem rating = Question("rating." + std::string(ValueDomainName(domain)));
    rating.type = GuideItemType::kRating;
    rating.value_domain = domain;
    guide.items.push_back(rating);
  }
  return guide;
}

std::vector<std::string> Messages(const std::vector<GuideProblem>& problems) {
  std::vector<std::string> out;
  out.reserve(problems.size());
  for (const auto& p : problems) {
    out.push_back(p.link_id + ": " + p.message);
  }
  return out;
}

TEST(CheckGuide, AcceptsWellFormedGuidesOfEachKindAndTheirSet) {
  EXPECT_TRUE(CheckGuide(FullGuide()).empty()) << Messages(CheckGuide(FullGuide()))[0];
  EXPECT_TRUE(CheckGuide(ShortForm()).empty());
  EXPECT_TRUE(CheckGuide(Passport()).empty());
  EXPECT_TRUE(CheckGuideSet({FullGuide(), ShortForm(), Passport()}).empty());
}

TEST(CheckGuide, NamesBadAndDuplicateLinkIds) {
  Guide guide = FullGuide();
  guide.items[0].items.push_back(Question("step-1.q1"));
  guide.items[1].items.push_back(Question("step 2/q2"));
  const auto problems = CheckGuide(guide);
  ASSERT_EQ(problems.size(), 2U) << Messages(problems)[0];
  EXPECT_EQ(problems[0].link_id, "step-1.q1");
  EXPECT_EQ(problems[0].message, "link_id 'step-1.q1' is used twice");
  EXPECT_EQ(problems[1].link_id, "step 2/q2");
}

TEST(CheckGuide, NeedsEveryTextInEveryLanguageOfTheTitle) {
  Guide guide = ShortForm();
  guide.items[2].hint = LocalizedText{{{"en", "A hint"}}};
  const auto problems = CheckGuide(guide);
  ASSERT_EQ(problems.size(), 1U);
  EXPECT_EQ(problems[0].link_id, "short.3");
  EXPECT_EQ(problems[0].message, "the hint has no 'sv' text");
}

TEST(CheckGuide, TheFullGuideHasNineStepsInOrder) {
  Guide guide = FullGuide();
  std::swap(guide.items[3], guide.items[4]);
  guide.items.pop_back();
  const auto messages = Messages(CheckGuide(guide));
  EXPECT_EQ(messages.front(), ": the full guide has one group per learning-cycle step (9), not 8");
  EXPECT_EQ(messages.size(), 3U);
}

TEST(CheckGuide, TheShortFormHasSixQuestionsEachSummarisingAStep) {
  Guide guide = ShortForm();
  guide.items[0].summarises.clear();
  guide.items.pop_back();
  EXPECT_EQ(CheckGuide(guide).size(), 2U);
  Guide wrong_step = ShortForm();
  wrong_step.items[5].summarises = "step-1.q1";
  const auto problems = CheckGuideSet({FullGuide(), wrong_step});
  ASSERT_EQ(problems.size(), 1U);
  EXPECT_EQ(problems[0].link_id, "short.6");
}

TEST(CheckGuide, ThePassportRatesEachValueDomainOnce) {
  Guide guide = Passport();
  guide.items[1].value_domain = ValueDomain::kCommunication;
  const auto messages = Messages(CheckGuide(guide));
  ASSERT_EQ(messages.size(), 2U);
  EXPECT_EQ(messages[0], ": the passport rates value domain 'communication' once, not 2 times");
  EXPECT_EQ(messages[1], ": the passport rates value domain 'self-efficacy' once, not 0 times");
}

TEST(CheckGuide, GroupsChoicesAndRatingsKeepTheirShapes) {
  Guide guide = Passport();
  GuideItem choice = Question("choice");
  choice.type = GuideItemType::kChoice;
  choice.options.push_back({"chain", Text("Chain", "Kedja")});
  GuideItem empty_group = Question("group");
  empty_group.type = GuideItemType::kGroup;
  GuideItem text_with_domain = Question("text");
  text_with_domain.value_domain = ValueDomain::kAccess;
  guide.items.push_back(choice);
  guide.items.push_back(empty_group);
  guide.items.push_back(text_with_domain);
  const auto problems = CheckGuide(guide);
  std::vector<std::string> ids;
  ids.reserve(problems.size());
  for (const auto& p : problems) {
    ids.push_back(p.link_id);
  }
  EXPECT_EQ(ids, (std::vector<std::string>{"choice", "group", "text", ""}));
}

Guide PassportWithStamps() {
  Guide guide = Passport();
  GuideItem stamp = Question("stamp");
  stamp.type = GuideItemType::kGroup;
  stamp.repeats = true;
  stamp.items.push_back(Question("stamp.session"));
  guide.items.push_back(stamp);
  return guide;
}

TEST(CheckGuide, OnlyGroupsRepeatAndNeverInsideARepeatingGroup) {
  EXPECT_TRUE(CheckGuide(PassportWithStamps()).empty());
  Guide guide = PassportWithStamps();
  guide.items.back().items.front().repeats = true;  // a question that repeats
  GuideItem inner = Question("stamp.inner");
  inner.type = GuideItemType::kGroup;
  inner.repeats = true;
  inner.items.push_back(Question("stamp.inner.q"));
  guide.items.back().items.push_back(inner);
  EXPECT_EQ(Messages(CheckGuide(guide)),
            (std::vector<std::string>{"stamp.session: only groups repeat",
                                      "stamp.session: a repeating group holds no repeating group",
                                      "stamp.inner: a repeating group holds no repeating group"}));
}

TEST(Guide, NamesTheRepeatingGroupAnItemLiesIn) {
  const Guide guide = PassportWithStamps();
  ASSERT_NE(guide.RepeatingGroupOf("stamp.session"), nullptr);
  EXPECT_EQ(guide.RepeatingGroupOf("stamp.session")->link_id, "stamp");
  EXPECT_EQ(guide.RepeatingGroupOf("stamp"), nullptr);  // the group itself is not inside one
  EXPECT_EQ(guide.RepeatingGroupOf("rating.access"), nullptr);
  EXPECT_EQ(guide.RepeatingGroupOf("nowhere"), nullptr);
}

TEST(LocalizedText, FallsBackToEnglish) {
  const LocalizedText text{{{"en", "Hello"}, {"sv", "Hej"}}};
  EXPECT_EQ(text.In("sv"), "Hej");
  EXPECT_EQ(text.In("ar"), "Hello");
}

TEST(GuideNames, RoundTrip) {
  for (ValueDomain domain : kAllValueDomains) {
    EXPECT_EQ(ParseValueDomain(ValueDomainName(domain)), domain);
  }
  EXPECT_EQ(ParseGuideKind("short-form"), GuideKind::kShortForm);
  EXPECT_EQ(ParseGuideItemType("rating"), GuideItemType::kRating);
  EXPECT_EQ(ParseArtefact("process-map"), Artefact::kProcessMap);
  EXPECT_FALSE(ParseArtefact("spreadsheet").has_value());
}

}  // namespace
}  // namespace covalue
