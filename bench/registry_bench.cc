// covalue's side of bench/compare.sh: loads the synthetic registry of ../shared/bench/ through
// the app (sites, populations, measures, patients, then the observations as registry files,
// each written with its aggregates in one transaction) and answers the queries Q1–Q3 of
// ../shared/bench/QUERIES.md in-process through the app's use cases, timed with a monotonic
// clock, writing their rows for the harness to compare with the peers'.
//
//   covalue_registry_bench load --data DIR --db FILE
//   covalue_registry_bench query --db FILE --out DIR [--min-seconds 0.1]
//   covalue_registry_bench rescan --db FILE --out DIR [--min-seconds 0.1]
//
// rescan answers Q2 from the raw observations (the rescan path: the 20 measures' definitions
// previewed, as for a new measure or a rebuild) after bringing the observation file beside the
// database up to date (timed apart: once per new observation).
//
// Both print one JSON object on stdout.

#include <algorithm>
#include <chrono>
#include <cmath>
#include <fstream>
#include <functional>
#include <iostream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "app/app.h"
#include "app/kernel/crypto.h"
#include "domain/dates.h"
#include "store/registry_repository.h"
#include "store/open.h"

namespace covalue::bench {
namespace {

using Clock = std::chrono::steady_clock;
using json = nlohmann::ordered_json;

constexpr const char* kBaselineEnd = "2022-01-01";  // QUERIES.md: the first 24 months

// ../shared/bench/gen_registry.py's continuous measures M11..M20: (goal, higher is better).
constexpr std::pair<double, bool> kGoals[] = {
    {45.0, true}, {0.75, true}, {70.0, true},  {3.0, false}, {5.0, false},
    {5.0, false}, {40.0, true}, {50.0, false}, {7.0, false}, {60.0, true}};

[[noreturn]] void Die(const std::string& what) {
  std::cerr << "covalue_registry_bench: " << what << "\n";
  std::exit(1);
}

template <typename T>
T Must(Result<T> result, const std::string& what) {
  if (!result) {
    Die(what + ": " + result.error().message + " (" + result.error().field + ")");
  }
  return std::move(*result);
}

void Must(const Status& status, const std::string& what) {
  if (!status) {
    Die(what + ": " + status.error().message + " (" + status.error().field + ")");
  }
}

std::vector<std::string> Split(const std::string& line) {
  std::vector<std::string> cells;
  std::string cell;
  std::istringstream in(line);
  while (std::getline(in, cell, ',')) {
    cells.push_back(cell);
  }
  return cells;
}

// The CSV's measure (an observation's code) and covalue's measure of its p chart (ids are
// lower case).
std::string MeasureCode(int m) { return fmt::format("M{:02}", m); }
std::string MeasureId(int m) { return fmt::format("m{:02}", m); }

// Each measure's p chart (the share of observations meeting its goal: num in the CSV) and
// M11's mean for the XmR chart of Q3.
std::vector<MeasureDefinition> BenchMeasures() {
  std::vector<MeasureDefinition> out;
  for (int m = 1; m <= 20; ++m) {
    MeasureDefinition d;
    d.id = MeasureId(m);
    d.name = MeasureCode(m);
    d.kind = MeasureKind::kProportion;
    d.system = formats::kRegistrySystem;
    d.code = MeasureCode(m);
    d.threshold = m <= 10 ? 1.0 : kGoals[m - 11].first;
    d.at_least = m <= 10 || kGoals[m - 11].second;
    out.push_back(d);
  }
  MeasureDefinition mean;
  mean.id = "m11-mean";
  mean.name = "M11 mean";
  mean.kind = MeasureKind::kContinuous;
  mean.system = formats::kRegistrySystem;
  mean.code = "M11";
  out.push_back(mean);
  return out;
}

long KibOf(const char* field) {
  std::ifstream status("/proc/self/status");
  for (std::string line; std::getline(status, line);) {
    if (line.rfind(field, 0) == 0) {
      return std::stol(line.substr(std::string(field).size()));
    }
  }
  return 0;
}

int Load(const std::string& data, const std::string& db) {
  const auto start = Clock::now();
  auto store = Must(store::Open(db), "open " + db);
  app::App app(*store);
  const app::RequestContext ctx{app::SystemPrincipal(), "bench", "cli"};
  for (const MeasureDefinition& m : BenchMeasures()) {
    Must(app.measures().DefineMeasure(ctx, m), "define " + m.id);
  }
  // Sites and their populations, from the patients file.
  std::map<std::string, std::pair<Id, Id>> sites;  // S01 → (site, population)
  std::map<std::string, std::vector<formats::PatientRow>> patients;
  std::size_t patient_count = 0;
  std::ifstream patients_file(data + "/patients.csv");
  std::string line;
  std::getline(patients_file, line);
  std::size_t line_number = 1;
  while (std::getline(patients_file, line)) {
    ++line_number;
    // patient_id,site_id,population,birth_year,sex,diagnosis_year,…
    const auto c = Split(line);
    if (!sites.contains(c[1])) {
      const Site site = Must(app.community().CreateSite(ctx, Site{0, c[1], "SE"}), "site " + c[1]);
      const Population population = Must(
          app.community().CreatePopulation(ctx, Population{0, site.id, c[2], ""}), "population");
      sites[c[1]] = {site.id, population.id};
    }
    formats::PatientRow row;
    row.line = line_number;
    row.patient.population_id = sites[c[1]].second;
    row.patient.identifier = c[0];
    row.patient.birth_date = c[3] + "-07-01";
    row.patient.sex = c[4] == "F" ? Sex::kFemale : c[4] == "M" ? Sex::kMale : Sex::kUnknown;
    row.patient.diagnosis_date = c[5] + "-01-01";
    row.patient.consent = Consent::kConsented;
    patients[c[1]].push_back(std::move(row));
    ++patient_count;
  }
  for (auto& [name, rows] : patients) {
    formats::RegistryFile file;
    file.kind = formats::RegistryFileKind::kPatients;
    file.records = rows.size();
    file.patients = std::move(rows);
    const auto report =
        Must(app.registry().ImportRegistryFile(ctx, sites[name].first, std::move(file)),
             "patients of " + name);
    if (report.rejected_total > 0) {
      Die(fmt::format("patients of {}: line {}: {}", name, report.rejected[0].line,
                      report.rejected[0].reason));
    }
  }
  // The observations, in time order, as registry files of up to kBatch rows per site.
  constexpr std::size_t kBatch = 250'000;
  std::map<std::string, formats::RegistryFile> pending;
  std::size_t observations = 0;
  const auto flush = [&](const std::string& site) {
    formats::RegistryFile& file = pending[site];
    if (file.observations.empty()) {
      return;
    }
    file.kind = formats::RegistryFileKind::kObservations;
    file.records = file.observations.size();
    const auto report =
        Must(app.registry().ImportRegistryFile(ctx, sites.at(site).first, std::move(file)),
             "observations");
    if (report.rejected_total > 0) {
      Die(fmt::format("observations of {}: line {}: {}", site, report.rejected[0].line,
                      report.rejected[0].reason));
    }
    observations += report.observations;
    pending[site] = {};
  };
  std::ifstream observations_file(data + "/observations.csv");
  std::getline(observations_file, line);
  line_number = 1;
  while (std::getline(observations_file, line)) {
    ++line_number;
    // site_id,population,patient_id,measure_id,ts,value,num,den
    const auto c = Split(line);
    formats::ObservationRow row;
    row.line = line_number;
    row.identifier = c[2];
    row.observation.system = formats::kRegistrySystem;
    row.observation.code = c[3];
    row.observation.display = c[3];
    row.observation.effective_ms = *ParseDateMs(c[4]);
    row.observation.value = std::stod(c[5]);
    formats::RegistryFile& file = pending[c[0]];
    file.observations.push_back(std::move(row));
    if (file.observations.size() >= kBatch) {
      flush(c[0]);
    }
  }
  for (const auto& [site, ids] : sites) {
    flush(site);
  }
  const double seconds = std::chrono::duration<double>(Clock::now() - start).count();
  json out = {{"observations", observations},
              {"patients", patient_count},
              {"seconds", seconds},
              {"peak_rss_mb", static_cast<double>(KibOf("VmHWM:")) / 1024}};
  std::cout << out.dump() << "\n";
  return 0;
}

// Runs work once to warm up, then until at least 5 runs and min_seconds in all; the median,
// min and max in milliseconds.
json Time(const std::function<void()>& work, double min_seconds) {
  work();
  std::vector<double> ms;
  const auto start = Clock::now();
  while (ms.size() < 5 ||
         std::chrono::duration<double>(Clock::now() - start).count() < min_seconds) {
    const auto t0 = Clock::now();
    work();
    ms.push_back(std::chrono::duration<double, std::milli>(Clock::now() - t0).count());
  }
  std::sort(ms.begin(), ms.end());
  return {{"median_ms", ms[ms.size() / 2]},
          {"min_ms", ms.front()},
          {"max_ms", ms.back()},
          {"runs", ms.size()}};
}

std::string Num(double v) { return fmt::format("{:.17g}", v); }
std::string Opt(const std::optional<double>& v) { return v ? Num(*v) : ""; }

// Q1 and Q2 rows: site_id,measure_id,month,num,den,p,cl,lcl,ucl,signal.
void AddProportionRows(const app::MeasureChartView& view, std::vector<std::string>& rows) {
  for (const app::MeasureSeries& s : view.series) {
    for (const auto& p : s.chart.points) {
      const double den = *s.n[p.index - 1];
      rows.push_back(fmt::format("{},{},{},{},{},{},{},{},{},{}", s.site, view.measure.name,
                                 s.x[p.index - 1], Num(std::round(*p.y * den)), Num(den), Num(*p.y),
                                 Opt(p.cl), Opt(p.lcl), Opt(p.ucl), p.sigma_signal ? 1 : 0));
    }
  }
}

// Writes rows ordered as QUERIES.md asks (by site, then measure or month).
void WriteSorted(const std::string& path, std::vector<std::string> rows) {
  std::sort(rows.begin(), rows.end());
  std::ofstream file(path);
  for (const std::string& row : rows) {
    file << row << "\n";
  }
}

// The chart query of QUERIES.md: limits from the baseline months.
app::MeasureChartQuery BaselineQuery() {
  app::MeasureChartQuery query;
  query.baseline_before_ms = *ParseDateMs(kBaselineEnd);
  return query;
}

// A facilitator of the community (Q2, Q3).
app::RequestContext Community() {
  return {
      app::Principal{0, "bench.facilitator", {{Role::kFacilitator, std::nullopt, std::nullopt}}},
      "bench", "cli"};
}

int Rescan(const std::string& db, const std::string& out_dir, double min_seconds) {
  auto store = Must(store::Open(db), "open " + db);
  app::App app(*store);
  app.measures().SetMinCell(1);
  const auto t0 = Clock::now();
  Must(store->Read([](store::Repositories& r) { return r.Registry().CatchUpScan(); }),
       "catch up the observation file");
  const double catch_up_ms = std::chrono::duration<double, std::milli>(Clock::now() - t0).count();
  std::vector<MeasureDefinition> measures = BenchMeasures();
  measures.pop_back();  // M11's mean is Q3's
  std::vector<app::MeasureChartView> q2;
  const auto run_q2 = [&] {
    q2 = Must(app.measures().PreviewMeasures(Community(), measures, BaselineQuery()), "Q2 rescan");
  };
  json out = {{"catch_up_ms", catch_up_ms}, {"q2", Time(run_q2, min_seconds)}};
  out["peak_rss_mb"] = static_cast<double>(KibOf("VmHWM:")) / 1024;
  std::vector<std::string> rows;
  for (const auto& view : q2) {
    AddProportionRows(view, rows);
  }
  WriteSorted(out_dir + "/q2-rescan.csv", std::move(rows));
  std::cout << out.dump() << "\n";
  return 0;
}

int Query(const std::string& db, const std::string& out_dir, double min_seconds) {
  const long rss_start = KibOf("VmRSS:");
  auto store = Must(store::Open(db), "open " + db);
  app::App app(*store);
  // Every site's cells are compared, so none is suppressed.
  app.measures().SetMinCell(1);
  const auto t0 = Clock::now();
  Must(app.measures().LoadMeasures(), "load the measure store");
  const double load_ms = std::chrono::duration<double, std::milli>(Clock::now() - t0).count();

  // The community (Q2, Q3) and an admin of site S03 (Q1).
  const app::RequestContext community = Community();
  Id s03 = 0;
  for (const Site& site : Must(app.community().ListSites(community, {0, 500}), "sites").items) {
    s03 = site.name == "S03" ? site.id : s03;
  }
  const app::RequestContext site_admin{
      app::Principal{0, "bench.s03", {{Role::kAdmin, s03, std::nullopt}}}, "bench", "cli"};
  const app::MeasureChartQuery query = BaselineQuery();
  app::MeasureChartQuery xmr = query;
  xmr.mr_screening = false;  // QUERIES.md's XmR: the plain average moving range

  app::MeasureChartView q1;
  std::vector<app::MeasureChartView> q2;
  app::MeasureChartView q3;
  const auto run_q1 = [&] {
    q1 = Must(app.measures().SiteMeasureChart(site_admin, MeasureId(1), s03, std::nullopt, query),
              "Q1");
  };
  const auto run_q2 = [&] {
    q2.clear();
    for (int m = 1; m <= 20; ++m) {
      q2.push_back(Must(app.measures().CrossSiteMeasure(community, MeasureId(m), query), "Q2"));
    }
  };
  const auto run_q3 = [&] {
    q3 = Must(app.measures().CrossSiteMeasure(community, "m11-mean", xmr), "Q3");
  };
  json out = {{"load_store_ms", load_ms},
              {"q1", Time(run_q1, min_seconds)},
              {"q2", Time(run_q2, min_seconds)},
              {"q3", Time(run_q3, min_seconds)}};
  out["rss_mb"] = static_cast<double>(KibOf("VmRSS:")) / 1024;
  out["rss_growth_mb"] = static_cast<double>(KibOf("VmRSS:") - rss_start) / 1024;
  out["peak_rss_mb"] = static_cast<double>(KibOf("VmHWM:")) / 1024;

  std::vector<std::string> rows;
  AddProportionRows(q1, rows);
  WriteSorted(out_dir + "/q1.csv", std::move(rows));
  rows.clear();
  for (const auto& view : q2) {
    AddProportionRows(view, rows);
  }
  WriteSorted(out_dir + "/q2.csv", std::move(rows));
  // Q3 rows: site_id,month,x,mr,cl,sigma,lcl,ucl,signal.
  rows.clear();
  for (const app::MeasureSeries& s : q3.series) {
    std::optional<double> previous;
    for (const auto& p : s.chart.points) {
      const double x = *p.y;
      rows.push_back(fmt::format("{},{},{},{},{},{},{},{},{}", s.site, s.x[p.index - 1], Num(x),
                                 previous ? Num(std::fabs(x - *previous)) : "", Opt(p.cl),
                                 Num((*p.ucl - *p.cl) / 3), Opt(p.lcl), Opt(p.ucl),
                                 p.sigma_signal ? 1 : 0));
      previous = x;
    }
  }
  WriteSorted(out_dir + "/q3.csv", std::move(rows));
  std::cout << out.dump() << "\n";
  return 0;
}

}  // namespace
}  // namespace covalue::bench

