#include <gtest/gtest.h>

#include "store/conformance/conformance.h"
#include "store/costing_repository.h"
#include "store/persona_repository.h"
#include "store/population_repository.h"
#include "store/process_map_repository.h"
#include "store/registry_repository.h"
#include "store/site_repository.h"
#include "store/stratification_repository.h"
#include "store/team_repository.h"
#include "store/user_repository.h"
#include "store/workbook_repository.h"

namespace covalue::store::conformance {
namespace {

constexpr std::int64_t kDay = 86'400'000;
constexpr std::int64_t kJan2026 = 1'767'225'600'000;  // 2026-01-01T00:00Z

class ValueRepositoriesTest : public ConformanceTest {
 protected:
  void SetUp() override {
    ASSERT_NO_FATAL_FAILURE(ConformanceTest::SetUp());
    ASSERT_OK(store_->Write([&](Repositories& r) -> Status {
      COVALUE_ASSIGN_OR_RETURN(User lead, r.Users().Create({0, "lena", "Lena", {}}, "h", {}));
      COVALUE_ASSIGN_OR_RETURN(SiteWithPatient s, AddSiteWithPatient(r, "Alpha"));
      COVALUE_ASSIGN_OR_RETURN(Team team, r.Teams().Create({0, s.site, s.population, "MS team"}));
      Patient second;
      second.site_id = s.site;
      second.population_id = s.population;
      second.identifier = "P-2";
      second.birth_date = "1999-05-01";
      second.sex = Sex::kFemale;
      second.fields = {{"ms_type", "RRMS"}, {"smoker", "no"}};
      COVALUE_ASSIGN_OR_RETURN(Patient p2, r.Registry().CreatePatient(second));
      lead_ = lead.id;
      site_ = s.site;
      population_ = s.population;
      first_ = s.patient;
      second_ = p2.id;
      team_ = team.id;
      return Ok();
    }));
  }

  Status Observe(Id patient, const std::string& code, std::int64_t at, double value) {
    return store_->Write([&](Repositories& r) -> Status {
      COVALUE_ASSIGN_OR_RETURN(auto stored,
                               r.Registry().AddObservation(Observation{
                                   0, site_, population_, patient, "urn:x", code, code, at, value,
                                   "", "", std::nullopt}));
      (void)stored;
      return Ok();
    });
  }

