#include "store/persona_repository.h"

#include <gtest/gtest.h>

#include "store/conformance/conformance.h"
#include "store/population_repository.h"
#include "store/site_repository.h"
#include "store/stratification_repository.h"
#include "store/team_repository.h"
#include "store/user_repository.h"
#include "store/workbook_repository.h"

namespace covalue::store::conformance {
namespace {

class PersonaRepositoryTest : public ConformanceTest {};

// A persona keeps its team, workbook, kind and stratum; a team lists its own; an unknown
// workbook, or one another persona holds, is refused.
TEST_P(PersonaRepositoryTest, KeepsPersonasWithTheirWorkbookAndStratum) {
  Id team = 0, workbook = 0, second = 0, stratification = 0;
  ASSERT_OK(store_->Write([&](Repositories& r) -> Status {
    COVALUE_ASSIGN_OR_RETURN(User lead, r.Users().Create({0, "lena", "Lena", {}}, "h", {}));
    COVALUE_ASSIGN_OR_RETURN(Site site, r.Sites().Create({0, "Alpha", "SE"}, 0));
    COVALUE_ASSIGN_OR_RETURN(Population p, r.Populations().Create({0, site.id, "MS", ""}));
    COVALUE_ASSIGN_OR_RETURN(Team t, r.Teams().Create({0, site.id, p.id, "MS team"}));
    COVALUE_ASSIGN_OR_RETURN(Workbook w, r.Workbooks().Create(Workbook{0, site.id, t.id, "persona", "1.0.0", lead.id, 5, "", false, "Anna", std::nullopt}));
    COVALUE_ASSIGN_OR_RETURN(Workbook w2, r.Workbooks().Create(Workbook{0, site.id, t.id, "persona", "1.0.0", lead.id, 5, "", false, "Nils", std::nullopt}));
    second = w2.id;
    COVALUE_ASSIGN_OR_RETURN(Stratification s, r.Stratifications().Create({0, p.id, site.id, "By need", {{"Young", {}}}, {}, lead.id, 6}));
    team = t.id;
    workbook = w.id;
    stratification = s.id;
    return Ok();
  }));
  auto anna = WriteValue<Persona>(*store_, [&](Repositories& r) {
    return r.Personas().Create({0, team, workbook, "Anna, 27", false, stratification, "Young", 9});
  });
  ASSERT_OK(anna);
  auto read = ReadValue<Persona>(*store_, [&](Repositories& r) { return r.Personas().Get(anna->id); });
  ASSERT_OK(read);
  EXPECT_EQ(read->name, "Anna, 27");
  EXPECT_EQ(read->workbook_id, workbook);
  EXPECT_EQ(read->stratification_id, stratification);
  EXPECT_EQ(read->stratum, "Young");
  EXPECT_FALSE(read->professional);
  EXPECT_EQ(read->created_ms, 9);
  auto nurse = WriteValue<Persona>(*store_, [&](Repositories& r) {
    return r.Personas().Create({0, team, second, "Nurse Nils", true, std::nullopt, "", 10});
  });
  ASSERT_OK(nurse);
  auto list = ReadValue<std::vector<Persona>>(*store_, [&](Repositories& r) { return r.Personas().ListOfTeam(team); });
  ASSERT_OK(list);
  ASSERT_EQ(list->size(), 2U);
  EXPECT_TRUE((*list)[1].professional);
  EXPECT_FALSE((*list)[1].stratification_id.has_value());
  EXPECT_ERROR(store_->Write([&](Repositories& r) {
                 return r.Personas().Create({0, team, 999, "x", false, std::nullopt, "", 1}).map([](const Persona&) {});
               }),
               ErrorCode::kInvalidArgument);
  EXPECT_ERROR(store_->Write([&](Repositories& r) {
                 return r.Personas().Create({0, team, workbook, "y", false, std::nullopt, "", 1}).map([](const Persona&) {});
               }),
               ErrorCode::kConflict);
  EXPECT_EQ(ReadValue<Persona>(*store_, [](Repositories& r) { return r.Personas().Get(999); }).error().code,
            ErrorCode::kNotFound);
}

COVALUE_ON_EVERY_DRIVER(PersonaRepositoryTest);

}  // namespace
}  // namespace covalue::store::conformance
