// Strata through the app, against a worked example computed by hand below: the first matching
// stratum wins, the rest are "Other", utilisation and cost per person-year over the window at the
// unit cost valid on each event's day, quartiles of the latest scores, and what someone outside
// the site sees: a stratum of 4 withheld, and the next smallest with it.
//
// Today 2026-12-06; the window is (2025-12-06, 2026-12-06]. Site A's unit costs: OPV 1,000 from
// 2025-01-01 and 1,200 from 2026-06-01; IPD 5,000 from 2020-01-01.
// Strata: "Severe" (EDSS ≥ 6), "Relapsing" (ms_type in RRMS, CIS), then "Other".
//   Severe: s1–s3 (PPMS, EDSS 6.5, 7, 8) and r0 (RRMS, EDSS 6: first match wins) = 4 people.
//   Relapsing: r1–r6 (RRMS; r2's EDSS was 7, its latest is 3) = 6 people; their latest EDSS
//     2, 3, 2.5, 4, 1, 2 → sorted 1, 2, 2, 2.5, 3, 4: q1 (h 1.25) 2, median (h 2.5) 2.25,
//     q3 (h 3.75) 2.875.
//     Events: r1 OPV 1 on 2026-03-01 (1,000) and OPV 2 on 2026-07-01 (2 × 1,200), r2 IPD 3 on
//     2026-01-15 (15,000); r3 OPV 1 on 2025-12-06 and r4 OPV 1 on 2024-05-01 are outside.
//     Utilisation 6 / 6 = 1 a person-year; cost 18,400 / 6 = 3,066.67 a person-year.
//   Other: o1–o5 (PPMS, no EDSS) = 5 people.

#include "app/strata/strata.h"

#include <gtest/gtest.h>

#include "app/kernel/clock.h"
#include "domain/dates.h"
#include "store/registry_repository.h"
#include "support/app_fixture.h"

