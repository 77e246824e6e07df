// Personas through the app: made on a stratum of the team's population with its workbook of the
// persona guide in one write, shown with the stratum's live numbers; their texts revised,
// compared and restored as workbook answers; the team's own.

#include "app/personas/personas.h"

#include <gtest/gtest.h>

#include <filesystem>

#include "domain/dates.h"
#include "formats/guide_file.h"
#include "store/registry_repository.h"
#include "support/app_fixture.h"

namespace covalue::app {
namespace {

class PersonasTest : public AppTest {
 protected:
  void SetUp() override {
    AppTest::SetUp();
    auto guides = formats::LoadGuides(std::filesystem::path(COVALUE_SOURCE_DIR) / "guides");
    ASSERT_OK(guides);
    app_ = std::make_unique<App>(*store_, std::move(*guides));
    lead_ = As("lena", {Role::kTeamLead, sites_[0].id, teams_[0].id});
    other_lead_ = As("olle", {Role::kTeamLead, sites_[1].id, teams_[1].id});
    facilitator_ = As("fia", {Role::kFacilitator, std::nullopt, std::nullopt});
    ASSERT_OK(store_->Write([&](store::Repositories& r) -> Status {
      for (int i = 0; i < 6; ++i) {
        Patient p;
        p.site_id = sites_[0].id;
        p.population_id = teams_[0].population_id;
        p.identifier = "P" + std::to_string(i);
        p.birth_date = i < 4 ? "2000-01-01" : "1950-01-01";
        p.sex = Sex::kFemale;
        COVALUE_RETURN_IF_ERROR(r.Registry().CreatePatient(p));
      }
      return Ok();
    }));
    Stratification s;
    s.name = "By age";
    s.strata = {{"Young", {{false, "age", ConditionOp::kLt, {"40"}}}}};
    auto made = app_->strata().Define(lead_, teams_[0].population_id, s);
    ASSERT_OK(made);
    stratification_ = made->id;
  }

  RequestContext lead_, other_lead_, facilitator_;
  Id stratification_ = 0;
};

TEST_F(PersonasTest, APersonaShowsItsStratumsNumbersAndKeepsItsTextsAsWorkbookAnswers) {
  auto anna = app_->personas().Create(lead_, teams_[0].id, {0, 0, 0, "Anna, 26", false, stratification_, "Young", 0});
  ASSERT_OK(anna);
  ASSERT_TRUE(anna->numbers);
  EXPECT_EQ(anna->numbers->people, 4);  // the four born in 2000
  EXPECT_FALSE(anna->numbers->suppressed);  // the team's lead sees every number
  const Id workbook = anna->persona.workbook_id;
  auto first = app_->workbooks().SaveAnswer(lead_, workbook, "portrait", "Recently diagnosed.", std::nullopt);
  ASSERT_OK(first);
  auto second = app_->workbooks().SaveAnswer(lead_, workbook, "portrait", "Recently diagnosed; studies.", RevisionEtag(1));
  ASSERT_OK(second);
  EXPECT_EQ(second->number, 2);
  auto restored = app_->workbooks().RestoreRevision(lead_, workbook, "portrait", 1, RevisionEtag(2));
  ASSERT_OK(restored);
  EXPECT_EQ(restored->text, "Recently diagnosed.");
  EXPECT_ERROR(app_->workbooks().SaveAnswer(lead_, workbook, "no-such-item", "x", std::nullopt),
               ErrorCode::kInvalidArgument);

  auto other = app_->personas().Create(lead_, teams_[0].id, {0, 0, 0, "Nurse Nils", true, std::nullopt, "", 0});
  ASSERT_OK(other);
  EXPECT_FALSE(other->numbers);
  auto list = app_->personas().List(lead_, teams_[0].id);
  ASSERT_OK(list);
  ASSERT_EQ(list->size(), 2U);
  EXPECT_EQ((*list)[0].numbers->people, 4);
}

TEST_F(PersonasTest, ThePersonaGuideIsNoWorkbookOfItsOwnAndPersonasAreTheTeams) {
  EXPECT_EQ(app_->workbooks().StartWorkbook(lead_, teams_[0].id, kPersonaGuide).error().field, "/guide_id");
  auto guides = app_->workbooks().ListGuides(lead_);
  ASSERT_OK(guides);
  for (const Guide& g : *guides) EXPECT_NE(g.id, kPersonaGuide);
  EXPECT_ERROR(app_->personas().Create(other_lead_, teams_[0].id, {0, 0, 0, "x", false, std::nullopt, "", 0}),
               ErrorCode::kPermissionDenied);
  auto unknown = app_->personas().Create(lead_, teams_[0].id, {0, 0, 0, "x", false, stratification_, "Old", 0});
  ASSERT_FALSE(unknown);
  EXPECT_EQ(unknown.error().field, "/stratum");
  auto elsewhere = app_->personas().Create(other_lead_, teams_[1].id, {0, 0, 0, "x", false, stratification_, "Young", 0});
  ASSERT_FALSE(elsewhere);
  EXPECT_EQ(elsewhere.error().field, "/stratification_id");
  auto anna = app_->personas().Create(lead_, teams_[0].id, {0, 0, 0, "Anna", false, stratification_, "Other", 0});
  ASSERT_OK(anna);
  EXPECT_EQ(anna->numbers->people, 2);
  EXPECT_ERROR(app_->personas().Get(facilitator_, anna->persona.id), ErrorCode::kPermissionDenied);
  EXPECT_ERROR(app_->personas().Get(other_lead_, anna->persona.id), ErrorCode::kPermissionDenied);
  EXPECT_EQ(app_->personas().Create(lead_, teams_[0].id, {0, 0, 0, "", false, std::nullopt, "", 0}).error().field, "/name");
}

}  // namespace
}  // namespace covalue::app
