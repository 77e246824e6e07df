// A stratification's live numbers on a 10M-observation registry (bench/strata.sh): one site,
// a population of 20,000 people and another of 11,250, each person with about 320
// observations over 60 months (monthly PHQ-9, EQ VAS, fatigue and pain, EDSS a quarter,
// monthly dispensings, outpatient visits, inpatient days and emergency visits), loaded through
// the app once into DB. Then Google Benchmark times the summary of four strata of the 20,000
// (a rule on EDSS, two on ms_type and age, "Other"; PHQ-9 and EDSS quartiles; costs over the
// last 12 months from a unit-cost table) as the site's admin reads it.
//
//   covalue_strata_bench --db FILE|postgresql://… [benchmark flags]

#include <benchmark/benchmark.h>

#include <cmath>
#include <filesystem>
#include <iostream>
#include <random>

#include <fmt/format.h>

#include "app/app.h"
#include "app/kernel/clock.h"
#include "app/kernel/crypto.h"
#include "domain/dates.h"
#include "store/open.h"

namespace covalue::bench {
namespace {

[[noreturn]] void Die(const std::string& what) {
  std::cerr << "covalue_strata_bench: " << what << "\n";
  std::exit(1);
}

template <typename T>
T Must(Result<T> result, const std::string& what) {
  if (!result) Die(what + ": " + result.error().message + " (" + result.error().field + ")");
  return std::move(*result);
}

constexpr int kMonths = 60;
constexpr std::int64_t kBig = 20000;
constexpr std::int64_t kRest = 11250;
const app::RequestContext kSystem{app::SystemPrincipal(), "bench", "cli"};

Observation Obs(const char* code, std::int64_t at, double value) {
  return Observation{0, 0, 0, 0, "urn:bench", code, code, at, value, "", "", std::nullopt};
}

// One person's record: the months end with last month.
app::RegistryRecord Person(Id population, std::int64_t n, std::mt19937_64& g) {
  std::uniform_real_distribution<double> u(0, 1);
  std::normal_distribution<double> z(0, 1);
  app::RegistryRecord r;
  Patient& p = r.patient;
  p.population_id = population;
  p.identifier = fmt::format("P{}-{:06}", population, n);
  p.birth_date = fmt::format("{}-{:02}-{:02}", 1940 + static_cast<int>(u(g) * 65),
                             1 + static_cast<int>(u(g) * 12), 1 + static_cast<int>(u(g) * 28));
  p.sex = u(g) < 0.68 ? Sex::kFemale : Sex::kMale;
  const double t = u(g);
  p.fields = {{"ms_type", t < 0.6 ? "RRMS" : t < 0.8 ? "SPMS" : t < 0.95 ? "PPMS" : "CIS"}};
  const double edss = std::clamp(3 + 1.8 * z(g), 0.0, 9.5);
  const double phq = 9 + 4 * z(g);
  const std::int64_t now = DayOf(app::SystemClock().NowMs()) * 86'400'000;
  for (int m = 0; m < kMonths; ++m) {
    const std::int64_t at = AddMonths(now, m - kMonths) + static_cast<std::int64_t>(u(g) * 27) * 86'400'000 + 36'000'000;
    if (u(g) > 0.15) {
      r.observations.push_back(Obs("phq-9", at, std::clamp(std::round(phq + 2 * z(g)), 0.0, 27.0)));
      r.observations.push_back(Obs("eq-vas", at, std::clamp(std::round(70 + 12 * z(g)), 0.0, 100.0)));
      r.observations.push_back(Obs("fatigue", at, std::round(40 + 10 * z(g))));
      r.observations.push_back(Obs("pain", at, std::clamp(std::round(4 + 2 * z(g)), 0.0, 10.0)));
    }
    if (m % 3 == 0) r.observations.push_back(Obs("EDSS", at, std::round(2 * std::clamp(edss + 0.3 * z(g), 0.0, 9.5)) / 2));
    r.observations.push_back(Obs("DISP", at + 3'600'000, 1));
    if (u(g) < 0.5) r.observations.push_back(Obs("OPV", at + 7'200'000, 1));
    if (u(g) < 0.04) r.observations.push_back(Obs("IPD", at + 10'800'000, 1 + std::floor(u(g) * 7)));
    if (u(g) < 0.035) r.observations.push_back(Obs("ER", at + 14'400'000, 1));
  }
  return r;
}

struct Bench {
  std::unique_ptr<store::Store> store;
  std::unique_ptr<app::App> app;
  app::RequestContext admin;
  Id stratification = 0;
};
Bench* bench = nullptr;

void Load(app::App& app) {
  const Site site = Must(app.community().CreateSite(kSystem, {0, "Bench", "SE"}), "site");
  const Population big = Must(app.community().CreatePopulation(kSystem, {0, site.id, "Big", ""}), "population");
  const Population rest = Must(app.community().CreatePopulation(kSystem, {0, site.id, "Rest", ""}), "population");
  std::mt19937_64 g(42);
  std::size_t written = 0;
  for (const auto& [population, people] : {std::pair{big.id, kBig}, std::pair{rest.id, kRest}}) {
    for (std::int64_t first = 0; first < people; first += 500) {
      std::vector<app::RegistryRecord> records;
      for (std::int64_t n = first; n < std::min(people, first + 500); ++n) records.push_back(Person(population, n, g));
      written += Must(app.registry().ImportRegistry(kSystem, site.id, std::move(records)), "import");
    }
    std::cerr << "covalue_strata_bench: " << written << " observations written\n";
  }
}

void BM_StratificationSummary(benchmark::State& state) {
  for (auto _ : state) {
    auto summary = bench->app->strata().Summarize(bench->admin, bench->stratification);
    if (!summary) Die(summary.error().message);
    benchmark::DoNotOptimize(summary->strata.size());
  }
}
BENCHMARK(BM_StratificationSummary)->Unit(benchmark::kMillisecond)->MinTime(2.0);

}  // namespace
}  // namespace covalue::bench

