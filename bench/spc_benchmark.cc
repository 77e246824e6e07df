// Google Benchmark of the SPC library and the measure store's in-memory copy: the costs a chart
// read is made of (subgroups from a period series, the chart with its runs analysis) and the
// cost of ingest (an observation's contribution to its period, in time order).
// Run: build/bench/covalue_spc_bench (or make bench).

#include <random>
#include <vector>

#include <benchmark/benchmark.h>

#include "analytics/measure_store.h"
#include "analytics/measures.h"
#include "analytics/spc/chart.h"

namespace covalue::analytics {
namespace {

std::vector<spc::Subgroup> Proportions(std::size_t points) {
  std::mt19937_64 bits(7);
  std::vector<spc::Subgroup> out;
  for (std::size_t i = 0; i < points; ++i) {
    const double n = 50.0 + static_cast<double>(bits() % 50);
    out.push_back({{std::floor(n * 0.4) + static_cast<double>(bits() % 5)}, {n}});
  }
  return out;
}

std::vector<spc::Subgroup> Values(std::size_t points) {
  std::mt19937_64 bits(11);
  std::normal_distribution<double> normal(45, 9);
  std::vector<spc::Subgroup> out;
  for (std::size_t i = 0; i < points; ++i) {
    out.push_back({{normal(bits)}, {}});
  }
  return out;
}

// A p chart with a frozen baseline of the first 24 points (../shared/bench/QUERIES.md Q1).
void PChart(benchmark::State& state) {
  const auto subgroups = Proportions(static_cast<std::size_t>(state.range(0)));
  spc::ChartOptions options;
  options.type = spc::ChartType::kP;
  options.freeze = 24;
  for (auto _ : state) {
    benchmark::DoNotOptimize(spc::ComputeChart(subgroups, options));
  }
  state.SetItemsProcessed(state.iterations() * state.range(0));
}
BENCHMARK(PChart)->Arg(60)->Arg(1000);

// An I chart (XmR) with Nelson's screening of moving ranges, as Q3 draws one per site.
void IChart(benchmark::State& state) {
  const auto subgroups = Values(static_cast<std::size_t>(state.range(0)));
  spc::ChartOptions options;
  options.type = spc::ChartType::kI;
  options.freeze = 24;
  for (auto _ : state) {
    benchmark::DoNotOptimize(spc::ComputeChart(subgroups, options));
  }
  state.SetItemsProcessed(state.iterations() * state.range(0));
}
BENCHMARK(IChart)->Arg(60)->Arg(1000);

// A run chart with Anhøj's rules only.
void RunChart(benchmark::State& state) {
  const auto subgroups = Values(static_cast<std::size_t>(state.range(0)));
  spc::ChartOptions options;
  options.type = spc::ChartType::kRun;
  for (auto _ : state) {
    benchmark::DoNotOptimize(spc::ComputeChart(subgroups, options));
  }
  state.SetItemsProcessed(state.iterations() * state.range(0));
}
BENCHMARK(RunChart)->Arg(60)->Arg(1000);

// Ingest: one observation's contribution added to its month, in time order, across 240 series.
void StoreIngest(benchmark::State& state) {
  MeasureAggregates store;
  std::int64_t ms = 1'577'836'800'000;  // 2020-01-01
  std::int64_t i = 0;
  for (auto _ : state) {
    const SeriesKey key{1 + i % 12, 1, "M" + std::to_string(i % 20), PeriodKind::kMonth};
    store.Add(key, PeriodOf(PeriodKind::kMonth, ms), {1.0, 1.0, 1.0});
    ms += 15'000;  // 10M observations span about five years
    ++i;
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(StoreIngest);

// A chart read from the copy: find the series, make its subgroups, compute the p chart.
void StoreChartRead(benchmark::State& state) {
  MeasureAggregates store;
  std::mt19937_64 bits(3);
  for (int site = 1; site <= 12; ++site) {
    for (int m = 0; m < 20; ++m) {
      for (std::int64_t month = 600; month < 660; ++month) {
        for (int k = 0; k < 40; ++k) {
          store.Add({site, 1, "M" + std::to_string(m), PeriodKind::kMonth}, month,
                    {1.0, static_cast<double>(bits() % 2), 1.0});
        }
      }
    }
  }
  const SeriesKey key{3, 1, "M1", PeriodKind::kMonth};
  spc::ChartOptions options;
  options.type = spc::ChartType::kP;
  options.freeze = 24;
  for (auto _ : state) {
    const auto subgroups = SubgroupsOf(store.Series(key), MeasureKind::kProportion);
    benchmark::DoNotOptimize(spc::ComputeChart(subgroups, options));
  }
}
BENCHMARK(StoreChartRead);

}  // namespace
}  // namespace covalue::analytics

BENCHMARK_MAIN();
