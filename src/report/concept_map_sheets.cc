#include "report/concept_map_sheets.h"

#include <fmt/format.h>

#include "report/study_report.h"
#include "research/concept_map/reading.h"

namespace covalue::report {
namespace {

SheetCell Number(const std::optional<double>& v) {
  return v ? SheetCell(*v) : SheetCell(std::string());
}

constexpr const char* kConventions[] = {
    "Similarity T_ij: the number of sorters who put statements i and j in one pile; T_ii = N, "
    "the number of sorters; a statement a sorter left out is a pile of its own.",
    "Dissimilarity: N + 1 - T_ij (0 on the diagonal).",
    "Map: non-metric multidimensional scaling in 2 dimensions by SMACOF with Kruskal's primary "
    "approach to ties; the Torgerson start and seeded random starts; the map of least stress-1 "
    "kept, centred and turned to its principal axes.",
    "Stress-1: sqrt(sum (d - dhat)^2 / sum d^2) over pairs, dhat the least-squares "
    "non-decreasing regression of the map's distances d on the dissimilarities, ties free.",
    "Clusters: Ward's method on the map's coordinates, ward.D2's scale (height sqrt(2 dSS)), "
    "numbered by first appearance in statement order.",
    "WSS: the sum of squared distances to each cluster's centroid. Silhouette: the mean of "
    "(b - a) / max(a, b); a statement alone in its cluster counts 0.",
    "k hints: the best mean silhouette over k = 2 … max(2, n/4); the WSS rule: the first k with "
    "ln WSS_k - ln WSS_k+1 < 0.1 up to max(2, n/3).",
    "Bridging: raw_i = sum_j T_ij d_ij / sum_j T_ij (j ≠ i; d on the map; the mean distance to "
    "every other statement when nobody put i with another), then (raw - min) / (max - min); a "
    "cluster's bridging is its statements' mean.",
    "Ratings: per variable and group (all, then each group); a statement's mean and sd (n - 1) "
    "of the ratings present; a cluster's mean of statement means and pooled mean.",
    "Pattern matches: Pearson's r across clusters between two series.",
    "Go-zone: x the first variable, y the second; thresholds the mean of statement means; go is "
    "strictly above both.",
};

}  // namespace

std::vector<std::string> ClusterNamesOf(const research::ConceptMapStudy& study,
                                        const research::ConceptMapAnalysis& analysis,
                                        const std::vector<std::string>& given) {
  const auto suggested = research::SuggestClusterNames(study.sorts, analysis.clusters, analysis.k);
  std::vector<std::string> names(analysis.k);
  for (std::size_t c = 0; c < analysis.k; ++c) {
    if (c < given.size() && !given[c].empty()) {
      names[c] = given[c];
    } else if (c < suggested.size() && suggested[c]) {
      names[c] = *suggested[c];
    }
  }
  return names;
}

std::vector<Sheet> ConceptMapSheets(const research::ConceptMapStudy& study,
                                    const std::vector<std::string>& texts,
                                    const research::ConceptMapAnalysis& a,
                                    const std::vector<std::string>& names) {
  const std::size_t n = study.statements.size();
  std::vector<Sheet> sheets;

  Sheet statements{"Statements", {"id", "text", "x", "y", "cluster", "bridging", "bridging_raw"},
                   {}, {10, 60, 12, 12, 9, 10, 12}};
  for (const research::RatingSeries& s : a.rating.series) {
    for (const char* what : {"n", "mean", "sd"}) {
      statements.headings.push_back(fmt::format("{} {}", s.Key(), what));
    }
  }
  for (std::size_t i = 0; i < n; ++i) {
    std::vector<SheetCell> row = {study.statements[i], i < texts.size() ? texts[i] : std::string(),
                                  a.map[i].x, a.map[i].y, static_cast<double>(a.clusters[i]),
                                  a.bridging[i], a.bridging_raw[i]};
    for (const research::RatingSeries& s : a.rating.series) {
      row.push_back(static_cast<double>(s.statements[i].n));
      row.push_back(Number(s.statements[i].mean));
      row.push_back(Number(s.statements[i].sd));
    }
    statements.rows.push_back(std::move(row));
  }
  sheets.push_back(std::move(statements));

  Sheet clusters{"Clusters", {"cluster", "statements", "bridging"}, {}, {}};
  if (!names.empty()) clusters.headings.insert(clusters.headings.begin() + 1, "name");
  for (const research::RatingSeries& s : a.rating.series) {
    clusters.headings.push_back(s.Key() + " mean of statement means");
    clusters.headings.push_back(s.Key() + " pooled mean");
  }
  for (std::size_t c = 0; c < a.k; ++c) {
    double size = 0;
    for (std::size_t cluster : a.clusters) size += cluster == c + 1 ? 1 : 0;
    std::vector<SheetCell> row = {static_cast<double>(c + 1), size, a.cluster_bridging[c]};
    if (!names.empty()) row.insert(row.begin() + 1, c < names.size() ? names[c] : std::string());
    for (const research::RatingSeries& s : a.rating.series) {
      row.push_back(Number(s.cluster_mean_of_statement_means[c]));
      row.push_back(Number(s.cluster_pooled_mean[c]));
    }
    clusters.rows.push_back(std::move(row));
  }
  sheets.push_back(std::move(clusters));

  Sheet similarity{"Similarity", {"id"}, {}, {}};
  for (const std::string& id : study.statements) similarity.headings.push_back(id);
  for (std::size_t i = 0; i < n; ++i) {
    std::vector<SheetCell> row = {study.statements[i]};
    for (std::size_t j = 0; j < n; ++j) row.push_back(static_cast<double>(a.similarity[i * n + j]));
    similarity.rows.push_back(std::move(row));
  }
  sheets.push_back(std::move(similarity));

  Sheet hints{"Hints", {"k", "WSS", "mean silhouette", "merge height"}, {}, {}};
  for (const auto& [k, wss] : a.wss_by_k) {
    hints.rows.push_back({static_cast<double>(k), wss, a.silhouette_by_k.at(k),
                          a.tree.heights[a.tree.heights.size() - (k - 1)]});
  }
  hints.rows.push_back({std::string("chosen k"), static_cast<double>(a.k)});
  hints.rows.push_back({std::string("best silhouette k"), static_cast<double>(a.k_best_silhouette)});
  hints.rows.push_back({std::string("WSS rule k"), static_cast<double>(a.k_wss_rule)});
  hints.rows.push_back({std::string("stress-1"), a.stress1});
  sheets.push_back(std::move(hints));

  Sheet zones{"Go-zone", {"group", "x", "y", "x threshold", "y threshold", "Pearson r",
                          "Spearman rho", "Kendall tau-b", "statement", "quadrant"}, {}, {}};
  for (const research::GoZone& z : a.rating.go_zones) {
    for (std::size_t i = 0; i < n; ++i) {
      zones.rows.push_back({z.group, z.x, z.y, Number(z.x_threshold), Number(z.y_threshold),
                            Number(z.pearson_r), Number(z.spearman_rho), Number(z.kendall_tau_b),
                            study.statements[i],
                            z.quadrant[i] ? std::string(research::QuadrantName(*z.quadrant[i]))
                                          : std::string()});
    }
  }
  sheets.push_back(std::move(zones));

  Sheet matches{"Pattern matches", {"left", "right", "r of means of statement means",
                                    "r of pooled means"}, {}, {24, 24, 14, 14}};
  for (const research::PatternMatch& m : a.rating.pattern_matches) {
    matches.rows.push_back({m.left, m.right, Number(m.r_mean_of_statement_means),
                            Number(m.r_pooled_mean)});
  }
  sheets.push_back(std::move(matches));

  Sheet conventions{"Conventions", {"convention"}, {}, {120}};
  for (const char* text : kConventions) conventions.rows.push_back({std::string(text)});
  sheets.push_back(std::move(conventions));
  return sheets;
}

std::vector<Sheet> ConceptMapReportTables(const std::vector<Sheet>& sheets) {
  const auto all_mean = [](const std::string& h) {
    return h.ends_with("|all mean") || h.ends_with("|all mean of statement means");
  };
  std::vector<Sheet> tables;
  for (const Sheet& sheet : sheets) {
    if (sheet.name == "Statements") {
      tables.push_back(Narrowed(sheet, [&](const std::string& h) {
        return h == "id" || h == "text" || h == "cluster" || h == "bridging" || all_mean(h);
      }));
    } else if (sheet.name == "Clusters") {
      tables.push_back(Narrowed(sheet, [&](const std::string& h) {
        return h == "cluster" || h == "name" || h == "statements" || h == "bridging" ||
               all_mean(h);
      }));
    } else if (sheet.name == "Go-zone") {
      tables.push_back(Narrowed(
          sheet,
          [](const std::string& h) {
            return h == "statement" || h == "quadrant" || h == "x threshold" ||
                   h == "y threshold";
          },
          [](const std::vector<SheetCell>& row) {
            return !row.empty() && std::get_if<std::string>(&row[0]) != nullptr &&
                   std::get<std::string>(row[0]) == "all";
          }));
    } else if (sheet.name != "Similarity") {
      tables.push_back(sheet);
    }
  }
  return tables;
}

}  // namespace covalue::report
