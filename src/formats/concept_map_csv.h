#pragma once

#include <optional>
#include <vector>

#include <tl/expected.hpp>

#include "formats/research_table.h"
#include "research/concept_map/concept_map.h"

namespace covalue::formats {

// The files of a group concept-mapping study, as RCMap and the CO-VALUE study keep them:
// - statements.csv `id,text`: ids unique and not blank, text not blank; 3 to 5,000 statements.
// - sorts.csv `sorter_id,statement_id,pile_id`: pile ids are scoped to their sorter; a statement
//   a sorter leaves out is a pile of its own; a card goes in one pile of a sorter.
// - ratings.csv `rater_id,group,statement_id,variable,value` (optional): whole numbers within the
//   scale; a rater belongs to one group ("all" is reserved for every rater together); one value
//   per rater, statement and variable.
// - coordinates.csv `id,x,y` (optional): a finite point for every statement, once.
struct ConceptMapFiles {
  NamedText statements;
  NamedText sorts;
  std::optional<NamedText> ratings;
  std::optional<NamedText> coordinates;
  int scale_min = 1;  // Default: 1
  int scale_max = 5;  // Default: 5
};

struct ConceptMapInput {
  research::ConceptMapStudy study;
  std::vector<std::string> statement_texts;           // parallel to study.statements
  std::vector<std::vector<std::string>> pile_names;   // parallel to study.sorts' piles
  std::vector<std::size_t> rating_lines;              // the line of each of study.ratings
  std::optional<std::vector<research::Point>> coordinates;  // in statement order
  // A sorter who put every statement in one pile, or every statement in a pile of its own: kept
  // in the analysis, with what that does to it.
  FileProblems warnings;
};

// The study, or every problem of every file (all or nothing).
[[nodiscard]] tl::expected<ConceptMapInput, FileProblems> ReadConceptMapFiles(
    const ConceptMapFiles& files);

}  // namespace covalue::formats
