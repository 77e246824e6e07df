// covalue delphi: a modified Delphi's statistics from its files, without a database.

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "cli/commands/commands.h"
#include "cli/commands/research_files.h"
#include "cli/exit_code.h"
#include "formats/csv_file.h"
#include "formats/delphi_csv.h"
#include "report/delphi_sheets.h"
#include "http/json/research_json.h"

namespace covalue::cli {
namespace {

struct DelphiOptions {
  std::string items;
  std::string ratings;
  int percentile = 7;
  bool json = false;
  OutputFiles outputs;
};

// items.csv's texts by item id (the file is checked already).
std::map<std::string, std::string> ItemTexts(const std::string& csv) {
  std::map<std::string, std::string> texts;
  bool header = true;
  (void)formats::ReadCsv(csv, [&](const formats::CsvRecord& r) -> Status {
    if (!header && r.fields.size() >= 2) texts[r.fields[0]] = r.fields[1];
    header = false;
    return Ok();
  });
  return texts;
}

std::string Cell(const std::optional<double>& value) {
  return value ? fmt::format("{:.4g}", *value) : "-";
}

void PrintText(const research::DelphiAnalysis& a) {
  fmt::print("modified Delphi: {} item(s), round(s) {}, percentiles by Hyndman-Fan type {}\n",
             a.items.size(), fmt::join(a.rounds, ", "), static_cast<int>(a.percentile_type));
  fmt::print("{:<12} {:>5} {:<14} {:>3} {:>6} {:>6} {:>6} {:<13} {:<13} {}\n", "item", "round",
             "group", "n", "median", "IPR", "IPRAS", "RAND/UCLA", "percent rule", "stable");
  const auto row = [](const std::string& item, int round, const std::string& group,
                      const research::DelphiStats& s, const std::string& stable) {
    fmt::print("{:<12} {:>5} {:<14} {:>3} {:>6} {:>6} {:>6} {:<13} {:<13} {}\n", item, round,
               group, s.n, Cell(s.median), Cell(s.ipr), Cell(s.ipras),
               s.rand_classification ? research::BandName(*s.rand_classification) : "-",
               s.percent_rule ? research::PercentRuleName(*s.percent_rule) : "-", stable);
  };
  for (const research::DelphiItemResult& item : a.items) {
    for (const research::DelphiItemRound& round : item.rounds) {
      std::string stable = "-";
      if (round.stability && round.stability->stable_by_15pct_rule_9cat) {
        stable = fmt::format("{} (15 % rule), {} (Wilcoxon)",
                             *round.stability->stable_by_15pct_rule_9cat ? "yes" : "no",
                             round.stability->stable_by_wilcoxon_p_ge_0_05 ? "yes" : "no");
      }
      row(item.item, round.round, "all", round.all, stable);
      for (std::size_t g = 0; g < round.groups.size(); ++g) {
        row(item.item, round.round, a.groups[g], round.groups[g], "");
      }
    }
  }
}

int Delphi(const DelphiOptions& o) {
  auto texts = ReadFiles({{"--items", o.items}, {"--ratings", o.ratings}});
  if (!texts) {
    return ReportError(texts.error());
  }
  auto panel = formats::ReadDelphiFiles({o.items, texts->at("--items")},
                                        {o.ratings, texts->at("--ratings")});
  if (!panel) {
    return ReportProblems(panel.error());
  }
  const auto analysis =
      research::AnalyseDelphi(*panel, static_cast<research::PercentileType>(o.percentile));
  const auto sheets = report::DelphiSheets(analysis, ItemTexts(texts->at("--items")));
  const report::StudyReport pdf{
      "Modified Delphi",
      {fmt::format("{} items; rounds {}; percentiles by Hyndman-Fan type {}.",
                   analysis.items.size(), fmt::join(analysis.rounds, ", "), o.percentile)},
      std::nullopt,
      report::DelphiReportTables(sheets)};
  if (auto written = WriteOutputs(o.outputs, sheets, pdf); !written) {
    return ReportError(written.error());
  }
  if (o.json) {
    fmt::print("{}\n", http::DelphiJson(analysis).dump(2));
  } else {
    PrintText(analysis);
  }
  return kExitOk;
}

}  // namespace

void AddDelphiCommand(CLI::App& root, int* exit_code) {
  auto options = std::make_shared<DelphiOptions>();
  auto* command = root.add_subcommand(
      "delphi",
      "A modified Delphi's statistics per item, round and group: RAND/UCLA classification, "
      "percent and IQR rules, stability between rounds (README \"Research analyses\")");
  command->add_option("--items", options->items, "items.csv: item_id,text")->required();
  command
      ->add_option("--ratings", options->ratings,
                   "ratings.csv: round,panelist_id,group,item_id,value (1-9)")
      ->required();
  command
      ->add_option("--percentile", options->percentile,
                   "the Hyndman-Fan type of P30, P70, Q1 and Q3: 7 (R's default), 6 or 2")
      ->check(CLI::IsMember({7, 6, 2}))
      ->default_val(7);
  command->add_flag("--json", options->json, "one JSON document (README's contract)");
  AddOutputOptions(*command, &options->outputs);
  command->callback([options, exit_code] { *exit_code = Delphi(*options); });
}

}  // namespace covalue::cli
