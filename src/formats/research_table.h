#pragma once

#include <cstddef>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

// What the research files (concept-mapping statements, sorts, ratings and coordinates; Delphi
// items and ratings) share: problems named by file and line, and tables read by column name.
namespace covalue::formats {

// A file's text and the name its problems carry (the path as the user gave it, or the name of
// an uploaded part).
struct NamedText {
  std::string name;
  std::string_view text;
};

// One problem of an input file. line is the 1-based line on which the record starts (the header
// is line 1); for two records in conflict, the later one's.
struct FileProblem {
  std::string file;
  std::size_t line = 0;
  std::string message;
};
using FileProblems = std::vector<FileProblem>;

// "FILE:LINE: message", as compilers print.
std::string ProblemText(const FileProblem& problem);

struct TableRow {
  std::size_t line = 0;
  std::vector<std::string> cells;  // in the order of the columns asked for, trimmed of blanks
};

struct Table {
  std::vector<TableRow> rows;
  FileProblems problems;  // a missing column, a row with fewer fields than the header, bad CSV
};

// Reads CSV whose header names every one of `columns` (in any order; other columns are ignored).
Table ReadTable(const NamedText& file, std::span<const std::string_view> columns);

// A whole number written in decimal digits, optionally signed; nullopt for anything else.
std::optional<long long> ParseWholeNumber(std::string_view text);

}  // namespace covalue::formats
