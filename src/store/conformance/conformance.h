#pragma once

#include <functional>
#include <memory>
#include <ostream>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "domain/error.h"
#include "store/population_repository.h"
#include "store/registry_repository.h"
#include "store/site_repository.h"
#include "store/store.h"
#include "support/status_matchers.h"
#include "support/temp_dir.h"

// The store's conformance suite: every repository's contract, run on every driver. A driver
// joins by adding itself to Drivers() (drivers.cc); the PostgreSQL driver adds its own cluster.
namespace covalue::store::conformance {

// A driver the suite runs on: its name (a test-name part) and how it opens an empty, migrated
// store whose files, if any, go in folder.
struct Driver {
  std::string name;
  std::function<Result<std::unique_ptr<Store>>(const std::string& folder)> open;
  // Runs sql on the closed store of folder outside the repositories, to show what the schema
  // itself refuses.
  std::function<Status(const std::string& folder, const std::string& sql)> execute;
  // Opens a second store on the database open opened in folder (another server on it).
  std::function<Result<std::unique_ptr<Store>>(const std::string& folder)> reopen;
};

std::vector<Driver> Drivers();

// How a test's parameter prints: its driver's name.
inline void PrintTo(const Driver& driver, std::ostream* out) { *out << driver.name; }

// A test's name part: its driver's.
inline std::string DriverName(const testing::TestParamInfo<Driver>& param) {
  return param.param.name;
}

// A site with one population (MS) and one patient (identifier "P-" + name) in it: what the
// tests of a patient's records start from.
struct SiteWithPatient {
  Id site = 0;
  Id population = 0;
  Id patient = 0;
};
inline Result<SiteWithPatient> AddSiteWithPatient(Repositories& r, const std::string& name) {
  COVALUE_ASSIGN_OR_RETURN(Site site, r.Sites().Create({0, name, "SE"}, 0));
  COVALUE_ASSIGN_OR_RETURN(Population population, r.Populations().Create({0, site.id, "MS", ""}));
  Patient p;
  p.site_id = site.id;
  p.population_id = population.id;
  p.identifier = "P-" + name;
  p.birth_date = "1980-04-02";
  COVALUE_ASSIGN_OR_RETURN(Patient patient, r.Registry().CreatePatient(p));
  return SiteWithPatient{site.id, population.id, patient.id};
}

// Each test starts from an empty store of the driver it is given.
class ConformanceTest : public testing::TestWithParam<Driver> {
 protected:
  void SetUp() override {
    auto opened = GetParam().open(dir_.File(""));
    ASSERT_OK(opened);
    store_ = std::move(*opened);
  }

  testing_support::TempDir dir_;
  std::unique_ptr<Store> store_;
};

}  // namespace covalue::store::conformance

// Runs the TEST_Ps of fixture on every driver.
#define COVALUE_ON_EVERY_DRIVER(fixture)                                                \
  INSTANTIATE_TEST_SUITE_P(Drivers, fixture,                                            \
                           testing::ValuesIn(::covalue::store::conformance::Drivers()), \
                           ::covalue::store::conformance::DriverName)
