#include "formats/delphi_csv.h"

#include <algorithm>
#include <map>
#include <set>
#include <tuple>

#include <fmt/format.h>

namespace covalue::formats {

tl::expected<research::DelphiPanel, FileProblems> ReadDelphiFiles(
    const NamedText& items, const NamedText& ratings, const std::vector<std::string>* groups) {
  research::DelphiPanel panel;
  FileProblems problems;
  static constexpr std::string_view kItemColumns[] = {"item_id", "text"};
  Table item_table = ReadTable(items, kItemColumns);
  problems = std::move(item_table.problems);
  std::map<std::string, std::size_t, std::less<>> item_line;
  for (const TableRow& row : item_table.rows) {
    const std::string& id = row.cells[0];
    if (id.empty()) {
      problems.push_back({items.name, row.line, "the item id is blank"});
    } else if (const auto seen = item_line.find(id); seen != item_line.end()) {
      problems.push_back(
          {items.name, row.line, fmt::format("item id {} is already on line {}", id, seen->second)});
    } else if (row.cells[1].empty()) {
      problems.push_back({items.name, row.line, fmt::format("item {} has no text", id)});
    } else {
      item_line.emplace(id, row.line);
      panel.items.push_back(id);
    }
  }
  if (problems.empty() && item_table.rows.empty()) {
    problems.push_back({items.name, 1, "the file has no items"});
  }

  static constexpr std::string_view kRatingColumns[] = {"round", "panelist_id", "group", "item_id",
                                                        "value"};
  Table rating_table = ReadTable(ratings, kRatingColumns);
  problems.insert(problems.end(), rating_table.problems.begin(), rating_table.problems.end());
  std::map<std::string, std::pair<std::string, std::size_t>> group_of;  // panelist → group, line
  std::map<std::tuple<long long, std::string, std::string>, std::size_t> seen;
  for (const TableRow& row : rating_table.rows) {
    const auto& c = row.cells;
    const auto round = ParseWholeNumber(c[0]);
    const auto value = ParseWholeNumber(c[4]);
    std::string problem;
    if (!round || *round < 1 || *round > 1000) {
      problem = fmt::format("the round {} is not a whole number from 1", c[0].empty() ? "(blank)" : c[0]);
    } else if (c[1].empty()) {
      problem = "the panelist id is blank";
    } else if (c[2].empty()) {
      problem = "the group is blank";
    } else if (groups != nullptr && std::find(groups->begin(), groups->end(), c[2]) == groups->end()) {
      problem = fmt::format("{} is not a group of the study", c[2]);
    } else if (!item_line.contains(c[3])) {
      problem = fmt::format("item {} is not in the items file", c[3].empty() ? "(blank)" : c[3]);
    } else if (!value) {
      problem = fmt::format("the value {} is not a whole number", c[4].empty() ? "(blank)" : c[4]);
    } else if (*value < 1 || *value > 9) {
      problem = fmt::format("the value {} is outside the scale 1–9", *value);
    }
    if (!problem.empty()) {
      problems.push_back({ratings.name, row.line, std::move(problem)});
      continue;
    }
    const auto [group, added] = group_of.try_emplace(c[1], c[2], row.line);
    if (!added && group->second.first != c[2]) {
      problems.push_back(
          {ratings.name, row.line,
           fmt::format("panelist {} is in group {} on line {}; a panelist is in one group", c[1],
                       group->second.first, group->second.second)});
      continue;
    }
    const auto [earlier, fresh] = seen.try_emplace({*round, c[1], c[3]}, row.line);
    if (!fresh) {
      problems.push_back({ratings.name, row.line,
                          fmt::format("panelist {} already rated item {} in round {} on line {}",
                                      c[1], c[3], *round, earlier->second)});
      continue;
    }
    panel.ratings.push_back({static_cast<int>(*round), c[1], c[2], c[3], static_cast<int>(*value)});
  }
  if (!problems.empty()) {
    return tl::unexpected(std::move(problems));
  }
  return panel;
}

}  // namespace covalue::formats
