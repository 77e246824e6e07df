#include "app/questionnaires/questionnaires.h"

#include <filesystem>
#include <fstream>
#include <sstream>

#include "fhir/questionnaire_file.h"
#include "fhir/questionnaire_format.h"
#include "support/app_fixture.h"

namespace covalue::app {
namespace {

// The questionnaires of a shipped file, read as an import would read them.
std::vector<QuestionnaireImport> Shipped(const std::string& name) {
  std::ifstream in(std::filesystem::path(COVALUE_SOURCE_DIR) / "questionnaires" / name);
  std::stringstream text;
  text << in.rdbuf();
  auto read = fhir::ReadQuestionnaireFile(text.str());
  EXPECT_TRUE(read.has_value()) << read.error().message;
  return read ? *read : std::vector<QuestionnaireImport>{};
}

class QuestionnairesTest : public AppTest {
 protected:
  void SetUp() override {
    AppTest::SetUp();
    app_ = std::make_unique<App>(*store_, std::vector<Guide>{}, &format_);
    admin_a_ = As("admin-a", {Role::kAdmin, sites_[0].id, std::nullopt});
    professional_b_ = As("prof-b", {Role::kProfessional, sites_[1].id, std::nullopt});
  }

  Questionnaires& questionnaires() { return app_->questionnaires(); }

  fhir::FhirQuestionnaireFormat format_;
  RequestContext admin_a_, professional_b_;
};

TEST_F(QuestionnairesTest, EachImportIsTheNextVersionOfTheResourceItsNameNames) {
  auto first = questionnaires().ImportQuestionnaires(system_, Shipped("phq-9.json"), std::nullopt);
  ASSERT_OK(first);
  ASSERT_EQ(first->size(), 1U);
  const QuestionnaireVersion& v1 = first->front().stored;
  EXPECT_EQ(v1.version, 1);
  EXPECT_FALSE(v1.site_id.has_value());
  auto second = questionnaires().ImportQuestionnaires(system_, Shipped("phq-9.json"), std::nullopt);
  ASSERT_OK(second);
  EXPECT_EQ(second->front().stored.resource_id, v1.resource_id);
  EXPECT_EQ(second->front().stored.version, 2);

  auto latest = questionnaires().GetQuestionnaire(professional_b_, v1.resource_id);
  ASSERT_OK(latest);
  EXPECT_EQ(latest->version, 2);
  auto model = questionnaires().ModelOf(*latest);
  ASSERT_OK(model);
  EXPECT_EQ((*model)->items.size(), 11U) << "PHQ-9's intro, nine items and difficulty question";
  EXPECT_EQ(model->get(), questionnaires().ModelOf(*latest)->get()) << "parsed once";
}

TEST_F(QuestionnairesTest, ASitesOwnIsImportedByItsAdminsAndUnseenElsewhere) {
  EXPECT_ERROR(questionnaires().ImportQuestionnaires(admin_a_, Shipped("gad-7.json"), sites_[1].id),
               ErrorCode::kPermissionDenied);
  EXPECT_ERROR(questionnaires().ImportQuestionnaires(admin_a_, Shipped("gad-7.json"), std::nullopt),
               ErrorCode::kPermissionDenied);
  auto own = questionnaires().ImportQuestionnaires(admin_a_, Shipped("gad-7.json"), sites_[0].id);
  ASSERT_OK(own);
  const std::string id = own->front().stored.resource_id;
  EXPECT_EQ(id.rfind("site" + std::to_string(sites_[0].id) + "-", 0), 0U) << id;
  ASSERT_OK(questionnaires().GetQuestionnaire(admin_a_, id));
  EXPECT_ERROR(questionnaires().GetQuestionnaire(professional_b_, id), ErrorCode::kNotFound);
  EXPECT_ERROR(questionnaires().ImportQuestionnaires(system_, {}, std::nullopt),
               ErrorCode::kInvalidArgument);
}

TEST_F(QuestionnairesTest, WithoutAFormatTheUseCasesSayTheyCannot) {
  App bare(*store_);
  EXPECT_ERROR(
      bare.questionnaires().ImportQuestionnaires(system_, Shipped("phq-4.json"), std::nullopt),
      ErrorCode::kUnsupported);
}

}  // namespace
}  // namespace covalue::app
