// covalue spc: one SPC chart of a CSV file, in qicharts2's vocabulary, without a database.

#include <cmath>
#include <fstream>
#include <sstream>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "analytics/spc/chart.h"
#include "analytics/spc/mdc.h"
#include "cli/commands/commands.h"
#include "cli/exit_code.h"
#include "formats/spc_table.h"
#include "http/json/spc_json.h"
#include "report/spc_cairo.h"
#include "report/spc_svg.h"

namespace covalue::cli {
namespace {

using json = nlohmann::ordered_json;  // members in the documented order
namespace spc = analytics::spc;

struct SpcOptions {
  std::string csv;
  std::string chart;
  formats::SpcColumns columns;
  std::optional<std::size_t> freeze;
  std::vector<std::size_t> parts;
  std::vector<std::size_t> exclude;
  double multiply = 1;
  std::optional<double> target;
  std::string mr_screening = "on";
  std::string rules = "anhoej";
  std::string improvement;  // with mdc: "higher" or "lower", for the icons
  // Files to draw the charts in.
  std::string svg;
  std::string png;
  std::string pdf;
  bool json = false;
};

std::string Cell(const std::optional<double>& value) {
  return value ? fmt::format("{:.6g}", *value) : "-";
}

void PrintText(const spc::Chart& chart, const formats::SpcFacet& facet) {
  if (facet.name) {
    fmt::print("facet {}\n", *facet.name);
  }
  fmt::print("{:>5}  {:<12} {:>4} {:>12} {:>12} {:>12} {:>12}  {}\n", "index", "x", "part", "y",
             "cl", "lcl", "ucl", "signals");
  for (const spc::ChartPoint& p : chart.points) {
    std::string signals;
    for (std::string_view s : p.signals) {
      signals += fmt::format("{}{}", signals.empty() ? "" : ",", s);
    }
    fmt::print("{:>5}  {:<12} {:>4} {:>12} {:>12} {:>12} {:>12}  {}{}\n", p.index,
               facet.x[p.index - 1], p.part, Cell(p.y), Cell(p.cl), Cell(p.lcl), Cell(p.ucl),
               signals, p.include ? "" : " (excluded)");
  }
  for (const spc::ChartPart& part : chart.parts) {
    fmt::print(
        "part {}: {} useful of {} points; longest run {} (signal above {}); {} crossings "
        "(signal below {}){}\n",
        part.part, part.n_useful, part.n_obs, part.longest_run, part.longest_run_max,
        part.n_crossings, part.n_crossings_min, part.runs_signal ? ": non-random variation" : "");
  }
  for (const spc::ChartPoint& p : chart.points) {
    if (!p.signals.empty()) {
      fmt::print("{} ({}): {}\n", p.index, facet.x[p.index - 1], p.explanation);
    }
  }
}

int Spc(const SpcOptions& o) {
  const auto type = spc::ParseChartType(o.chart);
  if (!type) {
    return ReportError(Error{ErrorCode::kInvalidArgument,
                             fmt::format("--chart {} is not one of run, i, mr, xbar, s, t, p, pp, "
                                         "c, u, up, g",
                                         o.chart),
                             "--chart"});
  }
  std::ifstream in(o.csv, std::ios::binary);
  if (!in) {
    return ReportError(
        Error{ErrorCode::kInvalidArgument, fmt::format("{}: cannot be read", o.csv), "--csv"});
  }
  std::stringstream text;
  text << in.rdbuf();
  auto facets = formats::ReadSpcTable(text.str(), o.columns);
  if (!facets) {
    return ReportError(Error{facets.error().code,
                             fmt::format("{}: {}", o.csv, facets.error().message),
                             facets.error().field});
  }
  spc::ChartOptions options;
  options.type = *type;
  options.freeze = o.freeze;
  options.parts = o.parts;
  options.exclude = o.exclude;
  options.multiply = o.multiply;
  options.target = o.target;
  options.mr_screening = o.mr_screening == "on";
  options.rules = o.rules == "mdc" ? spc::Rules::kMdc : spc::Rules::kAnhoej;
  json out = {{"chart", o.chart}, {"rules", o.rules}, {"facets", json::array()}};
  bool named = false;              // the text output names the chart and its rules once
  std::vector<spc::Chart> charts;  // kept for the drawing
  charts.reserve(facets->size());
  for (const formats::SpcFacet& facet : *facets) {
    auto chart = spc::ComputeChart(facet.subgroups, options);
    if (!chart) {
      return ReportError(Error{chart.error().code,
                               facet.name
                                   ? fmt::format("facet {}: {}", *facet.name, chart.error().message)
                                   : chart.error().message,
                               chart.error().field});
    }
    charts.push_back(*chart);
    // Making Data Count's icons need the direction of improvement.
    std::optional<spc::MdcIcons> icons;
    if (o.rules == "mdc" && !o.improvement.empty()) {
      icons = spc::IconsOf(
          *chart,
          o.improvement == "higher" ? Direction::kHigherIsBetter : Direction::kLowerIsBetter,
          o.target);
    }
    if (!o.json) {
      if (!named) {
        fmt::print("{} chart, {}\n", o.chart,
                   o.rules == "mdc" ? "NHS Making Data Count rules (NHSRplotthedots 0.2.2)"
                                    : "Anhøj's runs rules and Shewhart's 3-sigma rule (qicharts2)");
        named = true;
      }
      PrintText(*chart, facet);
      if (icons && icons->variation) {
        fmt::print("variation: {}{}\n", spc::VariationName(*icons->variation),
                   icons->assurance
                       ? fmt::format("; assurance: {}", spc::AssuranceName(*icons->assurance))
                       : "");
      }
      continue;
    }
    json parts = json::array();
    for (const spc::ChartPart& part : chart->parts) {
      parts.push_back(http::SpcPartJson(part));
    }
    json points = json::array();
    for (const spc::ChartPoint& point : chart->points) {
      const std::string& x = facet.x[point.index - 1];
      points.push_back(http::SpcPointJson(point, facet.numeric_x ? json(std::stod(x)) : json(x)));
    }
    json item = {{"facet", facet.name ? json(*facet.name) : json(nullptr)},
                 {"parts", parts},
                 {"points", points}};
    if (icons) {
      item["variation"] =
          icons->variation ? json(spc::VariationName(*icons->variation)) : json(nullptr);
      item["assurance"] =
          icons->assurance ? json(spc::AssuranceName(*icons->assurance)) : json(nullptr);
    }
    out["facets"].push_back(std::move(item));
  }
  if (o.json) {
    fmt::print("{}\n", out.dump(2));
  }
  std::vector<report::SpcPanel> panels;
  for (std::size_t i = 0; i < facets->size(); ++i) {
    const formats::SpcFacet& facet = (*facets)[i];
    panels.push_back(
        {fmt::format("{} chart: {}{}", o.chart, o.columns.y, facet.name ? " — " + *facet.name : ""),
         facet.x, &charts[i], o.columns.x, o.columns.y});
  }
  if (!o.svg.empty()) {
    std::ofstream file(o.svg, std::ios::binary | std::ios::trunc);
    file << report::SpcSvg(panels);
    if (!file.good()) {
      return ReportError(
          Error{ErrorCode::kInvalidArgument, fmt::format("{}: cannot be written", o.svg), "--svg"});
    }
  }
  if (!o.png.empty()) {
    if (auto written = report::WriteSpcPng(panels, o.png, "--png"); !written) {
      return ReportError(written.error());
    }
  }
  if (!o.pdf.empty()) {
    if (auto written = report::WriteSpcPdf(panels, o.pdf, "--pdf"); !written) {
      return ReportError(written.error());
    }
  }
  return kExitOk;
}

}  // namespace

void AddSpcCommand(CLI::App& root, int* exit_code) {
  auto options = std::make_shared<SpcOptions>();
  auto* command = root.add_subcommand(
      "spc",
      "One statistical process control chart of a CSV file in long format, as qicharts2 draws "
      "it (rows with the same x, and facet, form one subgroup; points are numbered from 1)");
  command->add_option("--csv", options->csv, "the CSV file (a header line)")->required();
  command->add_option("--chart", options->chart, "run, i, mr, xbar, s, t, p, pp, c, u, up or g")
      ->required();
  command->add_option("--x", options->columns.x, "the column of the subgroups' x")->required();
  command->add_option("--y", options->columns.y, "the column of the values or counts")->required();
  command->add_option("--n", options->columns.n, "the column of the denominators");
  command->add_option("--facet", options->columns.facet, "a column that splits the charts");
  command->add_option("--freeze", options->freeze,
                      "the last point of the baseline (ignored with --part)");
  command->add_option("--part", options->parts, "the last point of each part but the last")
      ->delimiter(',');
  command
      ->add_option("--exclude", options->exclude,
                   "points left out of centre, limits and runs (still tested)")
      ->delimiter(',');
  command->add_option("--multiply", options->multiply, "scale y, centre and limits (e.g. 1000)");
  command->add_option("--target", options->target, "a target value drawn beside the data");
  command
      ->add_option("--mr-screening", options->mr_screening,
                   "Nelson's screening of moving ranges for i, t, pp and up")
      ->check(CLI::IsMember({"on", "off"}))
      ->default_val("on");
  command
      ->add_option("--rules", options->rules,
                   "anhoej (qicharts2's, the default) or mdc (NHS Making Data Count, i charts)")
      ->check(CLI::IsMember({"anhoej", "mdc"}))
      ->default_val("anhoej");
  command
      ->add_option("--improvement", options->improvement,
                   "with --rules mdc: which way is better (higher or lower), for the variation "
                   "and assurance icons (assurance needs --target)")
      ->check(CLI::IsMember({"higher", "lower"}));
  command->add_flag("--json", options->json, "one JSON object in qicharts2's vocabulary");
  command->add_option("--svg", options->svg,
                      "also draw the chart (a panel per facet) in this SVG file");
  command->add_option("--png", options->png, "… in this PNG file (cairo, twice the SVG's size)");
  command->add_option("--pdf", options->pdf, "… in this PDF file (cairo, vector)");
  command->callback([options, exit_code] { *exit_code = Spc(*options); });
}

}  // namespace covalue::cli