  Id lead_ = 0, site_ = 0, population_ = 0, first_ = 0, second_ = 0, team_ = 0;
};

// A site's unit-cost table is replaced whole; its costing settings are set and changed.
TEST_P(ValueRepositoriesTest, KeepsUnitCostsAndSiteCosting) {
  ASSERT_OK(store_->Write([&](Repositories& r) {
    return r.Costing().ReplaceUnitCosts(site_, {{"OPV", 1500, "SEK", "2025-01-01"},
                                                {"IPD", 9000.5, "SEK", "2020-01-01"}});
  }));
  ASSERT_OK(store_->Write([&](Repositories& r) {
    return r.Costing().ReplaceUnitCosts(site_, {{"OPV", 1800, "SEK", "2026-03-01"},
                                                {"OPV", 1500, "SEK", "2025-01-01"}});
  }));
  auto table = ReadValue<std::vector<UnitCost>>(
      *store_, [&](Repositories& r) { return r.Costing().UnitCosts(site_); });
  ASSERT_OK(table);
  ASSERT_EQ(table->size(), 2U);  // the IPD row went with the old table
  EXPECT_EQ((*table)[0].valid_from, "2025-01-01");
  EXPECT_EQ((*table)[1].unit_cost, 1800);
  EXPECT_EQ((*table)[1].currency, "SEK");

  auto none = ReadValue<std::optional<SiteCosting>>(
      *store_, [&](Repositories& r) { return r.Costing().GetSiteCosting(site_); });
  ASSERT_OK(none);
  EXPECT_FALSE(none->has_value());
  ASSERT_OK(store_->Write([&](Repositories& r) {
    return r.Costing().SetSiteCosting({site_, "SEK", 4.25});
  }));
  ASSERT_OK(store_->Write([&](Repositories& r) {
    return r.Costing().SetSiteCosting({site_, "EUR", 0.5});
  }));
  auto set = ReadValue<std::optional<SiteCosting>>(
      *store_, [&](Repositories& r) { return r.Costing().GetSiteCosting(site_); });
  ASSERT_OK(set);
  ASSERT_TRUE(set->has_value());
  EXPECT_EQ((*set)->currency, "EUR");
  EXPECT_EQ((*set)->person_time_value_per_minute, 0.5);
}

// Resources are the team's: created, read, changed, removed.
TEST_P(ValueRepositoriesTest, KeepsTheTeamsResources) {
  auto nurse = WriteValue<Resource>(*store_, [&](Repositories& r) {
    return r.Costing().CreateResource({0, team_, "Nurse", ResourceKind::kStaff, 6, 600000.0, 1e5});
  });
  ASSERT_OK(nurse);
  auto room = WriteValue<Resource>(*store_, [&](Repositories& r) {
    return r.Costing().CreateResource({0, team_, "Room", ResourceKind::kRoom, 1.5, {}, {}});
  });
  ASSERT_OK(room);
  Resource changed = *room;
  changed.name = "Infusion room";
  changed.rate_per_minute = 2;
  ASSERT_OK(store_->Write([&](Repositories& r) { return r.Costing().UpdateResource(changed); }));
  auto read = ReadValue<Resource>(*store_,
                                  [&](Repositories& r) { return r.Costing().GetResource(room->id); });
  ASSERT_OK(read);
  EXPECT_EQ(read->name, "Infusion room");
  EXPECT_EQ(read->kind, ResourceKind::kRoom);
  EXPECT_EQ(read->rate_per_minute, 2);
  EXPECT_FALSE(read->annual_cost.has_value());
  ASSERT_OK(store_->Write([&](Repositories& r) { return r.Costing().DeleteResource(room->id); }));
  EXPECT_ERROR(store_->Write([&](Repositories& r) { return r.Costing().DeleteResource(room->id); }),
               ErrorCode::kNotFound);
  EXPECT_ERROR(store_->Write([&](Repositories& r) { return r.Costing().UpdateResource(changed); }),
               ErrorCode::kNotFound);
  auto all = ReadValue<std::vector<Resource>>(
      *store_, [&](Repositories& r) { return r.Costing().Resources(team_); });
  ASSERT_OK(all);
  ASSERT_EQ(all->size(), 1U);
  EXPECT_EQ((*all)[0].annual_cost, 600000.0);
  EXPECT_EQ((*all)[0].capacity_minutes, 1e5);
}

// A stratification keeps its strata in order (one without conditions too), conditions with
// lists, and scores; it is replaced whole.
TEST_P(ValueRepositoriesTest, KeepsStratifications) {
  Stratification s{0, population_, site_, "By need",
                   {{"Severe", {{true, "EDSS", ConditionOp::kGe, {"6"}}}},
                    {"Relapsing", {{false, "ms_type", ConditionOp::kIn, {"RRMS", "CIS"}},
                                   {false, "sex", ConditionOp::kEq, {"female"}}}},
                    {"Everyone else", {}}},
                   {"PHQ-9", "EDSS"}, lead_, 77};
  auto created = WriteValue<Stratification>(
      *store_, [&](Repositories& r) { return r.Stratifications().Create(s); });
  ASSERT_OK(created);
  auto read = ReadValue<Stratification>(
      *store_, [&](Repositories& r) { return r.Stratifications().Get(created->id); });
  ASSERT_OK(read);
  ASSERT_EQ(read->strata.size(), 3U);
  EXPECT_EQ(read->strata[1].conditions[0].values, (std::vector<std::string>{"RRMS", "CIS"}));
  EXPECT_EQ(read->strata[1].conditions[1].name, "sex");
  EXPECT_TRUE(read->strata[0].conditions[0].observation);
  EXPECT_EQ(read->strata[0].conditions[0].op, ConditionOp::kGe);
  EXPECT_EQ(read->strata[2].name, "Everyone else");
  EXPECT_TRUE(read->strata[2].conditions.empty());
  EXPECT_EQ(read->scores, (std::vector<std::string>{"PHQ-9", "EDSS"}));
  EXPECT_EQ(read->created_by, lead_);
  EXPECT_EQ(read->site_id, site_);

  s = *read;
  s.name = "By disability";
  s.strata.pop_back();
  s.scores = {"EDSS"};
  ASSERT_OK(store_->Write([&](Repositories& r) { return r.Stratifications().Replace(s); }));
  auto list = ReadValue<std::vector<Stratification>>(
      *store_, [&](Repositories& r) { return r.Stratifications().ListOfPopulation(population_); });
  ASSERT_OK(list);
  ASSERT_EQ(list->size(), 1U);
  EXPECT_EQ((*list)[0].name, "By disability");
  EXPECT_EQ((*list)[0].strata.size(), 2U);
  EXPECT_EQ((*list)[0].scores.size(), 1U);
  s.id = 999;
  EXPECT_ERROR(store_->Write([&](Repositories& r) { return r.Stratifications().Replace(s); }),
               ErrorCode::kNotFound);
}

// What a stratification reads: people with the fields asked for, each person's latest value
// of a code (the later of two at one time by id), and events in (from, to].
TEST_P(ValueRepositoriesTest, ReadsPeopleLatestValuesAndEvents) {
  auto fields = ReadValue<std::vector<std::string>>(
      *store_, [&](Repositories& r) { return r.Stratifications().FieldNames(population_); });
  ASSERT_OK(fields);
  EXPECT_EQ(*fields, (std::vector<std::string>{"ms_type", "smoker"}));
  auto people = ReadValue<std::vector<StratumPerson>>(*store_, [&](Repositories& r) {
    return r.Stratifications().People(population_, {"ms_type"});
  });
  ASSERT_OK(people);
  ASSERT_EQ(people->size(), 2U);
  EXPECT_EQ((*people)[1].patient_id, second_);
  EXPECT_EQ((*people)[1].sex, "female");
  EXPECT_EQ((*people)[1].birth_date, "1999-05-01");
  EXPECT_EQ((*people)[1].fields, (std::map<std::string, std::string>{{"ms_type", "RRMS"}}));
  EXPECT_TRUE((*people)[0].fields.empty());

  ASSERT_OK(Observe(first_, "EDSS", kJan2026, 3));
  ASSERT_OK(Observe(first_, "EDSS", kJan2026 + 5 * kDay, 4.5));
  ASSERT_OK(Observe(first_, "EDSS", kJan2026 + 5 * kDay, 5));  // same time, later id
  ASSERT_OK(Observe(first_, "EDSS", kJan2026 - 5 * kDay, 9));
  ASSERT_OK(Observe(second_, "OPV", kJan2026, 1));
  ASSERT_OK(Observe(second_, "OPV", kJan2026 + kDay, 2));
  ASSERT_OK(Observe(second_, "IPD", kJan2026 + 2 * kDay, 3));
  // The same answer wherever the search starts: everything recent, nothing recent, or the
  // start between the rows (each person's latest found in one pass or person by person).
  for (const std::int64_t recent_from : {std::int64_t{0}, kJan2026 + 100 * kDay, kJan2026 + kDay}) {
    auto latest = ReadValue<std::vector<LatestValue>>(*store_, [&](Repositories& r) {
      return r.Stratifications().LatestValues(population_, {"EDSS", "OPV"}, recent_from);
    });
    ASSERT_OK(latest);
    ASSERT_EQ(latest->size(), 2U) << recent_from;
    EXPECT_EQ((*latest)[0].patient_id, first_);
    EXPECT_EQ((*latest)[0].code, "EDSS");
    EXPECT_EQ((*latest)[0].value, 5) << recent_from;  // the later of two at one time, by id
    EXPECT_EQ((*latest)[1].patient_id, second_);
    EXPECT_EQ((*latest)[1].code, "OPV");
    EXPECT_EQ((*latest)[1].value, 2) << recent_from;
  }

  auto events = ReadValue<std::vector<UtilisationEvent>>(*store_, [&](Repositories& r) {
    return r.Stratifications().Events(population_, {"OPV", "IPD"}, kJan2026, kJan2026 + 2 * kDay);
  });
  ASSERT_OK(events);
  ASSERT_EQ(events->size(), 2U);  // the first OPV is at from_ms, outside (from, to]
  double quantity = 0;
  for (const UtilisationEvent& e : *events) quantity += e.quantity;
  EXPECT_EQ(quantity, 5);
  EXPECT_EQ((*events)[0].code + (*events)[1].code, 1U);  // OPV (0) and IPD (1), by index
}

// A map's revisions are written whole and read back equal; the list shows the latest; journeys
// and scenarios keep the map's step keys.
TEST_P(ValueRepositoriesTest, KeepsProcessMapsRevisionsJourneysAndScenarios) {
  ProcessMapContent content;
  content.lanes = {{"person", "Person with MS", Perspective::kPerson},
                   {"clinic", "Clinic", Perspective::kProfessional}};
  ProcessStep plan;
  plan.id = "plan";
  plan.lane_id = "clinic";
  plan.position = 2;
  plan.title = "Plan together";
  plan.notes = "**shared** plan";
  plan.configuration = ValueConfiguration::kShop;
  plan.coproduction = CoproductionState::kActive;
  plan.value_generated = "a plan she owns";
  plan.value_hindered = "waiting";
  plan.resources = {{7, 15}, {8, 2.5}};
  plan.person_minutes = 60;
  plan.carer_minutes = 30;
  plan.travel_cost = 50;
  plan.out_of_pocket = 100;
  ProcessStep peers = plan;
  peers.id = "peers";
  peers.lane_id = "person";
  peers.configuration = ValueConfiguration::kNetwork;
  peers.resources.clear();
  content.steps = {plan, peers};
  content.arrows = {{"plan", "peers", "after"}};
  ProcessMapRevision first;
  first.content = content;
  first.author_id = lead_;
  first.created_ms = 10;
  auto map = WriteValue<ProcessMap>(*store_, [&](Repositories& r) {
    return r.ProcessMaps().Create({0, team_, "MS service", 10, {}}, first);
  });
  ASSERT_OK(map);
  EXPECT_EQ(map->latest.number, 1);
  auto read = ReadValue<ProcessMap>(*store_,
                                    [&](Repositories& r) { return r.ProcessMaps().Get(map->id); });
  ASSERT_OK(read);
  const ProcessMapContent& got = read->latest.content;
  ASSERT_EQ(got.lanes.size(), 2U);
  EXPECT_EQ(got.lanes[1].perspective, Perspective::kProfessional);
  ASSERT_EQ(got.steps.size(), 2U);
  EXPECT_EQ(got.steps[0].notes, "**shared** plan");
  EXPECT_EQ(got.steps[0].configuration, ValueConfiguration::kShop);
  EXPECT_EQ(got.steps[0].coproduction, CoproductionState::kActive);
  EXPECT_EQ(got.steps[0].value_hindered, "waiting");
  ASSERT_EQ(got.steps[0].resources.size(), 2U);
  EXPECT_EQ(got.steps[0].resources[1].resource_id, 8);
  EXPECT_EQ(got.steps[0].resources[1].minutes, 2.5);
  EXPECT_EQ(got.steps[0].out_of_pocket, 100);
  EXPECT_EQ(got.steps[1].position, 2);
  EXPECT_TRUE(got.steps[1].resources.empty());
  ASSERT_EQ(got.arrows.size(), 1U);
  EXPECT_EQ(got.arrows[0].label, "after");
  EXPECT_EQ(read->latest.author, "lena");

  ProcessMapRevision second;
  second.map_id = map->id;
  second.content = content;
  second.content.steps.pop_back();
  second.content.arrows.clear();
  second.author_id = lead_;
  second.created_ms = 20;
  second.restored_from = 1;
  auto added = WriteValue<ProcessMapRevision>(
      *store_, [&](Repositories& r) { return r.ProcessMaps().AddRevision(second); });
  ASSERT_OK(added);
  EXPECT_EQ(added->number, 2);
  ASSERT_OK(store_->Write([&](Repositories& r) { return r.ProcessMaps().Rename(map->id, "New"); }));
  EXPECT_FALSE(map->shared);
  ASSERT_OK(store_->Write([&](Repositories& r) { return r.ProcessMaps().SetShared(map->id, true); }));
  EXPECT_EQ(store_->Write([&](Repositories& r) { return r.ProcessMaps().SetShared(999999, true); })
                .error()
                .code,
            ErrorCode::kNotFound);
  auto shared = ReadValue<ProcessMap>(*store_, [&](Repositories& r) { return r.ProcessMaps().Get(map->id); });
  ASSERT_OK(shared);
  EXPECT_TRUE(shared->shared);
  auto list = ReadValue<std::vector<ProcessMap>>(
      *store_, [&](Repositories& r) { return r.ProcessMaps().ListOfTeam(team_); });
  ASSERT_OK(list);
  ASSERT_EQ(list->size(), 1U);
  EXPECT_EQ((*list)[0].name, "New");
  EXPECT_EQ((*list)[0].latest.number, 2);
  EXPECT_EQ((*list)[0].latest.restored_from, 1);
  EXPECT_TRUE((*list)[0].shared);
  auto old = ReadValue<ProcessMapRevision>(
      *store_, [&](Repositories& r) { return r.ProcessMaps().Revision(map->id, 1); });
  ASSERT_OK(old);
  EXPECT_EQ(old->content.steps.size(), 2U);
  auto history = ReadValue<std::vector<ProcessMapRevision>>(
      *store_, [&](Repositories& r) { return r.ProcessMaps().Revisions(map->id); });
  ASSERT_OK(history);
  ASSERT_EQ(history->size(), 2U);
  EXPECT_EQ((*history)[0].number, 2);
  EXPECT_EQ(ReadValue<ProcessMapRevision>(*store_, [&](Repositories& r) {
              return r.ProcessMaps().Revision(map->id, 3);
            }).error().code,
            ErrorCode::kNotFound);

  auto anna = WriteValue<Persona>(*store_, [&](Repositories& r) -> Result<Persona> {
    COVALUE_ASSIGN_OR_RETURN(Workbook w, r.Workbooks().Create(Workbook{0, site_, team_, "persona", "1.0.0", lead_, 5, "", false, "Anna", std::nullopt}));
    return r.Personas().Create({0, team_, w.id, "Anna", false, std::nullopt, "", 5});
  });
  ASSERT_OK(anna);
  EXPECT_EQ(anna->picture_width, 0);
  // A picture: set, replaced, read with its size on the persona, removed.
  EXPECT_ERROR(ReadValue<PersonaPicture>(*store_, [&](Repositories& r) { return r.Personas().Picture(anna->id); }),
               ErrorCode::kNotFound);
  ASSERT_OK(store_->Write([&](Repositories& r) { return r.Personas().SetPicture({anna->id, "iVBORw0K", 10, 20, lead_, 6}); }));
  ASSERT_OK(store_->Write([&](Repositories& r) { return r.Personas().SetPicture({anna->id, "iVBORw0KGgo=", 30, 40, lead_, 7}); }));
  auto picture = ReadValue<PersonaPicture>(*store_, [&](Repositories& r) { return r.Personas().Picture(anna->id); });
  ASSERT_OK(picture);
  EXPECT_EQ(picture->png_base64, "iVBORw0KGgo=");
  EXPECT_EQ(picture->created_ms, 7);
  auto pictured = ReadValue<Persona>(*store_, [&](Repositories& r) { return r.Personas().Get(anna->id); });
  ASSERT_OK(pictured);
  EXPECT_EQ(pictured->picture_width, 30);
  EXPECT_EQ(pictured->picture_height, 40);
  EXPECT_ERROR(store_->Write([&](Repositories& r) { return r.Personas().SetPicture({999999, "x", 1, 1, lead_, 8}); }),
               ErrorCode::kInvalidArgument);
  ASSERT_OK(store_->Write([&](Repositories& r) { return r.Personas().DeletePicture(anna->id); }));
  EXPECT_ERROR(store_->Write([&](Repositories& r) { return r.Personas().DeletePicture(anna->id); }),
               ErrorCode::kNotFound);
  auto journey = WriteValue<Journey>(*store_, [&](Repositories& r) {
    return r.ProcessMaps().AddJourney({0, map->id, "Anna", anna->id, {{"plan", 4}, {"peers", 0.5}}});
  });
  ASSERT_OK(journey);
  auto journeys = ReadValue<std::vector<Journey>>(
      *store_, [&](Repositories& r) { return r.ProcessMaps().Journeys(map->id); });
  ASSERT_OK(journeys);
  ASSERT_EQ(journeys->size(), 1U);
  EXPECT_EQ((*journeys)[0].persona_id, anna->id);
  ASSERT_EQ((*journeys)[0].steps.size(), 2U);
  EXPECT_EQ((*journeys)[0].steps[1].frequency, 0.5);
  ASSERT_OK(store_->Write([&](Repositories& r) { return r.ProcessMaps().DeleteJourney(journey->id); }));
  EXPECT_ERROR(
      store_->Write([&](Repositories& r) { return r.ProcessMaps().DeleteJourney(journey->id); }),
      ErrorCode::kNotFound);

  auto scenario = WriteValue<Scenario>(*store_, [&](Repositories& r) {
    return r.ProcessMaps().AddScenario(
        {0, map->id, "Peers plan",
         {{"plan", ValueConfiguration::kNetwork, std::nullopt, 2.0}, {"peers", std::nullopt, 5.0, std::nullopt}},
         lead_, 30});
  });
  ASSERT_OK(scenario);
  auto scenarios = ReadValue<std::vector<Scenario>>(
      *store_, [&](Repositories& r) { return r.ProcessMaps().Scenarios(map->id); });
  ASSERT_OK(scenarios);
  ASSERT_EQ(scenarios->size(), 1U);
  const Scenario& s = (*scenarios)[0];
  ASSERT_EQ(s.changes.size(), 2U);
  EXPECT_EQ(s.changes[0].configuration, ValueConfiguration::kNetwork);
  EXPECT_FALSE(s.changes[0].minutes.has_value());
  EXPECT_EQ(s.changes[0].frequency, 2.0);
  EXPECT_FALSE(s.changes[1].configuration.has_value());
  EXPECT_EQ(s.changes[1].minutes, 5.0);
  EXPECT_EQ(ReadValue<Scenario>(*store_, [&](Repositories& r) {
              return r.ProcessMaps().GetScenario(999);
            }).error().code,
            ErrorCode::kNotFound);
}

COVALUE_ON_EVERY_DRIVER(ValueRepositoriesTest);

}  // namespace
}  // namespace covalue::store::conformance
