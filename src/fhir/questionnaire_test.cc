#include "fhir/questionnaire.h"

#include <algorithm>
#include <cctype>

#include <gtest/gtest.h>

#include "formats/guide_file.h"

namespace covalue::fhir {
namespace {

using nlohmann::json;

class QuestionnaireTest : public testing::Test {
 protected:
  void SetUp() override {
    auto guides = formats::LoadGuides(std::filesystem::path(COVALUE_SOURCE_DIR) / "guides");
    ASSERT_TRUE(guides.has_value()) << guides.error().message;
    for (const Guide& guide : *guides) {
      questionnaires_[guide.id] = QuestionnaireOf(guide);
    }
  }

  static std::vector<json> Questions(const json& items) {
    std::vector<json> out;
    for (const json& item : items) {
      if (item["type"] != "display" && item["type"] != "group" && item["type"] != "reference") {
        out.push_back(item);
      }
    }
    return out;
  }

  static std::string Translation(const json& element, const std::string& language) {
    for (const json& ext : element["extension"]) {
      if (ext["extension"][0]["valueCode"] == language) {
        return ext["extension"][1]["valueString"];
      }
    }
    return "";
  }

  std::map<std::string, json> questionnaires_;
};

TEST_F(QuestionnaireTest, TheShortFormHasExactlySixQuestionsNamingTheirSteps) {
  const json& q = questionnaires_.at("coproduction-guide-short");
  EXPECT_EQ(q["resourceType"], "Questionnaire");
  EXPECT_EQ(q["status"], "active");
  const auto questions = Questions(q["item"]);
  ASSERT_EQ(questions.size(), 6U);
  EXPECT_EQ(q["item"].size(), 6U);
  EXPECT_EQ(questions[0]["extension"][0]["valueString"], "step-2");
  EXPECT_EQ(questions[5]["extension"][0]["valueString"], "step-8");
  EXPECT_EQ(
      Translation(questions[0]["_text"], "sv"),
      "Vilka är människorna i den här patientpopulationen, och hur möter de de professionella?");
}

TEST_F(QuestionnaireTest, TheFullGuideHasOneGroupPerStepWithIntroductionHelpAndLinks) {
  const json& q = questionnaires_.at("coproduction-guide-full");
  ASSERT_EQ(q["item"].size(), 9U);
  for (const json& group : q["item"]) {
    EXPECT_EQ(group["type"], "group");
    EXPECT_EQ(group["item"][0]["type"], "display");  // the introduction
  }
  const json& step2 = q["item"][1];
  EXPECT_EQ(step2["linkId"], "step-2");
  EXPECT_EQ(Questions(step2["item"]).size(), 6U);
  const json& persona_question = step2["item"][1];
  EXPECT_EQ(persona_question["linkId"], "step-2.q1");
  EXPECT_EQ(
      persona_question["item"][0]["extension"][0]["valueCodeableConcept"]["coding"][0]["code"],
      "help");
  EXPECT_EQ(persona_question["item"][1]["type"], "reference");
  EXPECT_EQ(persona_question["item"][1]["extension"][0]["valueCode"], "persona");
}

TEST_F(QuestionnaireTest, ThePassportRatesEachValueDomainFromOneToFive) {
  const json& q = questionnaires_.at("improvement-passport");
  std::set<std::string> domains;
  std::function<void(const json&)> walk = [&](const json& items) {
    for (const json& item : items) {
      if (item["type"] == "integer") {
        domains.insert(item["code"][0]["code"]);
        EXPECT_EQ(item["extension"][0]["valueInteger"], 1);
        EXPECT_EQ(item["extension"][1]["valueInteger"], 5);
      }
      if (item.contains("item")) {
        walk(item["item"]);
      }
    }
  };
  walk(q["item"]);
  EXPECT_EQ(domains, (std::set<std::string>{"communication", "self-efficacy", "interconnectedness",
                                            "costs", "professional-experience", "access"}));
}

TEST_F(QuestionnaireTest, LinkIdsUseOnlyLettersDigitsDotsUnderscoresAndHyphens) {
  const auto allowed = [](const std::string& id) {
    return !id.empty() && std::all_of(id.begin(), id.end(), [](char c) {
      return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '.' || c == '_' || c == '-';
    });
  };
  std::size_t checked = 0;
  std::function<void(const json&)> walk = [&](const json& items) {
    for (const json& item : items) {
      EXPECT_TRUE(allowed(item["linkId"].get<std::string>())) << item["linkId"];
      ++checked;
      if (item.contains("item")) {
        walk(item["item"]);
      }
    }
  };
  for (const auto& [id, q] : questionnaires_) {
    walk(q["item"]);
  }
  EXPECT_GT(checked, 100U);
}

}  // namespace
}  // namespace covalue::fhir
