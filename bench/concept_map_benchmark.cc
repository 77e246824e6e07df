// The concept-mapping analysis on a study's files (bench/research/gen_concept_map.py writes
// them): its phases and the whole, with the stress reached. The study's folder comes from
// COVALUE_STUDY (default: the 100-statement study concept_map.sh makes).

#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>

#include <benchmark/benchmark.h>

#include "formats/concept_map_csv.h"
#include "research/concept_map/concept_map.h"

namespace {

using namespace covalue;

std::string Slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

const formats::ConceptMapInput& Study() {
  static const formats::ConceptMapInput input = [] {
    const char* dir = std::getenv("COVALUE_STUDY");
    const std::string folder = dir != nullptr ? dir : "build/bench/study-100";
    static const std::string statements = Slurp(folder + "/statements.csv");
    static const std::string sorts = Slurp(folder + "/sorts.csv");
    static const std::string ratings = Slurp(folder + "/ratings.csv");
    auto read = formats::ReadConceptMapFiles(
        {{"statements.csv", statements}, {"sorts.csv", sorts}, formats::NamedText{"ratings.csv", ratings}});
    if (!read) {
      std::fprintf(stderr, "%s: %s\n", folder.c_str(),
                   read.error().empty() ? "?" : formats::ProblemText(read.error()[0]).c_str());
      std::exit(2);
    }
    return *read;
  }();
  return input;
}

std::vector<double> Dissimilarities(const research::ConceptMapStudy& study) {
  const std::size_t n = study.statements.size();
  const auto t = research::SimilarityMatrix(n, study.sorts);
  std::vector<double> delta(n * n, 0);
  for (std::size_t i = 0; i < n * n; ++i) {
    delta[i] = i % (n + 1) == 0 ? 0 : static_cast<double>(study.sorts.size() + 1) - t[i];
  }
  return delta;
}

void BM_Torgerson(benchmark::State& state) {
  const auto delta = Dissimilarities(Study().study);
  for (auto _ : state) {
    benchmark::DoNotOptimize(research::Torgerson(delta, Study().study.statements.size()));
  }
}
BENCHMARK(BM_Torgerson)->Unit(benchmark::kMillisecond);

void BM_SmacofOneStart(benchmark::State& state) {
  const auto delta = Dissimilarities(Study().study);
  const auto start = research::Torgerson(delta, Study().study.statements.size());
  research::SmacofOptions options;
  options.starts = 1;
  research::SmacofResult result;
  for (auto _ : state) {
    result = research::Smacof(delta, start, options);
  }
  state.counters["stress1"] = result.stress1;
  state.counters["iterations"] = static_cast<double>(result.iterations);
}
BENCHMARK(BM_SmacofOneStart)->Unit(benchmark::kMillisecond);

void BM_WardAndHints(benchmark::State& state) {
  const auto delta = Dissimilarities(Study().study);
  const auto map = research::Torgerson(delta, Study().study.statements.size());
  research::ConceptMapOptions options;
  options.coordinates = map;
  for (auto _ : state) {
    benchmark::DoNotOptimize(research::AnalyseConceptMap(Study().study, options));
  }
}
BENCHMARK(BM_WardAndHints)->Unit(benchmark::kMillisecond);

void BM_WholeAnalysis(benchmark::State& state) {
  research::ConceptMapOptions options;
  options.smacof.starts = static_cast<std::size_t>(state.range(0));
  double stress = 0;
  for (auto _ : state) {
    stress = research::AnalyseConceptMap(Study().study, options).stress1;
  }
  state.counters["stress1"] = stress;
}
BENCHMARK(BM_WholeAnalysis)->Arg(8)->Unit(benchmark::kMillisecond)->UseRealTime();

}  // namespace

BENCHMARK_MAIN();
