#include "fhir/prom_reader.h"

#include <filesystem>
#include <fstream>
#include <sstream>

#include <gtest/gtest.h>

#include "domain/scoring.h"
#include "fhir/prom_writer.h"

namespace covalue::fhir {
namespace {

using nlohmann::json;

json Shipped(const std::string& name) {
  std::ifstream in(std::filesystem::path(COVALUE_SOURCE_DIR) / "questionnaires" / name);
  std::stringstream text;
  text << in.rdbuf();
  auto parsed = ParseResource(text.str());
  EXPECT_TRUE(parsed.has_value()) << name;
  return *parsed;
}

json Option(const std::string& system, const std::string& code, double score) {
  return {{"valueCoding", {{"system", system}, {"code", code}}},
          {"extension", json::array({{{"url", "http://hl7.org/fhir/StructureDefinition/itemWeight"},
                                      {"valueDecimal", score}}})}};
}

json Answer(const std::string& link_id, const std::string& system, const std::string& code) {
  json coding = {{"code", code}};
  if (!system.empty()) {
    coding["system"] = system;
  }
  return {{"linkId", link_id}, {"answer", json::array({{{"valueCoding", coding}}})}};
}

TEST(PromReader, ReadsTheShippedInstrumentsWithTheirPublishedRules) {
  for (const auto& [file, instrument, items, bands] :
       {std::tuple{"phq-9.json", "PHQ-9", 9U, 5U}, std::tuple{"gad-7.json", "GAD-7", 7U, 4U},
        std::tuple{"phq-4.json", "PHQ-4", 4U, 4U}}) {
    auto read = ReadQuestionnaire(Shipped(file));
    ASSERT_TRUE(read.has_value()) << read.error().message;
    EXPECT_TRUE(read->warnings.empty()) << file << ": " << read->warnings[0].message;
    ASSERT_TRUE(read->questionnaire.scoring.has_value()) << file;
    EXPECT_EQ(read->questionnaire.scoring->instrument, instrument);
    EXPECT_EQ(read->questionnaire.scoring->link_ids.size(), items);
    EXPECT_EQ(read->questionnaire.scoring->bands.size(), bands);
  }
  auto phq4 = ReadQuestionnaire(Shipped("phq-4.json"));
  EXPECT_EQ(phq4->questionnaire.scoring->subscales.size(), 2U);
}

TEST(PromReader, ReadsCovaluesScoringExtensionWithADomainSubscaleEach) {
  for (const char* file :
       {"coproduction-value-patient.json", "coproduction-value-professional.json"}) {
    auto read = ReadQuestionnaire(Shipped(file));
    ASSERT_TRUE(read.has_value()) << read.error().message;
    const ScoringRule& rule = *read->questionnaire.scoring;
    EXPECT_EQ(rule.link_ids.size(), 12U);
    ASSERT_EQ(rule.subscales.size(), 6U);
    EXPECT_EQ(rule.subscales[1].name, "self-efficacy");
    EXPECT_EQ(rule.subscales[1].link_ids,
              (std::vector<std::string>{"self-efficacy-1", "self-efficacy-2"}));
    // All "agree" (4) but access strongly agree (5): domains 8, access 10, total 50.
    QuestionnaireResponse response;
    for (const auto& link_id : rule.link_ids) {
      AnswerValue agree{AnswerValue::Kind::kCoding, false, 0, "", {"", "agree", ""}};
      if (link_id.rfind("access", 0) == 0) {
        agree.coding.code = "strongly-agree";
      }
      response.items.push_back({link_id, {agree}, {}});
    }
    auto scores = ScoreResponse(read->questionnaire, response);
    ASSERT_TRUE(scores.has_value()) << scores.error().message;
    EXPECT_EQ(scores->total, 5 * 8 + 10);
    EXPECT_EQ(scores->subscales.at("communication"), 8);
    EXPECT_EQ(scores->subscales.at("access"), 10);
    EXPECT_FALSE(scores->band.has_value());
  }
}

TEST(PromReader, KnowsWhomAQuestionnaireAsksAboutAndWritesItBack) {
  auto patients = ReadQuestionnaire(Shipped("coproduction-value-patient.json"));
  auto professionals = ReadQuestionnaire(Shipped("coproduction-value-professional.json"));
  ASSERT_TRUE(patients.has_value() && professionals.has_value());
  EXPECT_TRUE(patients->questionnaire.ForPatients());
  EXPECT_FALSE(professionals->questionnaire.ForPatients());
  auto again = ReadQuestionnaire(QuestionnaireJson(professionals->questionnaire));
  ASSERT_TRUE(again.has_value());
  EXPECT_EQ(again->questionnaire.subject_types, (std::vector<std::string>{"Practitioner"}));
  json untyped = Shipped("phq-9.json");
  untyped.erase("subjectType");
  EXPECT_TRUE(ReadQuestionnaire(untyped)->questionnaire.ForPatients()) << "none named: anyone";
  untyped["subjectType"] = json::array({1});
  auto bad = ReadQuestionnaire(untyped);
  ASSERT_FALSE(bad.has_value());
  EXPECT_EQ(bad.error().field, "Questionnaire.subjectType[0]");
}

TEST(PromReader, ResolvesAnswerListsContainedByIdOrUrlAndShippedByUrl) {
  json q = {{"resourceType", "Questionnaire"},
            {"contained",
             json::array(
                 {{{"resourceType", "ValueSet"},
                   {"id", "yn"},
                   {"url", "http://example.org/vs/yes-no"},
                   {"expansion",
                    {{"contains",
                      json::array(
                          {{{"system", "http://example.org/yn"},
                            {"code", "y"},
                            {"extension", json::array({{{"url",
                                                         "http://hl7.org/fhir/StructureDefinition/"
                                                         "ordinalValue"},
                                                        {"valueInteger", 1}}})}},
                           {{"system", "http://example.org/yn"},
                            {"code", "n"},
                            {"extension", json::array({{{"url",
                                                         "http://hl7.org/fhir/StructureDefinition/"
                                                         "ordinalValue"},
                                                        {"valueInteger", 0}}})}}})}}}}})},
            {"item", json::array({{{"linkId", "a"}, {"type", "choice"}, {"answerValueSet", "#yn"}},
                                  {{"linkId", "b"},
                                   {"type", "choice"},
                                   {"answerValueSet", "http://example.org/vs/yes-no|1.0"}},
                                  {{"linkId", "c"},
                                   {"type", "choice"},
                                   {"answerValueSet", "http://loinc.org/vs/LL358-3"}},
                                  {{"linkId", "d"},
                                   {"type", "choice"},
                                   {"answerValueSet", "http://example.org/vs/unknown"}}})}};
  auto read = ReadQuestionnaire(q);
  ASSERT_TRUE(read.has_value()) << read.error().message;
  const Questionnaire& questionnaire = read->questionnaire;
  EXPECT_EQ(questionnaire.Find("a")->options.size(), 2U);
  EXPECT_EQ(questionnaire.Find("b")->options.size(), 2U);
  ASSERT_EQ(questionnaire.Find("c")->options.size(), 4U);
  EXPECT_EQ(questionnaire.Find("c")->options[3].score, 3);
  EXPECT_TRUE(questionnaire.Find("d")->options.empty());
  ASSERT_EQ(read->warnings.size(), 1U);
  EXPECT_EQ(read->warnings[0].location, "item[3] (d)");

  json response = {{"resourceType", "QuestionnaireResponse"},
                   {"item", json::array({Answer("a", "http://example.org/yn", "y"),
                                         Answer("b", "", "y"),  // by code within the list
                                         Answer("c", "http://loinc.org", "LA6570-1")})}};
  std::vector<Issue> warnings;
  auto parsed = ReadQuestionnaireResponse(response, warnings);
  ASSERT_TRUE(parsed.has_value());
  auto scores = ScoreResponse(questionnaire, *parsed);
  ASSERT_TRUE(scores.has_value()) << scores.error().message;
  EXPECT_EQ(scores->total, 1 + 1 + 2);
}

TEST(PromReader, WhatItCannotInterpretBecomesReadOnlyWithAWarning) {
  json q = {{"resourceType", "Questionnaire"},
            {"item",
             json::array({{{"linkId", "x"}, {"type", "signature"}},
                          {{"linkId", "y"},
                           {"type", "integer"},
                           {"extension",
                            json::array({{{"url",
                                           "http://hl7.org/fhir/uv/sdc/StructureDefinition/"
                                           "sdc-questionnaire-calculatedExpression"},
                                          {"valueExpression", {{"expression", "%a + %b"}}}}})}},
                          {{"linkId", "z"},
                           {"type", "string"},
                           {"enableWhen", json::array({{{"question", "y"},
                                                        {"operator", "="},
                                                        {"answerQuantity", {{"value", 3}}}}})}}})}};
  auto read = ReadQuestionnaire(q);
  ASSERT_TRUE(read.has_value()) << read.error().message;
  EXPECT_TRUE(read->questionnaire.Find("x")->read_only);
  EXPECT_TRUE(read->questionnaire.Find("y")->read_only);
  EXPECT_TRUE(read->questionnaire.Find("y")->calculated);
  EXPECT_TRUE(read->questionnaire.Find("z")->read_only);
  EXPECT_TRUE(read->questionnaire.Find("z")->enable_when.empty());
  ASSERT_EQ(read->warnings.size(), 3U);
  EXPECT_NE(read->warnings[2].message.find("answerQuantity"), std::string::npos);
}

TEST(PromReader, RefusesBrokenStructureNamingThePath) {
  const std::pair<json, std::string> cases[] = {
      {{{"resourceType", "Patient"}}, "resourceType"},
      {{{"resourceType", "Questionnaire"}}, "Questionnaire.item"},
      {{{"resourceType", "Questionnaire"}, {"item", json::array({1})}}, "item[0]"},
      {{{"resourceType", "Questionnaire"}, {"item", json::array({{{"type", "string"}}})}},
       "item[0]"},
      {{{"resourceType", "Questionnaire"},
        {"item", json::array({{{"linkId", "a"},
                               {"type", "group"},
                               {"item", json::array({{{"linkId", "a"}, {"type", "string"}}})}}})}},
       "item[0].item[0].linkId"},
      {{{"resourceType", "Questionnaire"},
        {"item", json::array({{{"linkId", "a"}, {"type", "choice"}, {"required", "yes"}}})}},
       "item[0].required"},
      {{{"resourceType", "Questionnaire"},
        {"item", json::array({{{"linkId", "a"},
                               {"type", "choice"},
                               {"answerOption", json::array({{{"valueQuantity", 1}}})}}})}},
       "item[0].answerOption[0]"},
  };
  for (const auto& [resource, path] : cases) {
    auto read = ReadQuestionnaire(resource);
    ASSERT_FALSE(read.has_value()) << resource.dump();
    EXPECT_EQ(read.error().field, path) << read.error().message;
  }
  auto bad = ParseResource("{\n  \"resourceType\": \"Questionnaire\",\n  \"item\": [,]\n}");
  ASSERT_FALSE(bad.has_value());
  EXPECT_NE(bad.error().message.find("line 3"), std::string::npos) << bad.error().message;
}

TEST(PromReader, ReadsANumberWrittenAsAStringWithAWarning) {
  json q = {{"resourceType", "Questionnaire"},
            {"item", json::array({{{"linkId", "a"},
                                   {"type", "choice"},
                                   {"answerOption", json::array({Option("s", "1", 0)})}}})}};
  q["item"][0]["answerOption"][0]["extension"][0]["valueDecimal"] = "2.5";
  auto read = ReadQuestionnaire(q);
  ASSERT_TRUE(read.has_value()) << read.error().message;
  EXPECT_EQ(read->questionnaire.Find("a")->options[0].score, 2.5);
  ASSERT_EQ(read->warnings.size(), 1U);
  EXPECT_NE(read->warnings[0].message.find("written as a string"), std::string::npos);
}

TEST(PromReader, TakesItemsNestedUnderAnswersAsChildren) {
  json response = {
      {"resourceType", "QuestionnaireResponse"},
      {"questionnaire", "urn:covalue:fhir:questionnaire:phq-9"},
      {"item",
       json::array(
           {{{"linkId", "smoker"},
             {"answer", json::array({{{"valueBoolean", true},
                                      {"item", json::array({Answer("packs", "", "2")})}}})}}})}};
  std::vector<Issue> warnings;
  auto read = ReadQuestionnaireResponse(response, warnings);
  ASSERT_TRUE(read.has_value());
  EXPECT_EQ(read->questionnaire, "urn:covalue:fhir:questionnaire:phq-9");
  ASSERT_EQ(read->items.size(), 1U);
  EXPECT_TRUE(read->items[0].answers[0].boolean);
  ASSERT_EQ(read->items[0].items.size(), 1U);
  EXPECT_EQ(read->items[0].items[0].link_id, "packs");
}

TEST(PromWriter, WritesWhatTheReaderReadsBackToTheSameModel) {
  for (const char* file :
       {"phq-9.json", "gad-7.json", "phq-4.json", "coproduction-value-patient.json",
        "coproduction-value-professional.json"}) {
    auto read = ReadQuestionnaire(Shipped(file));
    ASSERT_TRUE(read.has_value()) << file;
    const json written = QuestionnaireJson(read->questionnaire);
    auto again = ReadQuestionnaire(written);
    ASSERT_TRUE(again.has_value()) << file << ": " << again.error().message;
    EXPECT_TRUE(again->warnings.empty()) << file;
    EXPECT_EQ(again->questionnaire, read->questionnaire) << file;
  }
}

// Translations (FHIR's translation extension) are read into the model and written back, so a
// questionnaire made here (a REDCap import) carries its languages to every filler.
TEST(PromWriter, KeepsTheTranslationsOfTextsAndAnswerDisplays) {
  auto read = ReadQuestionnaire(Shipped("phq-9.json"));
  ASSERT_TRUE(read.has_value());
  const QuestionnaireItem* first = read->questionnaire.Find("phq9-1");
  ASSERT_NE(first, nullptr);
  ASSERT_TRUE(first->text_translations.contains("sv"));
  EXPECT_NE(first->text_translations.at("sv"), first->text);
  ASSERT_FALSE(first->options.empty());
  EXPECT_EQ(first->options[0].display_translations, (Translations{{"sv", "Inte alls"}}));

  const json written = QuestionnaireJson(read->questionnaire);
  json item;
  for (const json& i : written["item"]) {
    if (i["linkId"] == "phq9-1") {
      item = i;
    }
  }
  ASSERT_TRUE(item.contains("_text"));
  const json& extension = item["_text"]["extension"][0];
  EXPECT_EQ(extension["url"], "http://hl7.org/fhir/StructureDefinition/translation");
  EXPECT_EQ(extension["extension"][0]["valueCode"], "sv");
  EXPECT_EQ(extension["extension"][1]["valueString"], first->text_translations.at("sv"));
  EXPECT_EQ(item["answerOption"][0]["valueCoding"]["_display"]["extension"][0]["extension"][1]
                ["valueString"],
            "Inte alls");
}

}  // namespace
}  // namespace covalue::fhir
