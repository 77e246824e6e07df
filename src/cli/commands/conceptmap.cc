// covalue conceptmap: a group concept map's analysis from its files, without a database.

#include <charconv>
#include <fstream>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "cli/commands/commands.h"
#include "cli/commands/research_files.h"
#include "cli/exit_code.h"
#include "formats/concept_map_csv.h"
#include "http/json/research_json.h"
#include "report/concept_map_drawing.h"
#include "report/concept_map_sheets.h"

namespace covalue::cli {
namespace {

struct ConceptMapOptions {
  std::string statements;
  std::string sorts;
  std::string ratings;
  std::string coordinates;
  std::optional<std::size_t> k;
  std::size_t starts = 8;
  std::uint64_t seed = 1;
  std::string scale = "1-5";
  bool json = false;
  std::string svg;
  std::string png;
  std::string pdf;
  OutputFiles outputs;
};

std::string Cell(const std::optional<double>& value) {
  return value ? fmt::format("{:.3f}", *value) : "-";
}

void PrintText(const research::ConceptMapStudy& study, const research::ConceptMapAnalysis& a) {
  fmt::print("concept map: {} statements, {} sorters, {} raters; stress-1 {:.4f} ({})\n",
             study.statements.size(), a.n_sorters, a.rating.n_raters, a.stress1,
             a.map_given ? "of the given map" : "non-metric SMACOF, primary ties");
  fmt::print("k = {} (best silhouette: {}; WSS rule: {})\n", a.k, a.k_best_silhouette,
             a.k_wss_rule);
  fmt::print("{:<12} {:>9} {:>9} {:>7} {:>8}\n", "statement", "x", "y", "cluster", "bridging");
  for (std::size_t i = 0; i < study.statements.size(); ++i) {
    fmt::print("{:<12} {:>9.4f} {:>9.4f} {:>7} {:>8.3f}\n", study.statements[i], a.map[i].x,
               a.map[i].y, a.clusters[i], a.bridging[i]);
  }
  for (std::size_t c = 0; c < a.k; ++c) {
    fmt::print("cluster {}: bridging {:.3f}", c + 1, a.cluster_bridging[c]);
    for (const research::RatingSeries& s : a.rating.series) {
      if (s.group == "all") {
        fmt::print("; {} {}", s.variable, Cell(s.cluster_mean_of_statement_means[c]));
      }
    }
    fmt::print("\n");
  }
  for (const research::GoZone& z : a.rating.go_zones) {
    std::size_t go = 0;
    for (const auto& q : z.quadrant) go += q == research::Quadrant::kGo ? 1 : 0;
    fmt::print("go-zone ({}): {} statements above both means of {} ({}) and {} ({}); r {}\n",
               z.group, go, z.x, Cell(z.x_threshold), z.y, Cell(z.y_threshold),
               Cell(z.pearson_r));
  }
}

std::optional<std::pair<int, int>> ParseScale(const std::string& text) {
  const auto dash = text.find('-', 1);
  if (dash == std::string::npos) return std::nullopt;
  const auto low = formats::ParseWholeNumber(text.substr(0, dash));
  const auto high = formats::ParseWholeNumber(text.substr(dash + 1));
  if (!low || !high || *low >= *high || *low < -1000000 || *high > 1000000) return std::nullopt;
  return std::pair{static_cast<int>(*low), static_cast<int>(*high)};
}

int ConceptMap(const ConceptMapOptions& o) {
  const auto scale = ParseScale(o.scale);
  if (!scale) {
    return ReportError(Error{ErrorCode::kInvalidArgument,
                             fmt::format("--scale {} is not MIN-MAX, two whole numbers with MIN "
                                         "below MAX (1-5)",
                                         o.scale),
                             "--scale"});
  }
  if (o.starts < 1 || o.starts > 1000) {
    return ReportError(
        Error{ErrorCode::kInvalidArgument, "--starts is from 1 to 1000", "--starts"});
  }
  std::map<std::string, std::string> paths = {{"--statements", o.statements}, {"--sorts", o.sorts}};
  if (!o.ratings.empty()) paths["--ratings"] = o.ratings;
  if (!o.coordinates.empty()) paths["--coordinates"] = o.coordinates;
  auto texts = ReadFiles(paths);
  if (!texts) {
    return ReportError(texts.error());
  }
  formats::ConceptMapFiles files{{o.statements, texts->at("--statements")},
                                 {o.sorts, texts->at("--sorts")},
                                 std::nullopt,
                                 std::nullopt,
                                 scale->first,
                                 scale->second};
  if (!o.ratings.empty()) files.ratings = formats::NamedText{o.ratings, texts->at("--ratings")};
  if (!o.coordinates.empty()) {
    files.coordinates = formats::NamedText{o.coordinates, texts->at("--coordinates")};
  }
  auto input = formats::ReadConceptMapFiles(files);
  if (!input) {
    return ReportProblems(input.error());
  }
  const std::size_t n = input->study.statements.size();
  if (o.k && (*o.k < 2 || *o.k > n - 1)) {
    return ReportError(Error{ErrorCode::kInvalidArgument,
                             fmt::format("--k {} is outside 2 … {} (the statements less one)",
                                         *o.k, n - 1),
                             "--k"});
  }
  ReportWarnings(input->warnings);
  research::ConceptMapOptions options;
  options.coordinates = input->coordinates;
  options.k = o.k;
  options.smacof.starts = o.starts;
  options.smacof.seed = o.seed;
  const auto analysis = research::AnalyseConceptMap(input->study, options);
  const report::ConceptMapPicture picture{&input->study, &analysis, "Concept map"};
  if (!o.svg.empty()) {
    std::ofstream file(o.svg, std::ios::binary | std::ios::trunc);
    file << report::ConceptMapSvg(picture);
    if (!file.good()) {
      return ReportError(
          Error{ErrorCode::kInvalidArgument, fmt::format("{}: cannot be written", o.svg), "--svg"});
    }
  }
  if (!o.png.empty()) {
    if (auto written = report::WriteConceptMapPng(picture, o.png, "--png"); !written) {
      return ReportError(written.error());
    }
  }
  if (!o.pdf.empty()) {
    if (auto written = report::WriteConceptMapPdf(picture, o.pdf, "--pdf"); !written) {
      return ReportError(written.error());
    }
  }
  // The piles' names from sorts.csv, so that clusters are named after them.
  research::ConceptMapStudy named = input->study;
  for (std::size_t k = 0; k < named.sorts.size() && k < input->pile_names.size(); ++k) {
    named.sorts[k].pile_names = input->pile_names[k];
  }
  const auto sheets = report::ConceptMapSheets(input->study, input->statement_texts, analysis,
                                               report::ClusterNamesOf(named, analysis));
  const report::StudyReport pdf{
      "Concept map",
      {fmt::format("{} statements, {} sorters, {} raters; k = {}; stress-1 {:.4f}.", n,
                   input->study.sorts.size(), analysis.rating.n_raters, analysis.k,
                   analysis.stress1)},
      picture,
      report::ConceptMapReportTables(sheets)};
  if (auto written = WriteOutputs(o.outputs, sheets, pdf); !written) {
    return ReportError(written.error());
  }
  if (o.json) {
    http::ConceptMapRun run;
    if (!options.coordinates) {
      run = {o.starts, o.seed};
    }
    fmt::print("{}\n", http::ConceptMapJson(input->study, analysis, run, input->warnings).dump(2));
  } else {
    PrintText(input->study, analysis);
  }
  return kExitOk;
}

}  // namespace

void AddConceptMapCommand(CLI::App& root, int* exit_code) {
  auto options = std::make_shared<ConceptMapOptions>();
  auto* command = root.add_subcommand(
      "conceptmap",
      "A group concept map's analysis: similarity, non-metric MDS, Ward's clusters, bridging, "
      "ratings, pattern matches and go-zones (README \"Research analyses\")");
  command->add_option("--statements", options->statements, "statements.csv: id,text")->required();
  command->add_option("--sorts", options->sorts, "sorts.csv: sorter_id,statement_id,pile_id")
      ->required();
  command->add_option("--ratings", options->ratings,
                      "ratings.csv: rater_id,group,statement_id,variable,value");
  command->add_option("--coordinates", options->coordinates,
                      "id,x,y: use this map instead of computing one");
  command->add_option("--k", options->k,
                      "the number of clusters for cluster-level values (default: the best "
                      "silhouette's)");
  command->add_option("--starts", options->starts,
                      "SMACOF runs: Torgerson's start and N - 1 random ones")
      ->default_val(8);
  command->add_option("--seed", options->seed, "the random starts' seed")->default_val(1);
  command->add_option("--scale", options->scale, "the ratings' scale, MIN-MAX")->default_val("1-5");
  command->add_flag("--json", options->json, "one JSON document (README's contract)");
  command->add_option("--svg", options->svg,
                      "also draw the maps, the ladder graph and the go-zone in this SVG file");
  command->add_option("--png", options->png, "… in this PNG file (cairo, twice the SVG's size)");
  command->add_option("--pdf", options->pdf, "… in this PDF file (cairo, vector)");
  AddOutputOptions(*command, &options->outputs);
  command->callback([options, exit_code] { *exit_code = ConceptMap(*options); });
}

}  // namespace covalue::cli
