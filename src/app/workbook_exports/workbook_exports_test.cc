// Workbook exports through the app: a workbook's answers with the personas and maps they link
// to, each read as the reader may read it — the team sees everything, a facilitator only what
// the team shares (and a stratum's numbers through the small-cell rule), a link to something
// gone or another team's is named, not followed.

#include "app/workbook_exports/workbook_exports.h"

#include <gtest/gtest.h>

#include "store/registry_repository.h"
#include "support/app_fixture.h"

namespace covalue::app {
namespace {

class WorkbookExportsTest : public AppTest {
 protected:
  void SetUp() override {
    AppTest::SetUp();
    ASSERT_NO_FATAL_FAILURE(UseShippedGuides());
    lead_ = As("lena", {Role::kTeamLead, sites_[0].id, teams_[0].id});
    other_lead_ = As("olle", {Role::kTeamLead, sites_[1].id, teams_[1].id});
    facilitator_ = As("fia", {Role::kFacilitator, std::nullopt, std::nullopt});
    ASSERT_OK(store_->Write([&](store::Repositories& r) -> Status {
      for (int i = 0; i < 4; ++i) {  // a stratum of 4: under the minimum cell of 5
        Patient p;
        p.site_id = sites_[0].id;
        p.population_id = teams_[0].population_id;
        p.identifier = "P" + std::to_string(i);
        p.birth_date = "2000-01-01";
        p.sex = Sex::kFemale;
        COVALUE_RETURN_IF_ERROR(r.Registry().CreatePatient(p));
      }
      return Ok();
    }));
    Stratification s;
    s.name = "By age";
    s.strata = {{"Young", {{false, "age", ConditionOp::kLt, {"40"}}}}};
    auto strata = app_->strata().Define(lead_, teams_[0].population_id, s);
    ASSERT_OK(strata);
    auto anna = app_->personas().Create(lead_, teams_[0].id,
                                        {0, 0, 0, "Anna, 26", false, strata->id, "Young", 0});
    ASSERT_OK(anna);
    anna_ = anna->persona;
    ASSERT_OK(app_->workbooks().SaveAnswer(lead_, anna_.workbook_id, "portrait",
                                           "Recently diagnosed.", std::nullopt));
    ProcessMapContent c;
    c.lanes = {{"L1", "Person", Perspective::kPerson}};
    c.steps = {ProcessStep{}};
    c.steps[0].id = "s1";
    c.steps[0].lane_id = "L1";
    c.steps[0].title = "Peer group";
    c.steps[0].person_minutes = 30;
    auto map = app_->process_maps().Create(lead_, teams_[0].id, "MS service", c);
    ASSERT_OK(map);
    map_ = map->map.id;
    auto elsewhere = app_->process_maps().Create(other_lead_, teams_[1].id, "Theirs", c);
    ASSERT_OK(elsewhere);
    elsewhere_ = elsewhere->map.id;
    auto workbook = app_->workbooks().StartWorkbook(lead_, teams_[0].id, "coproduction-guide-full");
    ASSERT_OK(workbook);
    workbook_ = workbook->workbook.id;
    ASSERT_OK(app_->workbooks().SaveAnswer(
        lead_, workbook_, "step-2.q1",
        "[Anna](/personas/" + std::to_string(anna_.id) + ") and [gone](/personas/9999)",
        std::nullopt));
    ASSERT_OK(app_->workbooks().SaveAnswer(
        lead_, workbook_, "step-2.q2",
        "[Map](/process-maps/" + std::to_string(map_) + "), [theirs](/process-maps/" +
            std::to_string(elsewhere_) + "), [Anna again](/personas/" + std::to_string(anna_.id) +
            ")",
        std::nullopt));
  }