int main(int argc, char** argv) {
  using namespace covalue;
  std::string db;
  std::vector<char*> rest{argv[0]};
  for (int i = 1; i < argc; ++i) {
    if (std::string(argv[i]) == "--db" && i + 1 < argc) {
      db = argv[++i];
    } else {
      rest.push_back(argv[i]);
    }
  }
  if (db.empty()) bench::Die("usage: covalue_strata_bench --db FILE|URL [benchmark flags]");
  app::crypto::InitCrypto();
  bench::Bench b;
  b.store = bench::Must(store::Open(db), "open");
  b.app = std::make_unique<app::App>(*b.store);
  // An empty database (a new file, or a PostgreSQL database nothing was copied into) is loaded.
  if (bench::Must(b.app->community().ListSites(bench::kSystem, {}), "sites").items.empty()) {
    bench::Load(*b.app);
  }
  const Site site = bench::Must(b.app->community().ListSites(bench::kSystem, {}), "sites").items.front();
  const auto populations = bench::Must(b.app->community().ListPopulations(bench::kSystem, {}, site.id), "populations").items;
  const Id big = populations.front().id;
  auto user = b.app->accounts().CreateUser(bench::kSystem, app::NewUser{"bench.admin", "Bench admin", "a bench pass phrase", {{Role::kAdmin, site.id, std::nullopt}}});
  if (!user) user = bench::Must(b.app->accounts().GetUserByUsername(bench::kSystem, "bench.admin"), "admin");
  b.admin = app::RequestContext{app::Principal{user->id, user->username, user->memberships}, "bench", "cli"};
  bench::Must(b.app->costs().ReplaceUnitCosts(b.admin, site.id, {{"OPV", 1850, "SEK", "2020-01-01"}, {"OPV", 2100, "SEK", "2026-01-01"}, {"IPD", 9200, "SEK", "2020-01-01"}, {"ER", 4600, "SEK", "2020-01-01"}, {"DISP", 350, "SEK", "2020-01-01"}}), "unit costs");
  Stratification s;
  s.name = "By need";
  s.strata = {{"High disability", {{true, "EDSS", ConditionOp::kGe, {"6"}}}},
              {"Young relapsing", {{false, "ms_type", ConditionOp::kIn, {"RRMS", "CIS"}}, {false, "age", ConditionOp::kLt, {"40"}}}},
              {"Progressive", {{false, "ms_type", ConditionOp::kIn, {"SPMS", "PPMS"}}}}};
  s.scores = {"phq-9", "EDSS"};
  b.stratification = bench::Must(b.app->strata().Define(b.admin, big, s), "stratification").id;
  const auto summary = bench::Must(b.app->strata().Summarize(b.admin, b.stratification), "summary");
  for (const auto& stratum : summary.strata) {
    std::cerr << fmt::format("  {}: {} people, {:.2f} events and {:.0f} SEK a person-year\n", stratum.name,
                             stratum.people.value_or(-1), stratum.utilisation_per_person_year.value_or(0),
                             stratum.cost_per_person_year.value_or(0));
  }
  bench::bench = &b;
  int count = static_cast<int>(rest.size());
  benchmark::Initialize(&count, rest.data());
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
}