namespace covalue::app {
namespace {

class StrataTest : public AppTest {
 protected:
  void SetUp() override {
    AppTest::SetUp();
    app_->SetClock(clock_);
    lead_ = As("lena", {Role::kTeamLead, sites_[0].id, teams_[0].id});
    professional_ = As("nils", {Role::kProfessional, sites_[0].id, std::nullopt});
    facilitator_ = As("fia", {Role::kFacilitator, std::nullopt, std::nullopt});
    other_lead_ = As("olle", {Role::kTeamLead, sites_[1].id, teams_[1].id});
    admin_ = As("anna", {Role::kAdmin, sites_[0].id, std::nullopt});
    const Id population = teams_[0].population_id;
    ASSERT_OK(store_->Write([&](store::Repositories& r) -> Status {
      const auto patient = [&](const std::string& id, const char* type) -> Result<Patient> {
        Patient p;
        p.site_id = sites_[0].id;
        p.population_id = population;
        p.identifier = id;
        p.birth_date = "1990-06-01";
        p.sex = id[0] == 'r' ? Sex::kFemale : Sex::kMale;
        p.fields = {{"ms_type", type}};
        return r.Registry().CreatePatient(p);
      };
      const auto observe = [&](const Patient& p, const char* code, double value,
                               const char* day) -> Status {
        Observation o;
        o.site_id = p.site_id;
        o.population_id = p.population_id;
        o.patient_id = p.id;
        o.system = "urn:registry";
        o.code = code;
        o.display = code;
        o.value = value;
        o.effective_ms = *ParseDateMs(day) + 10 * 3'600'000;
        return r.Registry().AddObservation(o).map([](const Observation&) {});
      };
      const double severe[] = {6.5, 7, 8};
      for (int i = 0; i < 3; ++i) {
        COVALUE_ASSIGN_OR_RETURN(Patient p, patient("s" + std::to_string(i + 1), "PPMS"));
        COVALUE_RETURN_IF_ERROR(observe(p, "EDSS", severe[i], "2026-05-01"));
      }
      COVALUE_ASSIGN_OR_RETURN(Patient r0, patient("r0", "RRMS"));
      COVALUE_RETURN_IF_ERROR(observe(r0, "EDSS", 6, "2026-05-01"));
      const double relapsing[] = {2, 3, 2.5, 4, 1, 2};
      std::vector<Patient> rs;
      for (int i = 0; i < 6; ++i) {
        COVALUE_ASSIGN_OR_RETURN(Patient p, patient("r" + std::to_string(i + 1), "RRMS"));
        COVALUE_RETURN_IF_ERROR(observe(p, "EDSS", relapsing[i], "2026-05-01"));
        rs.push_back(p);
      }
      COVALUE_RETURN_IF_ERROR(observe(rs[1], "EDSS", 7, "2026-01-01"));  // older than its 3
      COVALUE_RETURN_IF_ERROR(observe(rs[0], "OPV", 1, "2026-03-01"));
      COVALUE_RETURN_IF_ERROR(observe(rs[0], "OPV", 2, "2026-07-01"));
      COVALUE_RETURN_IF_ERROR(observe(rs[1], "IPD", 3, "2026-01-15"));
      COVALUE_RETURN_IF_ERROR(observe(rs[2], "OPV", 1, "2025-12-06"));
      COVALUE_RETURN_IF_ERROR(observe(rs[3], "OPV", 1, "2024-05-01"));
      for (int i = 0; i < 5; ++i) {
        COVALUE_RETURN_IF_ERROR(patient("o" + std::to_string(i + 1), "PPMS"));
      }
      return Ok();
    }));
    ASSERT_OK(app_->costs().ReplaceUnitCosts(admin_, sites_[0].id,
                                             {{"OPV", 1000, "SEK", "2025-01-01"},
                                              {"OPV", 1200, "SEK", "2026-06-01"},
                                              {"IPD", 5000, "SEK", "2020-01-01"}}));
    Stratification draft;
    draft.name = "By need";
    draft.strata = {{"Severe", {{true, "EDSS", ConditionOp::kGe, {"6"}}}},
                    {"Relapsing", {{false, "ms_type", ConditionOp::kIn, {"RRMS", "CIS"}}}}};
    draft.scores = {"EDSS"};
    auto made = app_->strata().Define(lead_, teams_[0].population_id, draft);
    ASSERT_OK(made);
    id_ = made->id;
  }

