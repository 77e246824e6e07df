#include "formats/concept_map_csv.h"

#include <charconv>
#include <cmath>
#include <map>

#include <fmt/format.h>

namespace covalue::formats {
namespace {

using research::ConceptMapStudy;

// The map of n statements holds n(n − 1)/2 pairs in memory per start: 5,000 statements take
// about 200 MB a start, beyond any concept-mapping study (they sort 50–200 statements).
constexpr std::size_t kMostStatements = 5000;

// Statement id → index and the line that defined it.
using StatementIndex = std::map<std::string, std::size_t, std::less<>>;

StatementIndex ReadStatements(const NamedText& file, ConceptMapInput& input,
                              FileProblems& problems) {
  ConceptMapStudy& study = input.study;
  static constexpr std::string_view kColumns[] = {"id", "text"};
  Table table = ReadTable(file, kColumns);
  problems.insert(problems.end(), table.problems.begin(), table.problems.end());
  StatementIndex index;
  std::map<std::string, std::size_t> line_of;
  for (const TableRow& row : table.rows) {
    const std::string& id = row.cells[0];
    if (id.empty()) {
      problems.push_back({file.name, row.line, "the statement id is blank"});
    } else if (const auto seen = line_of.find(id); seen != line_of.end()) {
      problems.push_back({file.name, row.line,
                          fmt::format("statement id {} is already on line {}", id, seen->second)});
    } else if (row.cells[1].empty()) {
      problems.push_back({file.name, row.line, fmt::format("statement {} has no text", id)});
    } else {
      line_of.emplace(id, row.line);
      index.emplace(id, study.statements.size());
      study.statements.push_back(id);
      input.statement_texts.push_back(row.cells[1]);
    }
  }
  if (study.statements.size() > kMostStatements) {
    problems.push_back({file.name, table.rows.back().line,
                        fmt::format("a concept map takes at most {} statements; the file has {}",
                                    kMostStatements, study.statements.size())});
  }
  if (table.problems.empty() && table.rows.size() < 3) {
    problems.push_back({file.name, table.rows.empty() ? 1 : table.rows.back().line,
                        fmt::format("a concept map needs at least 3 statements; the file has {}",
                                    table.rows.size())});
  }
  return index;
}

void ReadSorts(const NamedText& file, const StatementIndex& statements, ConceptMapInput& input,
               FileProblems& problems) {
  static constexpr std::string_view kColumns[] = {"sorter_id", "statement_id", "pile_id"};
  Table table = ReadTable(file, kColumns);
  problems.insert(problems.end(), table.problems.begin(), table.problems.end());
  struct Sorter {
    std::size_t first_line = 0;
    std::map<std::string, std::vector<std::size_t>> piles;
    std::map<std::size_t, std::pair<std::string, std::size_t>> pile_of;  // statement → pile, line
  };
  std::map<std::string, Sorter> sorters;
  std::vector<std::string> order;
  for (const TableRow& row : table.rows) {
    const std::string& sorter_id = row.cells[0];
    const std::string& statement_id = row.cells[1];
    const std::string& pile = row.cells[2];
    const auto statement = statements.find(statement_id);
    if (sorter_id.empty()) {
      problems.push_back({file.name, row.line, "the sorter id is blank"});
      continue;
    }
    if (statement == statements.end()) {
      problems.push_back({file.name, row.line,
                          fmt::format("statement {} is not in the statements file", statement_id)});
      continue;
    }
    if (pile.empty()) {
      problems.push_back({file.name, row.line, "the pile name is blank"});
      continue;
    }
    auto [it, added] = sorters.try_emplace(sorter_id);
    Sorter& sorter = it->second;
    if (added) {
      sorter.first_line = row.line;
      order.push_back(sorter_id);
    }
    if (const auto seen = sorter.pile_of.find(statement->second); seen != sorter.pile_of.end()) {
      problems.push_back(
          {file.name, row.line,
           seen->second.first == pile
               ? fmt::format("sorter {} already put statement {} in pile {} on line {}",
                             sorter_id, statement_id, pile, seen->second.second)
               : fmt::format("sorter {} already put statement {} in pile {} on line {}: a card "
                             "goes in one pile",
                             sorter_id, statement_id, seen->second.first, seen->second.second)});
      continue;
    }
    sorter.pile_of.emplace(statement->second, std::pair{pile, row.line});
    sorter.piles[pile].push_back(statement->second);
  }
  if (table.problems.empty() && table.rows.empty()) {
    problems.push_back({file.name, 1, "the file has no sorts"});
  }
  const std::size_t n = statements.size();
  for (const std::string& id : order) {
    Sorter& sorter = sorters.at(id);
    research::ConceptSort sort{id, {}};
    std::vector<std::string> names;
    bool every_card_alone = true;
    for (auto& [name, cards] : sorter.piles) {
      every_card_alone = every_card_alone && cards.size() == 1;
      sort.piles.push_back(std::move(cards));
      names.push_back(name);
    }
    input.pile_names.push_back(std::move(names));
    if (sort.piles.size() == 1 && sort.piles[0].size() == n) {
      input.warnings.push_back(
          {file.name, sorter.first_line,
           fmt::format("sorter {} put every statement in one pile: kept, it adds 1 to every "
                       "pair's similarity and to the diagonal, so it changes no dissimilarity and "
                       "not the map, but it weighs on bridging",
                       id)});
    } else if (every_card_alone) {
      input.warnings.push_back(
          {file.name, sorter.first_line,
           fmt::format("sorter {} put every statement in a pile of its own: kept, it adds 1 to "
                       "every dissimilarity alike (the diagonal counts it), so the non-metric map "
                       "and bridging do not change",
                       id)});
    }
    input.study.sorts.push_back(std::move(sort));
  }
}

void ReadRatings(const NamedText& file, const ConceptMapFiles& files,
                 const StatementIndex& statements, ConceptMapInput& input,
                 FileProblems& problems) {
  static constexpr std::string_view kColumns[] = {"rater_id", "group", "statement_id", "variable",
                                                  "value"};
  Table table = ReadTable(file, kColumns);
  problems.insert(problems.end(), table.problems.begin(), table.problems.end());
  std::map<std::string, std::pair<std::string, std::size_t>> group_of;  // rater → group, line
  std::map<std::tuple<std::string, std::size_t, std::string>, std::size_t> seen;
  for (const TableRow& row : table.rows) {
    const auto& c = row.cells;
    const auto statement = statements.find(c[2]);
    const auto value = ParseWholeNumber(c[4]);
    std::string problem;
    if (c[0].empty()) {
      problem = "the rater id is blank";
    } else if (c[1].empty()) {
      problem = "the group is blank";
    } else if (c[1] == "all") {
      problem = "the group all is reserved for every rater together";
    } else if (statement == statements.end()) {
      problem = fmt::format("statement {} is not in the statements file", c[2]);
    } else if (c[3].empty()) {
      problem = "the variable is blank";
    } else if (!value) {
      problem = fmt::format("the value {} is not a whole number", c[4].empty() ? "(blank)" : c[4]);
    } else if (*value < files.scale_min || *value > files.scale_max) {
      problem = fmt::format("the value {} is outside the scale {}–{}", *value, files.scale_min,
                            files.scale_max);
    }
    if (!problem.empty()) {
      problems.push_back({file.name, row.line, std::move(problem)});
      continue;
    }
    const auto [group, added] = group_of.try_emplace(c[0], c[1], row.line);
    if (!added && group->second.first != c[1]) {
      problems.push_back({file.name, row.line,
                          fmt::format("rater {} is in group {} on line {}; a rater is in one group",
                                      c[0], group->second.first, group->second.second)});
      continue;
    }
    const auto [earlier, fresh] = seen.try_emplace({c[0], statement->second, c[3]}, row.line);
    if (!fresh) {
      problems.push_back({file.name, row.line,
                          fmt::format("rater {} already rated statement {} on {} on line {}", c[0],
                                      c[2], c[3], earlier->second)});
      continue;
    }
    input.study.ratings.push_back(
        {c[0], c[1], statement->second, c[3], static_cast<int>(*value)});
    input.rating_lines.push_back(row.line);
  }
}

std::optional<double> ParseNumber(const std::string& text) {
  double value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (text.empty() || error != std::errc() || end != text.data() + text.size() ||
      !std::isfinite(value)) {
    return std::nullopt;
  }
  return value;
}

void ReadCoordinates(const NamedText& file, const StatementIndex& statements,
                     ConceptMapInput& input, FileProblems& problems) {
  static constexpr std::string_view kColumns[] = {"id", "x", "y"};
  Table table = ReadTable(file, kColumns);
  problems.insert(problems.end(), table.problems.begin(), table.problems.end());
  std::vector<research::Point> map(statements.size());
  std::map<std::size_t, std::size_t> line_of;
  for (const TableRow& row : table.rows) {
    const auto statement = statements.find(row.cells[0]);
    const auto x = ParseNumber(row.cells[1]);
    const auto y = ParseNumber(row.cells[2]);
    if (statement == statements.end()) {
      problems.push_back({file.name, row.line,
                          fmt::format("statement {} is not in the statements file", row.cells[0])});
    } else if (const auto seen = line_of.find(statement->second); seen != line_of.end()) {
      problems.push_back({file.name, row.line,
                          fmt::format("statement {} already has coordinates on line {}",
                                      row.cells[0], seen->second)});
    } else if (!x || !y) {
      problems.push_back({file.name, row.line,
                          fmt::format("{} is not a finite number", !x ? "x" : "y")});
    } else {
      line_of.emplace(statement->second, row.line);
      map[statement->second] = {*x, *y};
    }
  }
  if (!table.problems.empty()) {
    return;
  }
  for (const auto& [id, index] : statements) {
    if (!line_of.contains(index)) {
      problems.push_back({file.name, 1, fmt::format("statement {} has no coordinates", id)});
    }
  }
  input.coordinates = std::move(map);
}

}  // namespace

tl::expected<ConceptMapInput, FileProblems> ReadConceptMapFiles(const ConceptMapFiles& files) {
  ConceptMapInput input;
  FileProblems problems;
  const StatementIndex statements = ReadStatements(files.statements, input, problems);
  ReadSorts(files.sorts, statements, input, problems);
  if (files.ratings) {
    ReadRatings(*files.ratings, files, statements, input, problems);
  }
  if (files.coordinates) {
    ReadCoordinates(*files.coordinates, statements, input, problems);
  }
  if (!problems.empty()) {
    return tl::unexpected(std::move(problems));
  }
  return input;
}

}  // namespace covalue::formats
