#include "research/concept_map/reading.h"

#include <algorithm>
#include <cctype>
#include <map>
#include <set>

#include "research/statistics/statistics.h"

namespace covalue::research {
namespace {

std::string Folded(const std::string& name) {
  const auto first = name.find_first_not_of(" \t");
  const auto last = name.find_last_not_of(" \t");
  std::string out = first == std::string::npos ? "" : name.substr(first, last - first + 1);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

}  // namespace

SplitHalf SplitHalfReliability(std::size_t n, std::span<const ConceptSort> sorts) {
  std::vector<ConceptSort> a;
  std::vector<ConceptSort> b;
  for (std::size_t i = 0; i < sorts.size(); ++i) (i % 2 == 0 ? a : b).push_back(sorts[i]);
  SplitHalf out{a.size(), b.size(), std::nullopt, std::nullopt};
  if (a.empty() || b.empty()) {
    return out;
  }
  const auto ta = SimilarityMatrix(n, a);
  const auto tb = SimilarityMatrix(n, b);
  std::vector<double> x;
  std::vector<double> y;
  for (std::size_t i = 0; i < n; ++i) {
    for (std::size_t j = i + 1; j < n; ++j) {
      x.push_back(ta[i * n + j]);
      y.push_back(tb[i * n + j]);
    }
  }
  out.r = Pearson(x, y);
  if (out.r && *out.r > -1) {
    out.spearman_brown = 2 * *out.r / (1 + *out.r);
  }
  return out;
}

std::vector<std::optional<std::string>> SuggestClusterNames(std::span<const ConceptSort> sorts,
                                                            std::span<const std::size_t> clusters,
                                                            std::size_t k) {
  std::vector<std::set<std::size_t>> members(k + 1);
  for (std::size_t i = 0; i < clusters.size(); ++i) members[clusters[i]].insert(i);
  // cluster → folded name → score; folded name → how it was first written.
  std::vector<std::map<std::string, double>> scores(k + 1);
  std::map<std::string, std::string> written;
  for (const ConceptSort& sort : sorts) {
    for (std::size_t p = 0; p < sort.piles.size() && p < sort.pile_names.size(); ++p) {
      const std::string name = Folded(sort.pile_names[p]);
      if (name.empty()) continue;
      written.emplace(name, sort.pile_names[p]);
      for (std::size_t c = 1; c <= k; ++c) {
        std::size_t shared = 0;
        for (std::size_t statement : sort.piles[p]) shared += members[c].count(statement);
        if (shared == 0) continue;
        const double joined = static_cast<double>(sort.piles[p].size() + members[c].size() - shared);
        scores[c][name] += static_cast<double>(shared) / joined;
      }
    }
  }
  std::vector<std::optional<std::string>> names(k);
  for (std::size_t c = 1; c <= k; ++c) {
    const auto best = std::max_element(scores[c].begin(), scores[c].end(),
                                       [](const auto& x, const auto& y) { return x.second < y.second; });
    if (best != scores[c].end()) {
      // max_element keeps the first of equal scores, and the map is in name order.
      const std::string& first = written.at(best->first);
      const auto trimmed_first = first.find_first_not_of(" \t");
      const auto trimmed_last = first.find_last_not_of(" \t");
      names[c - 1] = first.substr(trimmed_first, trimmed_last - trimmed_first + 1);
    }
  }
  return names;
}

}  // namespace covalue::research
