// AnalyseDelphi: every item's statistics per round and group, and their stability.

#include "research/delphi/delphi.h"

#include <algorithm>
#include <map>

namespace covalue::research {

DelphiAnalysis AnalyseDelphi(const DelphiPanel& panel, PercentileType type) {
  DelphiAnalysis analysis;
  analysis.percentile_type = type;
  std::map<std::string, std::size_t> group_index;
  for (const DelphiRating& r : panel.ratings) {
    if (group_index.emplace(r.group, analysis.groups.size()).second) {
      analysis.groups.push_back(r.group);
    }
    analysis.rounds.push_back(r.round);
  }
  std::sort(analysis.rounds.begin(), analysis.rounds.end());
  analysis.rounds.erase(std::unique(analysis.rounds.begin(), analysis.rounds.end()),
                        analysis.rounds.end());

  // item → round → the ratings, in file order.
  std::map<std::string, std::map<int, std::vector<const DelphiRating*>>> by_item;
  for (const DelphiRating& r : panel.ratings) {
    by_item[r.item][r.round].push_back(&r);
  }
  const bool grouped = analysis.groups.size() >= 2;
  for (const std::string& item : panel.items) {
    DelphiItemResult result{item, {}};
    const auto& rounds = by_item[item];
    PanelistRatings previous;
    for (std::size_t k = 0; k < analysis.rounds.size(); ++k) {
      const int round = analysis.rounds[k];
      const auto found = rounds.find(round);
      PanelistRatings current;
      std::vector<int> all;
      std::vector<std::vector<int>> per_group(analysis.groups.size());
      if (found != rounds.end()) {
        for (const DelphiRating* r : found->second) {
          current.emplace_back(r->panelist, r->value);
          all.push_back(r->value);
          per_group[group_index.at(r->group)].push_back(r->value);
        }
      }
      DelphiItemRound out;
      out.round = round;
      out.all = DelphiStatsOf(all, type);
      if (grouped) {
        bool every_in = true;
        for (const auto& values : per_group) {
          out.groups.push_back(DelphiStatsOf(values, type));
          every_in = every_in && out.groups.back().percent_rule == PercentRule::kConsensusIn;
        }
        out.percent_rule_in_every_group = every_in;
      }
      if (k > 0) {
        out.stability = StabilityBetween(previous, current);
      }
      result.rounds.push_back(std::move(out));
      previous = std::move(current);
    }
    analysis.items.push_back(std::move(result));
  }
  return analysis;
}

}  // namespace covalue::research
