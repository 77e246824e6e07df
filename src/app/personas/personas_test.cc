// Personas through the app: made on a stratum of the team's population with its workbook of the
// persona guide in one write, shown with the stratum's live numbers; their texts revised,
// compared and restored as workbook answers; the team's own.

#include "app/personas/personas.h"

#include <gtest/gtest.h>

#include "domain/dates.h"
#include "store/registry_repository.h"
#include "support/app_fixture.h"

namespace covalue::app {
namespace {

class PersonasTest : public AppTest {
 protected:
  void SetUp() override {
    AppTest::SetUp();
    ASSERT_NO_FATAL_FAILURE(UseShippedGuides());
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

// A 1×2 red PNG, written here byte by byte (signature, IHDR, IDAT, IEND with their CRCs).
const std::string kRedPng(
    "\x89\x50\x4e\x47\x0d\x0a\x1a\x0a\x00\x00\x00\x0d\x49\x48\x44\x52\x00\x00\x00\x01\x00\x00\x00"
    "\x02\x08\x02\x00\x00\x00\x16\xe3\x21\x70\x00\x00\x00\x0e\x49\x44\x41\x54\x78\x9c\x63\x38\x21"
    "\x27\xc7\x00\xc4\x00\x09\x7c\x02\x09\xc2\xb0\x11\xb5\x00\x00\x00\x00\x49\x45\x4e\x44\xae\x42"
    "\x60\x82",
    71);

TEST_F(PersonasTest, APictureIsWrittenAgainAndReadAsThePersonaIs) {
  auto anna = app_->personas().Create(lead_, teams_[0].id, {0, 0, 0, "Anna", false, stratification_, "Young", 0});
  ASSERT_OK(anna);
  const Id id = anna->persona.id;
  EXPECT_ERROR(app_->personas().Picture(lead_, id), ErrorCode::kNotFound);
  EXPECT_ERROR(app_->personas().SetPicture(other_lead_, id, kRedPng), ErrorCode::kPermissionDenied);
  EXPECT_ERROR(app_->personas().SetPicture(lead_, id, "GIF89a"), ErrorCode::kUnsupported);
  auto set = app_->personas().SetPicture(lead_, id, kRedPng + "trailing bytes");
  ASSERT_OK(set);
  EXPECT_EQ(set->persona.picture_width, 1);
  EXPECT_EQ(set->persona.picture_height, 2);
  auto png = app_->personas().Picture(lead_, id);
  ASSERT_OK(png);
  EXPECT_EQ(png->rfind("\x89PNG", 0), 0U);
  EXPECT_EQ(png->find("trailing"), std::string::npos);  // written again, not stored as sent
  // Read as the persona is: not by the facilitator until the team shares it.
  EXPECT_ERROR(app_->personas().Picture(facilitator_, id), ErrorCode::kPermissionDenied);
  ASSERT_OK(app_->workbooks().ShareWorkbook(lead_, anna->persona.workbook_id, true));
  ASSERT_OK(app_->personas().Picture(facilitator_, id));
  EXPECT_ERROR(app_->personas().DeletePicture(facilitator_, id), ErrorCode::kPermissionDenied);
  ASSERT_OK(app_->personas().DeletePicture(lead_, id));
  EXPECT_ERROR(app_->personas().DeletePicture(lead_, id), ErrorCode::kNotFound);
  auto after = app_->personas().Get(lead_, id);
  ASSERT_OK(after);
  EXPECT_EQ(after->persona.picture_width, 0);
}

}  // namespace
}  // namespace covalue::app
