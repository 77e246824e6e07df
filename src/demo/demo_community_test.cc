#include "demo/demo_community.h"

#include <cmath>
#include <filesystem>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "demo/clinical_profiles.h"
#include "demo/demo_registry.h"
#include "demo/demo_sites.h"
#include "demo/utilisation.h"
#include "domain/dates.h"
#include "formats/guide_file.h"
#include "store/audit_repository.h"
#include "store/open.h"
#include "store/registry_repository.h"
#include "support/app_fixture.h"

namespace covalue::demo {
namespace {

using DemoCommunityTest = app::EmptyAppTest;

TEST_F(DemoCommunityTest, WritesTwelveSitesInFourCountriesWithATeamEachAndEveryRole) {
  auto demo = WriteDemoCommunity(*app_, 7);
  ASSERT_OK(demo);
  EXPECT_TRUE(demo->written);
  auto sites = app_->community().ListSites(system_, {});
  ASSERT_OK(sites);
  ASSERT_EQ(sites->items.size(), 12U);
  std::set<std::string> countries;
  for (const Site& s : sites->items) {
    countries.insert(s.country);
  }
  EXPECT_EQ(countries.size(), 4U);
  auto teams = app_->community().ListTeams(system_, {});
  ASSERT_OK(teams);
  EXPECT_EQ(teams->items.size(), 12U);
  for (const Team& team : teams->items) {
    EXPECT_TRUE(team.names.contains("sv")) << team.name << " has a Swedish name";
    auto population = app_->community().GetPopulation(system_, team.population_id);
    ASSERT_OK(population);
    EXPECT_TRUE(population->descriptions.contains("sv")) << population->description;
  }

  std::set<Role> roles;
  for (const DemoLogin& login : demo->logins) {
    roles.insert(login.role);
    auto signed_in = app_->accounts().Login(app::RequestContext{}, login.username, login.password);
    ASSERT_OK(signed_in);
    if (RoleNeedsTeam(login.role)) {
      ASSERT_TRUE(signed_in->user.memberships[0].team_id.has_value()) << login.username;
    }
  }
  EXPECT_EQ(roles.size(), std::size(kAllRoles));
}

TEST_F(DemoCommunityTest, TheSameSeedGivesTheSamePasswordsAndASecondRunWritesNothing) {
  auto first = WriteDemoCommunity(*app_, 7);
  ASSERT_OK(first);
  auto again = WriteDemoCommunity(*app_, 7);
  ASSERT_OK(again);
  EXPECT_FALSE(again->written);
  ASSERT_EQ(first->logins.size(), again->logins.size());
  for (std::size_t i = 0; i < first->logins.size(); ++i) {
    EXPECT_EQ(first->logins[i].password, again->logins[i].password);
    EXPECT_EQ(first->logins[i].site_id, again->logins[i].site_id);
  }
  EXPECT_NE(DemoPassword(7, "admin"), DemoPassword(8, "admin"));
  EXPECT_NE(DemoPassword(7, "admin"), DemoPassword(7, "facilitator"));
  EXPECT_GE(DemoPassword(7, "admin").size(), 10U);
}

// How many observations of code (at site, or at every site) there are, and their values' sum.
std::pair<std::size_t, double> CountOf(store::Store& store, const std::string& code,
                                       std::optional<Id> site_id) {
  std::pair<std::size_t, double> count{0, 0};
  store::RecordQuery query;
  query.code = code;
  PageRequest page{0, 500};
  for (;;) {
    auto observations = store::ReadValue<Page<Observation>>(
        store, [&](store::Repositories& r) { return r.Registry().ListObservations(query, page); });
    EXPECT_TRUE(observations.has_value());
    for (const Observation& o : observations->items) {
      if (site_id && o.site_id != *site_id) continue;
      ++count.first;
      count.second += o.value;
    }
    if (!observations->next) return count;
    page.after = *observations->next;
  }
}

// The PHQ-9 mean of a site's registry before and after the improvement date.
// Read from the store: no community-wide role reads a patient's record through the app.
std::pair<double, double> MeansAround(store::Store& store, Id site_id) {
  const std::int64_t start = *ParseDateMs(kImprovementStart);
  double before = 0, after = 0;
  int n_before = 0, n_after = 0;
  store::RecordQuery query;
  query.code = "phq-9";
  PageRequest page{0, 500};
  for (;;) {
    auto observations = store::ReadValue<Page<Observation>>(
        store, [&](store::Repositories& r) { return r.Registry().ListObservations(query, page); });
    EXPECT_TRUE(observations.has_value());
    for (const Observation& o : observations->items) {
      if (o.site_id != site_id) {
        continue;
      }
      (o.effective_ms < start ? before : after) += o.value;
      ++(o.effective_ms < start ? n_before : n_after);
    }
    if (!observations->next) {
      break;
    }
    page.after = *observations->next;
  }
  return {before / n_before, after / n_after};
}

TEST_F(DemoCommunityTest, WritesASmallSeededRegistryWithAShiftAtTheImprovingSites) {
  auto demo = WriteDemoCommunity(*app_, 3, {}, 240);
  ASSERT_OK(demo);
  // 20 patients a site, two observations at each of 36 visits and the population's clinical
  // measure at every third, about one in seven visits missed; at another third of the visits,
  // two in three answer the coproduction value questionnaire (its six domain scores).
  std::size_t events = 0;
  for (const UtilisationRate& code : UtilisationCodes()) {
    events += CountOf(*store_, std::string(code.code), std::nullopt).first;
  }
  EXPECT_GT(demo->observations - events, 12U * 20 * (72 + 12 + 36) * 3 / 4);
  EXPECT_LE(demo->observations - events, 12U * 20 * (72 + 12 + 72));
  auto sites = app_->community().ListSites(system_, {});
  ASSERT_OK(sites);
  for (const DemoSite& spec : DemoSites()) {
    Id site_id = 0;
    for (const Site& s : sites->items) {
      if (s.name == spec.name) {
        site_id = s.id;
      }
    }
    const auto [before, after] = MeansAround(*store_, site_id);
    if (IsImprovingSite(spec)) {
      EXPECT_LT(after - before, -2.0) << spec.slug;
    } else {
      EXPECT_GT(after - before, -1.5) << spec.slug;
    }
  }
  // The same seed writes the same registry.
  testing_support::TempDir other_dir;
  auto other_store = store::Open(other_dir.File("other.db"));
  ASSERT_OK(other_store);
  app::App other(**other_store);
  auto again = WriteDemoCommunity(other, 3, {}, 240);
  ASSERT_OK(again);
  EXPECT_EQ(again->observations, demo->observations);
  EXPECT_EQ(MeansAround(**other_store, 2), MeansAround(*store_, 2));
}

TEST_F(DemoCommunityTest, NamesEveryPatientAsTheirRecordedSexAndCountryFit) {
  ASSERT_OK(WriteDemoCommunity(*app_, 5, {}, 120));
  auto patients = store::ReadValue<Page<Patient>>(*store_, [](store::Repositories& r) {
    return r.Registry().ListPatients(PageRequest{0, 500}, store::PatientQuery{});
  });
  ASSERT_OK(patients);
  ASSERT_GT(patients->items.size(), 100U);
  std::set<std::string> women;
  std::set<std::string> men;
  std::map<Id, std::set<std::string>> families;  // by site
  for (const Patient& p : patients->items) {
    ASSERT_FALSE(p.given.empty()) << p.identifier;
    ASSERT_FALSE(p.family.empty()) << p.identifier;
    (p.sex == Sex::kMale ? men : women).insert(p.given);
    families[p.site_id].insert(p.family);
    if (p.identifier == "DEMO-patient.fjordvik") {
      EXPECT_EQ(p.sex, Sex::kMale);
      EXPECT_EQ(p.given + " " + p.family, "Pål Haugen");
    }
  }
  // No given name is both a woman's and a man's: each fits the sex it is drawn for.
  for (const std::string& name : women) {
    EXPECT_FALSE(men.contains(name)) << name;
  }
  // A Swedish site's surnames are not an English site's.
  auto site_of = [&](std::string_view slug) {
    for (const Patient& p : patients->items) {
      if (p.identifier.starts_with(std::string(slug) + "-")) {
        return p.site_id;
      }
    }
    return Id{0};
  };
  for (const std::string& family : families[site_of("vastera")]) {
    EXPECT_FALSE(families[site_of("harbourside")].contains(family)) << family;
  }
}

// The demo's past is written on its story's clock: the passports dated as they happened, and
// every record of the audit trail in time order, the registry's (written now) last.
TEST_F(DemoCommunityTest, WritesItsPastInTimeOrder) {
  auto guides = formats::LoadGuides(std::filesystem::path(COVALUE_SOURCE_DIR) / "guides");
  ASSERT_OK(guides);
  app::App app(*store_, *guides);  // with the guides, so that the teams keep passports
  ASSERT_OK(WriteDemoCommunity(app, 5, {}, 24));
  std::vector<AuditRecord> records;
  ASSERT_OK(store_->Read([&](store::Repositories& r) {
    return r.Audit().Scan([&](const AuditRecord& record) {
      records.push_back(record);
      return true;
    });
  }));
  ASSERT_GT(records.size(), 50U);
  EXPECT_EQ(FormatDate(records.front().time_ms), "2023-10-02");
  std::int64_t previous = 0;
  std::size_t passports = 0;
  for (const AuditRecord& record : records) {
    EXPECT_GE(record.time_ms, previous) << record.seq << " " << record.action;
    previous = record.time_ms;
    if (record.action == "workbook.create") {
      ++passports;
      EXPECT_EQ(FormatDate(record.time_ms), "2025-05-12");
    }
  }
  EXPECT_EQ(passports, 3U) << "one passport at each improving site";
  EXPECT_GT(records.back().time_ms, *ParseDateMs("2026-02-11")) << "the registry, written now";
}

TEST_F(DemoCommunityTest, GivesEachPatientAccountAHistoryOfTheirOwn) {
  auto demo = WriteDemoCommunity(*app_, 5, {}, 120);
  ASSERT_OK(demo);
  auto patients = store::ReadValue<Page<Patient>>(*store_, [](store::Repositories& r) {
    return r.Registry().ListPatients(PageRequest{0, 500}, store::PatientQuery{});
  });
  ASSERT_OK(patients);
  std::map<std::string, std::vector<double>> phq9;  // by the account's patient identifier
  std::size_t accounts = 0;
  for (const Patient& p : patients->items) {
    if (!p.user_id) {
      continue;
    }
    ++accounts;
    store::RecordQuery query;
    query.patient_id = p.id;
    query.code = "phq-9";
    auto own = store::ReadValue<Page<Observation>>(*store_, [&](store::Repositories& r) {
      return r.Registry().ListObservations(query, PageRequest{0, 500});
    });
    ASSERT_OK(own);
    std::set<std::string> months;
    for (const Observation& o : own->items) {
      EXPECT_EQ(o.patient_id, p.id);
      EXPECT_GE(o.value, 0);
      EXPECT_LE(o.value, 27);
      months.insert(FormatDate(o.effective_ms).substr(0, 7));
      phq9[p.identifier].push_back(o.value);
    }
    EXPECT_GE(months.size(), 20U) << p.identifier << ": a visit most months of three years";
  }
  EXPECT_EQ(accounts, 2U);
  EXPECT_NE(phq9["DEMO-patient.vastera"], phq9["DEMO-patient.fjordvik"]) << "each their own";
}

TEST_F(DemoCommunityTest, GivesEachPopulationItsOwnFieldsAndClinicalMeasure) {
  ASSERT_OK(WriteDemoCommunity(*app_, 5, {}, 120));
  for (const DemoSite& site : DemoSites()) {
    const ClinicalProfile* profile = ProfileOf(site.population);
    ASSERT_NE(profile, nullptr) << site.population;
  }
  const ClinicalProfile& ms = *ProfileOf("People with MS");
  auto patients = store::ReadValue<Page<Patient>>(*store_, [](store::Repositories& r) {
    return r.Registry().ListPatients(PageRequest{0, 500}, store::PatientQuery{});
  });
  ASSERT_OK(patients);
  std::size_t with_course = 0;
  for (const Patient& p : patients->items) {
    auto population = app_->community().GetPopulation(system_, p.population_id);
    ASSERT_OK(population);
    const ClinicalProfile* profile = ProfileOf(population->name);
    for (const FieldSpec& field : profile->fields) {
      ASSERT_TRUE(p.fields.contains(std::string(field.name))) << p.identifier << " " << field.name;
    }
    if (profile == &ms && p.fields.contains("ms_course")) {
      ++with_course;
      const std::string& course = p.fields.at("ms_course");
      EXPECT_TRUE(course == "relapsing-remitting" || course == "secondary progressive" ||
                  course == "primary progressive")
          << course;
    }
  }
  EXPECT_EQ(with_course, 22U);  // two MS sites of ten patients, and a patient account at each
  store::RecordQuery query;
  query.code = "edss";
  auto edss = store::ReadValue<Page<Observation>>(*store_, [&](store::Repositories& r) {
    return r.Registry().ListObservations(query, PageRequest{0, 500});
  });
  ASSERT_OK(edss);
  ASSERT_FALSE(edss->items.empty());
  for (const Observation& o : edss->items) {
    EXPECT_GE(o.value, 0);
    EXPECT_LE(o.value, 10);
    EXPECT_EQ(o.value * 2, std::round(o.value * 2)) << "EDSS moves in half steps";
    EXPECT_EQ(o.unit, "{score}");
  }
}

// Each population's utilisation events come at its yearly rates (a person's need averages a
// little over 1: the PHQ-9 baseline's and the personal factor's lognormal means), each site
// has a unit-cost table in its country's currency with the 2026 rise, and the MS sites strata.
TEST_F(DemoCommunityTest, GivesEachPopulationItsUtilisationAndPrices) {
  auto demo = WriteDemoCommunity(*app_, 5, {}, 1200);  // 100 people a site, 3 years
  ASSERT_OK(demo);
  auto sites = app_->community().ListSites(system_, {});
  ASSERT_OK(sites);
  for (const DemoSite& spec : DemoSites()) {
    Id site_id = 0;
    for (const Site& s : sites->items) {
      if (s.name == spec.name) site_id = s.id;
    }
    for (const UtilisationRate& rate : UtilisationOf(spec.population)) {
      const double expected = rate.per_year * 100 * 3 * 1.1;
      const double seen = static_cast<double>(CountOf(*store_, std::string(rate.code), site_id).first);
      if (expected == 0) {
        EXPECT_EQ(seen, 0) << spec.slug << " " << rate.code;
      } else {
        EXPECT_NEAR(seen / expected, 1.0, 0.3) << spec.slug << " " << rate.code;
      }
    }
    auto table = app_->costs().UnitCosts(system_, site_id);
    ASSERT_OK(table);
    ASSERT_EQ(table->size(), 2 * UtilisationCodes().size());
    EXPECT_EQ((*table)[0].currency, DefaultCurrency(spec.country)) << spec.slug;
    auto costing = app_->community().GetSiteCosting(system_, site_id);
    ASSERT_OK(costing);
    EXPECT_EQ(costing->currency, DefaultCurrency(spec.country));
    EXPECT_GT(costing->person_time_value_per_minute, 0);
  }
  auto populations = app_->community().ListPopulations(system_, {}, std::nullopt);
  ASSERT_OK(populations);
  std::size_t stratified = 0;
  for (const Population& p : populations->items) {
    auto strata = app_->strata().List(system_, p.id);
    ASSERT_OK(strata);
    stratified += strata->size();
  }
  EXPECT_EQ(stratified, 2U);  // Västerå's and Fjordvik's people with MS
}

}  // namespace
}  // namespace covalue::demo
