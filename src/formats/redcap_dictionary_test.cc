#include "formats/redcap_dictionary.h"

#include <filesystem>
#include <fstream>
#include <sstream>

#include <gtest/gtest.h>

#include "domain/scoring.h"

namespace covalue::formats {
namespace {

std::string Fixture() {
  std::ifstream in(std::filesystem::path(COVALUE_SOURCE_DIR) / "tests" / "fixtures" / "redcap" /
                       "data_dictionary.csv",
                   std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

constexpr std::string_view kHeader =
    "Variable / Field Name,Form Name,Section Header,Field Type,Field Label,\"Choices, "
    "Calculations, OR Slider Labels\",Field Note,Text Validation Type OR Show Slider Number,Text "
    "Validation Min,Text Validation Max,Identifier?,Branching Logic (Show field only "
    "if...),Required Field?\n";

bool Warned(const ImportedQuestionnaire& q, const std::string& location, const std::string& part) {
  for (const Issue& w : q.warnings) {
    if (w.location == location && w.message.find(part) != std::string::npos) {
      return true;
    }
  }
  return false;
}

TEST(RedcapDictionary, ReadsOneQuestionnairePerFormWithTypesAndLimits) {
  auto forms = ReadRedcapDictionary(Fixture());
  ASSERT_TRUE(forms.has_value()) << forms.error().message;
  ASSERT_EQ(forms->size(), 2U);
  const ImportedQuestionnaire& enrolment = (*forms)[0];
  EXPECT_EQ(enrolment.questionnaire.name, "enrolment");
  // The project's record id (its first field) is never asked, and every form knows its name.
  EXPECT_EQ(enrolment.questionnaire.Find("record_id"), nullptr);
  EXPECT_EQ(enrolment.questionnaire.items.front().link_id, "dob");
  EXPECT_EQ(enrolment.questionnaire.redcap_record_field, "record_id");
  EXPECT_EQ((*forms)[1].questionnaire.redcap_record_field, "record_id");
  EXPECT_TRUE(Warned(enrolment, "line 2 (record_id)", "record-id field is not asked"));
  EXPECT_EQ(enrolment.questionnaire.Find("dob")->type, ItemType::kDate);
  EXPECT_TRUE(enrolment.questionnaire.Find("dob")->required);
  const QuestionnaireItem* age = enrolment.questionnaire.Find("age");
  EXPECT_EQ(age->type, ItemType::kInteger);
  EXPECT_EQ(age->min_value, 0);
  EXPECT_EQ(age->max_value, 120);
  EXPECT_TRUE(enrolment.questionnaire.Find("email")->read_only);
  EXPECT_TRUE(Warned(enrolment, "line 3 (dob)", "'today' is not a number"));
  EXPECT_TRUE(Warned(enrolment, "line 5 (email)", "validation type 'email'"));

  const ImportedQuestionnaire& phq9 = (*forms)[1];
  const Questionnaire& q = phq9.questionnaire;
  EXPECT_EQ(q.title, "Phq9");
  ASSERT_EQ(q.items.front().type, ItemType::kDisplay);  // the section header, tags stripped
  EXPECT_EQ(q.items.front().text,
            "Over the last 2 weeks, how often have you been bothered by any of the following "
            "problems?");
  const QuestionnaireItem* first = q.Find("phq9_1");
  ASSERT_EQ(first->options.size(), 4U);
  EXPECT_EQ(first->options[2].value.coding.code, "2");
  EXPECT_EQ(first->options[2].value.coding.display, "More than half the days");
  EXPECT_EQ(first->options[2].score, 2);
  EXPECT_TRUE(q.Find("symptoms")->repeats);
  EXPECT_EQ(q.Find("symptoms_other")->text, "Describe the other symptom\n(in your own words)");
  EXPECT_EQ(q.Find("in_range")->options.size(), 2U);
}

TEST(RedcapDictionary, TurnsSumsIntoTheScoringRuleAndSubscales) {
  auto forms = ReadRedcapDictionary(Fixture());
  ASSERT_TRUE(forms.has_value());
  const Questionnaire& q = (*forms)[1].questionnaire;
  ASSERT_TRUE(q.scoring.has_value());
  EXPECT_EQ(q.scoring->total_link_id, "phq9_total");
  EXPECT_EQ(q.scoring->link_ids.size(), 9U);
  ASSERT_EQ(q.scoring->subscales.size(), 1U);
  EXPECT_EQ(q.scoring->subscales[0].name, "phq2_total");
  EXPECT_TRUE(q.Find("phq9_total")->calculated);

  QuestionnaireResponse response;
  const int answers[] = {3, 2, 1, 0, 1, 2, 3, 0, 1};
  for (int i = 0; i < 9; ++i) {
    AnswerValue value;
    value.kind = AnswerValue::Kind::kCoding;
    value.coding.code = std::to_string(answers[i]);
    response.items.push_back({"phq9_" + std::to_string(i + 1), {value}, {}});
  }
  auto scores = ScoreResponse(q, response);
  ASSERT_TRUE(scores.has_value()) << scores.error().message;
  EXPECT_EQ(scores->total, 13);
  EXPECT_EQ(scores->subscales.at("phq2_total"), 5);
}

TEST(RedcapDictionary, ReadsBranchingItCanAndMarksTheRestReadOnly) {
  auto forms = ReadRedcapDictionary(Fixture());
  ASSERT_TRUE(forms.has_value());
  const ImportedQuestionnaire& phq9 = (*forms)[1];
  const QuestionnaireItem* difficulty = phq9.questionnaire.Find("phq9_difficulty");
  ASSERT_EQ(difficulty->enable_when.size(), 1U);
  EXPECT_EQ(difficulty->enable_when[0].question, "phq9_total");
  EXPECT_EQ(difficulty->enable_when[0].op, EnableOperator::kGreater);
  EXPECT_EQ(difficulty->enable_when[0].answer.number, 0);
  const QuestionnaireItem* other = phq9.questionnaire.Find("symptoms_other");
  ASSERT_EQ(other->enable_when.size(), 1U);
  EXPECT_EQ(other->enable_when[0].op, EnableOperator::kEqual);
  EXPECT_EQ(other->enable_when[0].answer.coding.code, "3");
  EXPECT_TRUE(phq9.questionnaire.Find("site_lookup")->read_only);
  EXPECT_TRUE(Warned(phq9, "line 21 (site_lookup)", "field type 'sql'"));
  EXPECT_TRUE(phq9.questionnaire.Find("in_range")->read_only);  // parentheses and another form
  EXPECT_TRUE(Warned(phq9, "line 22 (in_range)", "branching logic"));
  EXPECT_FALSE(phq9.questionnaire.Find("phq9_1")->read_only);
}

TEST(RedcapDictionary, JoinsComparisonsByAndOrOr) {
  const std::string csv = std::string(kHeader) + "record_id,f,,text,Record ID,,,,,,,,\n" +
                          "a,f,,radio,A,\"1, Yes | 0, No\",,,,,,,\n"
                          "b,f,,text,B,,,integer,,,,,\n"
                          "c,f,,text,C,,,,,,,\"[a] = '1' or [b] >= 18\",\n"
                          "d,f,,text,D,,,,,,,\"[a] <> '' AND [b] < 3\",\n";
  auto forms = ReadRedcapDictionary(csv);
  ASSERT_TRUE(forms.has_value()) << forms.error().message;
  const Questionnaire& q = (*forms)[0].questionnaire;
  EXPECT_FALSE(q.Find("c")->enable_when_all);
  ASSERT_EQ(q.Find("c")->enable_when.size(), 2U);
  EXPECT_EQ(q.Find("c")->enable_when[1].op, EnableOperator::kGreaterOrEqual);
  EXPECT_TRUE(q.Find("d")->enable_when_all);
  EXPECT_EQ(q.Find("d")->enable_when[0].op, EnableOperator::kExists);
  EXPECT_TRUE(q.Find("d")->enable_when[0].answer.boolean);
  EXPECT_EQ((*forms)[0].warnings.size(), 1U) << "the record id's note only";
}

TEST(RedcapDictionary, AnInstrumentHasNoRecordIdAndAsksItsFirstField) {
  const std::string csv = std::string(kHeader) + "mood,f,,text,How is your mood?,,,,,,,,\n";
  auto instrument = ReadRedcapDictionary(csv, DictionaryOf::kInstrument);
  ASSERT_TRUE(instrument.has_value());
  EXPECT_NE((*instrument)[0].questionnaire.Find("mood"), nullptr);
  EXPECT_EQ((*instrument)[0].questionnaire.redcap_record_field, "");
  EXPECT_FALSE(ReadRedcapDictionary(csv).has_value()) << "a project of a record id only";
}

TEST(RedcapDictionary, RefusesWhatIsNotADictionaryNamingTheLine) {
  const std::pair<std::string, std::string> cases[] = {
      {"name,form\nx,y\n", "line 1"},
      {std::string(kHeader) + "Bad Name,f,,text,A,,,,,,,,\n", "line 2"},
      {std::string(kHeader) + "a,f,,text,A,,,,,,,,\na,f,,text,B,,,,,,,,\n", "line 3"},
      {std::string(kHeader) + "id,f,,text,ID,,,,,,,,\na,f,,radio,A,\"1, Yes | no code\",,,,,,,\n",
       "line 3"},
      {std::string(kHeader) + "a,,,text,A,,,,,,,,\n", "line 2"},
      {std::string(kHeader) + "a,f,,text,\"A,,,,,,,,\n", "line 2"},
  };
  for (const auto& [csv, line] : cases) {
    auto forms = ReadRedcapDictionary(csv);
    ASSERT_FALSE(forms.has_value()) << csv;
    EXPECT_EQ(forms.error().field, line) << forms.error().message;
  }
  EXPECT_FALSE(ReadRedcapDictionary(std::string(kHeader)).has_value());
}

// A language column set: "Field Label:sv" and its kin translate the labels, section headers and
// choices, code by code; a column naming no language, or a choice code the field lacks, is
// refused at its line.
TEST(RedcapDictionary, ReadsTranslationsFromLanguageColumns) {
  const std::string csv =
      "Variable / Field Name,Form Name,Section Header,Field Type,Field Label,\"Choices, "
      "Calculations, OR Slider Labels\",Field Label:sv,Section Header:sv,\"Choices, "
      "Calculations, OR Slider Labels:sv\"\n"
      "record_id,mood,,text,Record ID,,,,\n"
      "sleep,mood,About you,radio,How did you sleep?,\"0, Badly | 1, Well\",Hur sov du?,Om "
      "dig,\"0, Dåligt | 1, Bra\"\n"
      "walk,mood,,yesno,Did you walk today?,,Promenerade du i dag?,,\"1, Ja | 0, Nej\"\n"
      "note,mood,,notes,Anything else?,,,,\n";
  auto forms = ReadRedcapDictionary(csv);
  ASSERT_TRUE(forms.has_value()) << forms.error().message;
  const Questionnaire& q = (*forms)[0].questionnaire;
  const QuestionnaireItem* sleep = q.Find("sleep");
  ASSERT_NE(sleep, nullptr);
  EXPECT_EQ(sleep->text, "How did you sleep?");
  EXPECT_EQ(sleep->text_translations, (Translations{{"sv", "Hur sov du?"}}));
  ASSERT_EQ(sleep->options.size(), 2U);
  EXPECT_EQ(sleep->options[0].display_translations, (Translations{{"sv", "Dåligt"}}));
  EXPECT_EQ(sleep->options[1].display_translations, (Translations{{"sv", "Bra"}}));
  EXPECT_EQ(q.Find("sleep-section")->text_translations, (Translations{{"sv", "Om dig"}}));
  const QuestionnaireItem* walk = q.Find("walk");
  EXPECT_EQ(walk->options[0].display_translations, (Translations{{"sv", "Ja"}}));
  EXPECT_EQ(walk->options[1].display_translations, (Translations{{"sv", "Nej"}}));
  EXPECT_TRUE(q.Find("note")->text_translations.empty()) << "an empty cell: no translation";

  const auto no_tag = ReadRedcapDictionary(
      "Variable / Field Name,Form Name,Field Type,Field Label,Field Label:Swedish\n"
      "record_id,mood,text,Record ID,\n");
  ASSERT_FALSE(no_tag.has_value());
  EXPECT_NE(no_tag.error().message.find("'Field Label:Swedish' names no language tag"),
            std::string::npos)
      << no_tag.error().message;
  const auto unknown = ReadRedcapDictionary(
      "Variable / Field Name,Form Name,Field Type,Field Label,Field Note:sv\n"
      "record_id,mood,text,Record ID,\n");
  ASSERT_FALSE(unknown.has_value());
  EXPECT_EQ(unknown.error().field, "line 1");
  const auto bad_code = ReadRedcapDictionary(
      "Variable / Field Name,Form Name,Field Type,Field Label,\"Choices, Calculations, OR "
      "Slider Labels\",\"Choices, Calculations, OR Slider Labels:sv\"\n"
      "record_id,mood,text,Record ID,,\n"
      "sleep,mood,radio,How did you sleep?,\"0, Badly | 1, Well\",\"0, Dåligt | 2, Bra\"\n");
  ASSERT_FALSE(bad_code.has_value());
  EXPECT_EQ(bad_code.error().field, "line 3");
  EXPECT_NE(bad_code.error().message.find("'2, Bra' in sv"), std::string::npos)
      << bad_code.error().message;
}

}  // namespace
}  // namespace covalue::formats