int Main(int argc, char** argv) {
  using covalue::bench::Die;
  std::map<std::string, std::string> args;
  for (int i = 2; i + 1 < argc; i += 2) {
    args[argv[i]] = argv[i + 1];
  }
  const std::string command = argc > 1 ? argv[1] : "";
  covalue::app::crypto::InitCrypto();
  if (command == "load" && args.contains("--data") && args.contains("--db")) {
    return covalue::bench::Load(args["--data"], args["--db"]);
  }
  if (command == "query" && args.contains("--db") && args.contains("--out")) {
    return covalue::bench::Query(
        args["--db"], args["--out"],
        args.contains("--min-seconds") ? std::stod(args["--min-seconds"]) : 0.1);
  }
  if (command == "rescan" && args.contains("--db") && args.contains("--out")) {
    return covalue::bench::Rescan(
        args["--db"], args["--out"],
        args.contains("--min-seconds") ? std::stod(args["--min-seconds"]) : 0.1);
  }
  Die("usage: covalue_registry_bench load --data DIR --db FILE | query|rescan --db FILE --out "
      "DIR [--min-seconds S]");
}

int main(int argc, char** argv) {
  try {
    return Main(argc, argv);
  } catch (const std::exception& e) {
    std::cerr << "covalue_registry_bench: " << e.what() << "\n";
    return 1;
  }
}
