#include "report/delphi_sheets.h"

#include <fmt/format.h>

#include "report/study_report.h"

namespace covalue::report {
namespace {

SheetCell Number(const std::optional<double>& v) {
  return v ? SheetCell(*v) : SheetCell(std::string());
}
SheetCell Flag(const std::optional<bool>& v) {
  return v ? SheetCell(std::string(*v ? "true" : "false")) : SheetCell(std::string());
}
SheetCell Count(std::size_t n) { return static_cast<double>(n); }

constexpr const char* kConventions[] = {
    "Ratings 1-9 per item, round and panelist; a missing rating is no rating. Statistics per "
    "item, round and group: all respondents first, then each group (groups only with two or "
    "more).",
    "Median: of an even count, the mean of the two middle values. sd: n - 1, empty below 2.",
    "P30, P70, Q1, Q3: Hyndman and Fan's quantile type named in percentile_type (7 is R's "
    "default; 6 and 2 the alternatives).",
    "IPR = P70 - P30; IPRCP = (P30 + P70) / 2; AI = |5 - IPRCP|; IPRAS = 2.35 + 1.5 AI; "
    "disagreement when IPR > IPRAS strictly, decided exactly (RAND/UCLA manual).",
    "Median band: 7 and above appropriate, 3 and below inappropriate, else uncertain. RAND "
    "class: uncertain in disagreement, else the median's band.",
    "Percent rule: consensus_in when at least 70 % rate 7-9 and at most 15 % rate 1-3; "
    "consensus_out the mirror; else no_consensus.",
    "Classic count rules (panels of 8-16): disagreement when at least d rate 1-3 and at least d "
    "rate 7-9; agreement when at most a rate outside the three-point region holding the median; "
    "d/a = 3/2 (8-10), 4/3 (11-13), 5/4 (14-16).",
    "Stability from the round before: distribution change 50 sum |p_c(r) - p_c(r-1)| over the 9 "
    "ratings and the 3 bands, stable below 15; over panelists in both rounds, the share who "
    "changed rating or band, the mean absolute change, and Wilcoxon's signed-rank test (zero "
    "differences dropped, mid-ranks, tie correction, no continuity correction, p = 2 Phi(-|z|), "
    "stable when p >= 0.05).",
};

}  // namespace

std::vector<Sheet> DelphiSheets(const research::DelphiAnalysis& a,
                                const std::map<std::string, std::string>& texts) {
  Sheet items{"Items",
              {"item", "text", "round", "group", "n", "median", "mean", "sd", "p30", "p70", "ipr",
               "iprcp", "ai", "ipras", "disagreement", "median_band", "rand_classification",
               "count_1_3", "count_4_6", "count_7_9", "pct_1_3", "pct_4_6", "pct_7_9",
               "percent_rule", "q1", "q3", "iqr", "iqr_le_1", "iqr_le_1_and_median_ge_7"},
              {},
              {10, 40}};
  for (int v = 1; v <= 9; ++v) items.headings.push_back(fmt::format("rated_{}", v));
  for (const char* h : {"classic_disagreement", "classic_agreement",
                        "classification_depends_on_percentile_method",
                        "percent_rule_in_every_group"}) {
    items.headings.push_back(h);
  }
  Sheet stability{"Stability",
                  {"item", "round", "n_paired", "distribution_change_pct_9cat",
                   "distribution_change_pct_3band", "stable_by_15pct_rule_9cat", "median_change",
                   "pct_paired_changed_rating", "pct_paired_changed_band",
                   "mean_abs_change_paired", "wilcoxon_statistic", "wilcoxon_p_approx",
                   "stable_by_wilcoxon_p_ge_0_05"},
                  {},
                  {}};
  const auto name = [](const std::optional<research::Band>& b) {
    return b ? SheetCell(std::string(research::BandName(*b))) : SheetCell(std::string());
  };
  for (const research::DelphiItemResult& item : a.items) {
    const auto text = texts.find(item.item);
    for (const research::DelphiItemRound& round : item.rounds) {
      for (std::size_t g = 0; g <= round.groups.size(); ++g) {
        const research::DelphiStats& s = g == 0 ? round.all : round.groups[g - 1];
        std::vector<SheetCell> row = {
            item.item, text == texts.end() ? std::string() : text->second,
            static_cast<double>(round.round), g == 0 ? std::string("all") : a.groups[g - 1],
            Count(s.n), Number(s.median), Number(s.mean), Number(s.sd), Number(s.p30),
            Number(s.p70), Number(s.ipr), Number(s.iprcp), Number(s.ai), Number(s.ipras),
            Flag(s.disagreement), name(s.median_band), name(s.rand_classification),
            Count(s.band_counts[0]), Count(s.band_counts[1]), Count(s.band_counts[2]),
            Number(s.band_pct[0]), Number(s.band_pct[1]), Number(s.band_pct[2]),
            s.percent_rule ? SheetCell(std::string(research::PercentRuleName(*s.percent_rule)))
                           : SheetCell(std::string()),
            Number(s.q1), Number(s.q3), Number(s.iqr), Flag(s.iqr_le_1),
            Flag(s.iqr_le_1_and_median_ge_7)};
        for (std::size_t v : s.histogram) row.push_back(Count(v));
        row.push_back(s.classic_count_rules ? Flag(s.classic_count_rules->disagreement)
                                            : SheetCell(std::string()));
        row.push_back(s.classic_count_rules ? Flag(s.classic_count_rules->agreement)
                                            : SheetCell(std::string()));
        row.push_back(Flag(s.classification_depends_on_percentile_method));
        row.push_back(g == 0 ? Flag(round.percent_rule_in_every_group) : SheetCell(std::string()));
        items.rows.push_back(std::move(row));
      }
      if (round.stability) {
        const research::DelphiStability& s = *round.stability;
        stability.rows.push_back(
            {item.item, static_cast<double>(round.round), Count(s.n_paired),
             Number(s.distribution_change_pct_9cat), Number(s.distribution_change_pct_3band),
             Flag(s.stable_by_15pct_rule_9cat), Number(s.median_change),
             Number(s.pct_paired_changed_rating), Number(s.pct_paired_changed_band),
             Number(s.mean_abs_change_paired), Number(s.wilcoxon_statistic),
             Number(s.wilcoxon_p_approx), Flag(s.stable_by_wilcoxon_p_ge_0_05)});
      }
    }
  }
  Sheet conventions{"Conventions", {"convention"}, {}, {120}};
  conventions.rows.push_back({fmt::format("Percentile type: {}", static_cast<int>(a.percentile_type))});
  for (const char* text : kConventions) conventions.rows.push_back({std::string(text)});
  return {std::move(items), std::move(stability), std::move(conventions)};
}

std::vector<Sheet> DelphiReportTables(const std::vector<Sheet>& sheets) {
  std::vector<Sheet> tables;
  for (const Sheet& sheet : sheets) {
    if (sheet.name == "Items") {
      tables.push_back(Narrowed(sheet, [](const std::string& h) {
        return h == "item" || h == "text" || h == "round" || h == "group" || h == "n" ||
               h == "median" || h == "ipr" || h == "ipras" || h == "rand_classification" ||
               h == "pct_7_9" || h == "percent_rule";
      }));
    } else if (sheet.name == "Stability") {
      tables.push_back(Narrowed(sheet, [](const std::string& h) {
        return h == "item" || h == "round" || h == "n_paired" ||
               h == "distribution_change_pct_9cat" || h == "stable_by_15pct_rule_9cat" ||
               h == "wilcoxon_p_approx" || h == "stable_by_wilcoxon_p_ge_0_05";
      }));
    } else {
      tables.push_back(sheet);
    }
  }
  return tables;
}

}  // namespace covalue::report