  RequestContext lead_, other_lead_, facilitator_;
  Persona anna_;
  Id map_ = 0, elsewhere_ = 0, workbook_ = 0;
};

TEST_F(WorkbookExportsTest, TheTeamReadsEveryLinkedPersonaAndMapOnce) {
  auto e = app_->workbook_exports().Export(lead_, workbook_);
  ASSERT_OK(e);
  EXPECT_EQ(e->persona_guide.id, kPersonaGuide);
  ASSERT_EQ(e->personas.size(), 2U);  // Anna once, and the one that is gone
  ASSERT_TRUE(e->personas[0].persona);
  EXPECT_EQ(e->personas[0].persona->persona.name, "Anna, 26");
  ASSERT_TRUE(e->personas[0].persona->numbers);
  EXPECT_EQ(e->personas[0].persona->numbers->people, 4);  // the team sees every number
  ASSERT_TRUE(e->personas[0].texts);
  EXPECT_EQ(e->personas[0].texts->Answer("portrait")->latest->text, "Recently diagnosed.");
  EXPECT_FALSE(e->personas[1].persona);
  EXPECT_EQ(e->personas[1].unavailable, "no longer exists");
  ASSERT_EQ(e->maps.size(), 2U);
  ASSERT_TRUE(e->maps[0].map && e->maps[0].costs);
  EXPECT_EQ(e->maps[0].map->map.name, "MS service");
  EXPECT_EQ(e->maps[0].costs->costs.steps.size(), 1U);
  EXPECT_FALSE(e->maps[1].map);  // another team's map is not the lead's to read
  EXPECT_EQ(e->maps[1].unavailable, "not shared with you");
}

TEST_F(WorkbookExportsTest, AFacilitatorReadsOnlyWhatTheTeamSharesWithSuppression) {
  EXPECT_ERROR(app_->workbook_exports().Export(facilitator_, workbook_),
               ErrorCode::kPermissionDenied);
  ASSERT_OK(app_->workbooks().ShareWorkbook(lead_, workbook_, true));
  auto before = app_->workbook_exports().Export(facilitator_, workbook_);
  ASSERT_OK(before);
  EXPECT_FALSE(before->personas[0].persona);
  EXPECT_EQ(before->personas[0].unavailable, "not shared with you");
  EXPECT_FALSE(before->maps[0].map);

  ASSERT_OK(app_->workbooks().ShareWorkbook(lead_, anna_.workbook_id, true));
  ASSERT_OK(app_->process_maps().Share(lead_, map_, true));
  EXPECT_ERROR(app_->process_maps().Share(facilitator_, map_, false), ErrorCode::kPermissionDenied);
  auto after = app_->workbook_exports().Export(facilitator_, workbook_);
  ASSERT_OK(after);
  ASSERT_TRUE(after->personas[0].persona);
  ASSERT_TRUE(after->personas[0].persona->numbers);
  EXPECT_TRUE(after->personas[0].persona->numbers->suppressed);  // 4 people, under the cell
  EXPECT_FALSE(after->personas[0].persona->numbers->people);
  ASSERT_TRUE(after->personas[0].texts);
  ASSERT_TRUE(after->maps[0].map && after->maps[0].costs);
  EXPECT_EQ(after->maps[0].costs->costs.steps.size(), 1U);
  // What the facilitator lists of the team: the shared map and persona only.
  auto maps = app_->process_maps().List(facilitator_, teams_[0].id);
  ASSERT_OK(maps);
  ASSERT_EQ(maps->size(), 1U);
  EXPECT_TRUE((*maps)[0].shared);
  auto personas = app_->personas().List(facilitator_, teams_[0].id);
  ASSERT_OK(personas);
  EXPECT_EQ(personas->size(), 1U);
  ASSERT_OK(app_->process_maps().Share(lead_, map_, false));
  EXPECT_ERROR(app_->process_maps().Get(facilitator_, map_), ErrorCode::kPermissionDenied);
  auto none = app_->process_maps().List(facilitator_, teams_[0].id);
  ASSERT_OK(none);
  EXPECT_TRUE(none->empty());
}

}  // namespace
}  // namespace covalue::app
