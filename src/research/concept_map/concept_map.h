#pragma once

#include <cstddef>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "research/concept_map/clustering.h"
#include "research/concept_map/mds.h"

// Group concept mapping's analysis (Kane & Trochim 2007; RCMap, Bar & Mentch 2017): the sorts'
// similarity matrix, the point map, Ward's clusters and the hints for k, bridging, the ratings per
// statement and cluster, pattern matches and go-zones. Pure computation; no I/O.
namespace covalue::research {

// One sorter's piles of statements (indices into ConceptMapStudy::statements). A statement in no
// pile of the sorter counts as a pile of its own.
struct ConceptSort {
  std::string sorter;
  std::vector<std::vector<std::size_t>> piles;
  std::vector<std::string> pile_names = {};  // parallel to piles when known (for name hints)
};

// One rater's value of one statement on one rating variable (importance, feasibility, …).
struct ConceptRating {
  std::string rater;
  std::string group;  // never "all", which names every rater together
  std::size_t statement = 0;
  std::string variable;
  int value = 0;
};

struct ConceptMapStudy {
  std::vector<std::string> statements;  // ids, in the order every result lists statements
  std::vector<ConceptSort> sorts;
  std::vector<ConceptRating> ratings;  // in file order: variables and groups by first appearance
};

struct ConceptMapOptions {
  // A map to use instead of computing one (a point per statement), reproducible to the last
  // digit. Default: computed by SMACOF.
  std::optional<std::vector<Point>> coordinates;
  std::optional<std::size_t> k;  // the k of cluster-level values. Default: the silhouette's hint
  SmacofOptions smacof;
};

struct RatingSummary {
  std::size_t n = 0;
  std::optional<double> mean;  // nullopt for n = 0
  std::optional<double> sd;    // n − 1; nullopt for n < 2
};

// One variable for one group of raters ("all", or a group's name).
struct RatingSeries {
  std::string variable;
  std::string group;
  std::vector<RatingSummary> statements;
  std::vector<std::optional<double>> cluster_mean_of_statement_means;  // per cluster of the k
  std::vector<std::optional<double>> cluster_pooled_mean;
  [[nodiscard]] std::string Key() const { return variable + "|" + group; }
};

// Pearson's r across clusters between two series (a ladder graph's two rails).
struct PatternMatch {
  std::string left;
  std::string right;
  std::optional<double> r_mean_of_statement_means;
  std::optional<double> r_pooled_mean;
};

enum class Quadrant { kGo, kHighXLowY, kLowXHighY, kLowBoth };
std::string_view QuadrantName(Quadrant quadrant);

// The go-zone of the first two variables for one group: thresholds are the means of the
// statement means; "go" is strictly above both.
struct GoZone {
  std::string x;
  std::string y;
  std::string group;
  std::optional<double> x_threshold, y_threshold;
  std::optional<double> pearson_r, spearman_rho, kendall_tau_b;  // across statement means
  std::vector<std::optional<Quadrant>> quadrant;  // per statement; nullopt without both means
};

// The ratings' part of the analysis.
struct RatingAnalysis {
  std::size_t n_raters = 0;
  std::vector<std::string> variables;  // by first appearance
  std::vector<std::string> groups;     // by first appearance
  std::vector<RatingSeries> series;    // per variable: all, then each group
  std::vector<PatternMatch> pattern_matches;
  std::vector<GoZone> go_zones;  // with two or more variables: all, then each group
};

// Every statement's and cluster's ratings, given each statement's cluster (1…k).
[[nodiscard]] RatingAnalysis AnalyseRatings(const ConceptMapStudy& study,
                                            std::span<const std::size_t> clusters, std::size_t k);

struct ConceptMapAnalysis {
  std::size_t n_sorters = 0;
  std::vector<int> similarity;  // T, n×n row-major; the diagonal is n_sorters
  std::vector<Point> torgerson;
  std::vector<Point> map;
  double stress1 = 0;
  bool map_given = false;
  WardTree tree;
  std::size_t k_max_reported = 0;  // memberships, WSS and silhouettes for k = 2 … this
  std::map<std::size_t, std::vector<std::size_t>> memberships;
  std::map<std::size_t, double> wss_by_k;
  std::map<std::size_t, double> silhouette_by_k;
  std::size_t k_best_silhouette = 2;
  std::size_t k_wss_rule = 2;
  std::size_t k = 2;
  std::vector<std::size_t> clusters;  // each statement's cluster of k
  std::vector<double> bridging_raw;
  std::vector<double> bridging;          // normalised to [0, 1]
  std::vector<double> cluster_bridging;  // the members' mean, per cluster of k
  RatingAnalysis rating;
};

// The whole analysis.
// REQUIRES: at least 3 statements and one sort; sorts and ratings name statements by index in
// range; options.coordinates, when set, holds a point per statement; options.k, when set, is in
// 2 … n − 1 (formats/ and the CLI check files and options for this).
[[nodiscard]] ConceptMapAnalysis AnalyseConceptMap(const ConceptMapStudy& study,
                                                   const ConceptMapOptions& options);

// T_ij: how many sorters put statements i and j in one pile; T_ii = the number of sorters.
[[nodiscard]] std::vector<int> SimilarityMatrix(std::size_t n, std::span<const ConceptSort> sorts);

// raw_i = Σ_j T_ij d_ij / Σ_j T_ij over j ≠ i (d on the map), or the mean distance to every other
// statement when Σ_j T_ij = 0; then (raw − min) / (max − min), all 0 when every raw is equal.
struct Bridging {
  std::vector<double> raw;
  std::vector<double> normalised;
};
[[nodiscard]] Bridging BridgingOf(std::span<const int> similarity, std::span<const Point> map);

}  // namespace covalue::research