  ManualClock clock_{*ParseDateTimeMs("2026-12-06T12:00:00Z")};
  RequestContext lead_, professional_, facilitator_, other_lead_, admin_;
  Id id_ = 0;
};

TEST_F(StrataTest, TheSitesStaffSeeEveryNumber) {
  for (const RequestContext* who : {&lead_, &professional_, &admin_}) {
    auto summary = app_->strata().Summarize(*who, id_);
    ASSERT_OK(summary);
    EXPECT_TRUE(summary->whole);
    EXPECT_EQ(summary->currency, "SEK");
    EXPECT_EQ(summary->window_from, "2025-12-06");
    EXPECT_EQ(summary->window_to, "2026-12-06");
    ASSERT_EQ(summary->strata.size(), 3U);
    const StratumSummary& severe = summary->strata[0];
    const StratumSummary& relapsing = summary->strata[1];
    const StratumSummary& other = summary->strata[2];
    EXPECT_EQ(severe.people, 4);
    EXPECT_FALSE(severe.suppressed);
    EXPECT_EQ(relapsing.people, 6);
    EXPECT_EQ(other.name, "Other");
    EXPECT_EQ(other.people, 5);
    EXPECT_DOUBLE_EQ(*relapsing.utilisation_per_person_year, 1.0);
    EXPECT_DOUBLE_EQ(*relapsing.cost_per_person_year, 18400.0 / 6);
    EXPECT_DOUBLE_EQ(*severe.cost_per_person_year, 0);
    ASSERT_TRUE(relapsing.scores[0].second);
    EXPECT_DOUBLE_EQ(relapsing.scores[0].second->q1, 2);
    EXPECT_DOUBLE_EQ(relapsing.scores[0].second->median, 2.25);
    EXPECT_DOUBLE_EQ(relapsing.scores[0].second->q3, 2.875);
    EXPECT_FALSE(other.scores[0].second);  // nobody in Other has an EDSS
    EXPECT_EQ(relapsing.sexes[0].second, 6);   // female
    EXPECT_EQ(relapsing.ages[2].second, 6);    // 30-44 (36 today)
  }
}

TEST_F(StrataTest, EveryoneElseSeesThemThroughTheSmallCellRule) {
  for (const RequestContext* who : {&facilitator_, &other_lead_}) {
    auto summary = app_->strata().Summarize(*who, id_);
    ASSERT_OK(summary);
    EXPECT_FALSE(summary->whole);
    const StratumSummary& severe = summary->strata[0];
    EXPECT_TRUE(severe.suppressed);
    EXPECT_FALSE(severe.people);
    EXPECT_FALSE(severe.cost_per_person_year);
    EXPECT_FALSE(severe.scores[0].second);
    // Only one stratum was small: the next smallest (Other, 5) is withheld with it.
    EXPECT_TRUE(summary->strata[2].suppressed);
    EXPECT_FALSE(summary->strata[2].people);
    const StratumSummary& relapsing = summary->strata[1];
    EXPECT_FALSE(relapsing.suppressed);
    EXPECT_EQ(relapsing.people, 6);
    EXPECT_DOUBLE_EQ(*relapsing.cost_per_person_year, 18400.0 / 6);
    EXPECT_DOUBLE_EQ(relapsing.scores[0].second->median, 2.25);
    EXPECT_EQ(relapsing.sexes[0].second, 6);  // 6 female and 0 male: nothing small to hide
  }
}

TEST_F(StrataTest, TheMinimumCellIsTheServers) {
  app_->strata().SetMinCell(4);  // covalue serve --min-cell 4: a stratum of 4 is shown
  auto summary = app_->strata().Summarize(facilitator_, id_);
  ASSERT_OK(summary);
  EXPECT_EQ(summary->min_cell, 4U);
  EXPECT_EQ(summary->strata[0].people, 4);
  EXPECT_FALSE(summary->strata[0].suppressed);
  EXPECT_EQ(summary->strata[2].people, 5);
}

TEST_F(StrataTest, OnlyTheSitesTeamsDefineStrataAndRulesAreChecked) {
  Stratification draft;
  draft.name = "Mine";
  draft.strata = {{"All", {}}};
  EXPECT_ERROR(app_->strata().Define(facilitator_, teams_[0].population_id, draft),
               ErrorCode::kPermissionDenied);
  EXPECT_ERROR(app_->strata().Define(other_lead_, teams_[0].population_id, draft),
               ErrorCode::kPermissionDenied);
  draft.strata = {{"Smokers", {{false, "smoker", ConditionOp::kEq, {"yes"}}}}};
  auto unknown = app_->strata().Define(lead_, teams_[0].population_id, draft);
  ASSERT_FALSE(unknown);
  EXPECT_EQ(unknown.error().field, "/strata/0/conditions/0/field");
  EXPECT_ERROR(app_->strata().Define(lead_, 999, draft), ErrorCode::kNotFound);
  auto listed = app_->strata().List(facilitator_, teams_[0].population_id);
  ASSERT_OK(listed);
  ASSERT_EQ(listed->size(), 1U);
  EXPECT_EQ((*listed)[0].strata[1].conditions[0].values.size(), 2U);
  EXPECT_ERROR(app_->strata().Summarize(lead_, id_, 0), ErrorCode::kInvalidArgument);
}

}  // namespace
}  // namespace covalue::app
