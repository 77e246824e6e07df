#include "http/json/research_json.h"

#include <string>

namespace covalue::http {
namespace {

using json = nlohmann::ordered_json;

template <typename T>
json Optional(const std::optional<T>& value) {
  return value ? json(*value) : json(nullptr);
}

json Name(const std::optional<research::Band>& band) {
  return band ? json(research::BandName(*band)) : json(nullptr);
}

json StatsJson(const research::DelphiStats& s) {
  json count_rules = nullptr;
  if (s.classic_count_rules) {
    count_rules = {{"disagreement", s.classic_count_rules->disagreement},
                   {"agreement", s.classic_count_rules->agreement}};
  }
  return {{"n", s.n},
          {"median", Optional(s.median)},
          {"mean", Optional(s.mean)},
          {"sd", Optional(s.sd)},
          {"p30", Optional(s.p30)},
          {"p70", Optional(s.p70)},
          {"ipr", Optional(s.ipr)},
          {"iprcp", Optional(s.iprcp)},
          {"ai", Optional(s.ai)},
          {"ipras", Optional(s.ipras)},
          {"disagreement", Optional(s.disagreement)},
          {"median_band", Name(s.median_band)},
          {"rand_classification", Name(s.rand_classification)},
          {"count_1_3", s.band_counts[0]},
          {"count_4_6", s.band_counts[1]},
          {"count_7_9", s.band_counts[2]},
          {"pct_1_3", Optional(s.band_pct[0])},
          {"pct_4_6", Optional(s.band_pct[1])},
          {"pct_7_9", Optional(s.band_pct[2])},
          {"percent_rule",
           s.percent_rule ? json(research::PercentRuleName(*s.percent_rule)) : json(nullptr)},
          {"q1", Optional(s.q1)},
          {"q3", Optional(s.q3)},
          {"iqr", Optional(s.iqr)},
          {"iqr_le_1", Optional(s.iqr_le_1)},
          {"iqr_le_1_and_median_ge_7", Optional(s.iqr_le_1_and_median_ge_7)},
          {"histogram_1_9", s.histogram},
          {"classic_count_rules", count_rules},
          {"classification_depends_on_percentile_method",
           Optional(s.classification_depends_on_percentile_method)}};
}

json StabilityJson(const research::DelphiStability& s) {
  return {{"n_paired", s.n_paired},
          {"distribution_change_pct_9cat", Optional(s.distribution_change_pct_9cat)},
          {"distribution_change_pct_3band", Optional(s.distribution_change_pct_3band)},
          {"stable_by_15pct_rule_9cat", Optional(s.stable_by_15pct_rule_9cat)},
          {"median_change", Optional(s.median_change)},
          {"pct_paired_changed_rating", Optional(s.pct_paired_changed_rating)},
          {"pct_paired_changed_band", Optional(s.pct_paired_changed_band)},
          {"mean_abs_change_paired", Optional(s.mean_abs_change_paired)},
          {"wilcoxon_statistic", Optional(s.wilcoxon_statistic)},
          {"wilcoxon_p_approx", Optional(s.wilcoxon_p_approx)},
          {"stable_by_wilcoxon_p_ge_0_05", s.stable_by_wilcoxon_p_ge_0_05}};
}

json OptionalArray(const std::vector<std::optional<double>>& values) {
  json out = json::array();
  for (const auto& v : values) out.push_back(Optional(v));
  return out;
}

std::string Number(std::size_t k) { return std::to_string(k); }

}  // namespace

json DelphiJson(const research::DelphiAnalysis& analysis) {
  json items = json::object();
  for (const research::DelphiItemResult& item : analysis.items) {
    json rounds = json::object();
    for (const research::DelphiItemRound& round : item.rounds) {
      json r = {{"all", StatsJson(round.all)}};
      for (std::size_t g = 0; g < round.groups.size(); ++g) {
        r[analysis.groups[g]] = StatsJson(round.groups[g]);
      }
      if (round.percent_rule_in_every_group) {
        r["percent_rule_in_every_group"] = *round.percent_rule_in_every_group;
      }
      if (round.stability) {
        r["stability_from_previous_round"] = StabilityJson(*round.stability);
      }
      rounds["round_" + std::to_string(round.round)] = std::move(r);
    }
    items[item.item] = std::move(rounds);
  }
  return {{"rounds", analysis.rounds},
          {"groups", analysis.groups},
          {"percentile_type", static_cast<int>(analysis.percentile_type)},
          {"items", std::move(items)}};
}

json ConceptMapJson(const research::ConceptMapStudy& study,
                    const research::ConceptMapAnalysis& a, const ConceptMapRun& run,
                    const formats::FileProblems& warnings) {
  const std::size_t n = study.statements.size();
  json statements = json::array();
  for (std::size_t i = 0; i < n; ++i) {
    statements.push_back({{"id", study.statements[i]},
                          {"x", a.map[i].x},
                          {"y", a.map[i].y},
                          {"cluster", a.clusters[i]},
                          {"bridging", a.bridging[i]},
                          {"bridging_raw", a.bridging_raw[i]}});
  }
  json matrix = json::array();
  for (std::size_t i = 0; i < n; ++i) {
    matrix.push_back(std::vector<int>(a.similarity.begin() + static_cast<std::ptrdiff_t>(i * n),
                                      a.similarity.begin() + static_cast<std::ptrdiff_t>((i + 1) * n)));
  }
  json torgerson = json::array();
  for (const research::Point& p : a.torgerson) torgerson.push_back({p.x, p.y});
  json memberships = json::object();
  json wss = json::object();
  json silhouette = json::object();
  for (const auto& [k, clusters] : a.memberships) memberships[Number(k)] = clusters;
  for (const auto& [k, value] : a.wss_by_k) wss[Number(k)] = value;
  for (const auto& [k, value] : a.silhouette_by_k) silhouette[Number(k)] = value;

  json statement_ratings = json::object();
  json cluster_ratings = json::object();
  for (const research::RatingSeries& series : a.rating.series) {
    json per_statement = json::array();
    for (const research::RatingSummary& s : series.statements) {
      per_statement.push_back({{"n", s.n}, {"mean", Optional(s.mean)}, {"sd", Optional(s.sd)}});
    }
    statement_ratings[series.Key()] = std::move(per_statement);
    cluster_ratings[series.Key()] = {
        {"mean_of_statement_means", OptionalArray(series.cluster_mean_of_statement_means)},
        {"pooled_mean", OptionalArray(series.cluster_pooled_mean)}};
  }
  json pattern = json::array();
  for (const research::PatternMatch& m : a.rating.pattern_matches) {
    pattern.push_back({{"left", m.left},
                       {"right", m.right},
                       {"r_mean_of_statement_means", Optional(m.r_mean_of_statement_means)},
                       {"r_pooled_mean", Optional(m.r_pooled_mean)}});
  }
  json zones = json::array();
  for (const research::GoZone& z : a.rating.go_zones) {
    json quadrant = json::object();
    for (std::size_t i = 0; i < n; ++i) {
      quadrant[study.statements[i]] =
          z.quadrant[i] ? json(research::QuadrantName(*z.quadrant[i])) : json(nullptr);
    }
    zones.push_back({{"x", z.x},
                     {"y", z.y},
                     {"group", z.group},
                     {"x_threshold", Optional(z.x_threshold)},
                     {"y_threshold", Optional(z.y_threshold)},
                     {"pearson_r", Optional(z.pearson_r)},
                     {"spearman_rho", Optional(z.spearman_rho)},
                     {"kendall_tau_b", Optional(z.kendall_tau_b)},
                     {"quadrant", std::move(quadrant)}});
  }
  json warning_list = json::array();
  for (const formats::FileProblem& w : warnings) {
    warning_list.push_back({{"file", w.file}, {"line", w.line}, {"message", w.message}});
  }
  return {{"n_statements", n},
          {"n_sorters", a.n_sorters},
          {"n_raters", a.rating.n_raters},
          {"statements", std::move(statements)},
          {"similarity", {{"matrix", std::move(matrix)}}},
          {"mds",
           {{"stress1", a.stress1},
            {"ties", "primary"},
            {"starts", Optional(run.starts)},
            {"seed", Optional(run.seed)},
            {"torgerson", std::move(torgerson)}}},
          {"clusters",
           {{"k", a.k},
            {"memberships", std::move(memberships)},
            {"merge_heights", a.tree.heights},
            {"wss_by_k", std::move(wss)},
            {"silhouette_by_k", std::move(silhouette)},
            {"k_best_silhouette", a.k_best_silhouette},
            {"k_wss_rule", a.k_wss_rule},
            {"bridging", a.cluster_bridging}}},
          {"ratings", {{"statements", std::move(statement_ratings)},
                       {"clusters", std::move(cluster_ratings)}}},
          {"pattern_match", std::move(pattern)},
          {"go_zone", std::move(zones)},
          {"warnings", std::move(warning_list)}};
}

}  // namespace covalue::http
