#include <string>

#include <gtest/gtest.h>

#include "formats/concept_map_csv.h"
#include "formats/delphi_csv.h"

namespace covalue::formats {
namespace {

std::vector<std::string> Texts(const FileProblems& problems) {
  std::vector<std::string> out;
  for (const FileProblem& p : problems) out.push_back(ProblemText(p));
  return out;
}

constexpr std::string_view kStatements = "id,text\n1,One\n2,Two\n3,Three\n4,Four\n";

TEST(ConceptMapFiles, ReadsAStudy) {
  const std::string sorts =
      "sorter_id,statement_id,pile_id\nA,1,x\nA,2,x\nA,3,y\nB,1,p\nB,4,p\n";
  const std::string ratings =
      "rater_id,group,statement_id,variable,value\nr1,patient,1,importance,5\n"
      "r1,patient,2,importance,1\n";
  auto read = ReadConceptMapFiles({{"statements.csv", kStatements},
                                   {"sorts.csv", sorts},
                                   NamedText{"ratings.csv", ratings},
                                   std::nullopt});
  ASSERT_TRUE(read) << Texts(read.error())[0];
  EXPECT_EQ(read->study.statements.size(), 4U);
  ASSERT_EQ(read->study.sorts.size(), 2U);
  EXPECT_EQ(read->study.sorts[0].piles, (std::vector<std::vector<std::size_t>>{{0, 1}, {2}}));
  EXPECT_EQ(read->study.ratings.size(), 2U);
  EXPECT_TRUE(read->warnings.empty());
}

TEST(ConceptMapFiles, NamesEveryProblemWithItsFileAndLine) {
  const std::string statements = "id,text\n1,One\n2,Two\n2,Again\n,Blank id\n3,\n4,Four\n";
  const std::string sorts =
      "sorter_id,statement_id,pile_id\n"
      "A,1,x\n"
      "A,9,x\n"       // line 3: unknown statement
      "A,2,\n"        // line 4: blank pile
      "A,1,y\n"       // line 5: a card in two piles (line 2)
      "\"B,1,x\n";    // line 6: a quote never closed
  const std::string ratings =
      "rater_id,group,statement_id,variable,value\n"
      "r1,patient,1,importance,6\n"    // line 2: outside 1–5
      "r1,patient,1,importance,2.5\n"  // line 3: not a whole number
      "r1,patient,1,importance,2\n"
      "r1,leader,2,importance,2\n"     // line 5: a rater in two groups (line 4)
      "r1,patient,1,importance,3\n"    // line 6: a duplicate rating (line 4)
      "r2,all,1,importance,3\n";       // line 7: "all" is reserved
  auto read = ReadConceptMapFiles({{"statements.csv", statements},
                                   {"sorts.csv", sorts},
                                   NamedText{"ratings.csv", ratings},
                                   std::nullopt});
  ASSERT_FALSE(read);
  const auto texts = Texts(read.error());
  const std::vector<std::string> expected = {
      "statements.csv:4: statement id 2 is already on line 3",
      "statements.csv:5: the statement id is blank",
      "statements.csv:6: statement 3 has no text",
      "sorts.csv:6: a quoted field of the record that starts here is not closed",
      "sorts.csv:3: statement 9 is not in the statements file",
      "sorts.csv:4: the pile name is blank",
      "sorts.csv:5: sorter A already put statement 1 in pile x on line 2: a card goes in one pile",
      "ratings.csv:2: the value 6 is outside the scale 1–5",
      "ratings.csv:3: the value 2.5 is not a whole number",
      "ratings.csv:5: rater r1 is in group patient on line 4; a rater is in one group",
      "ratings.csv:6: rater r1 already rated statement 1 on importance on line 4",
      "ratings.csv:7: the group all is reserved for every rater together",
  };
  for (const std::string& e : expected) {
    EXPECT_NE(std::find(texts.begin(), texts.end(), e), texts.end()) << e;
  }
  EXPECT_EQ(texts.size(), expected.size());
}

TEST(ConceptMapFiles, WarnsOfDegenerateSortersAndKeepsThem) {
  const std::string sorts =
      "sorter_id,statement_id,pile_id\n"
      "lumper,1,all\nlumper,2,all\nlumper,3,all\nlumper,4,all\n"
      "splitter,1,a\nsplitter,2,b\nsplitter,4,d\n"  // 3 left out: a pile of its own
      "fine,1,x\nfine,2,x\nfine,3,y\n";
  auto read = ReadConceptMapFiles(
      {{"statements.csv", kStatements}, {"sorts.csv", sorts}, std::nullopt, std::nullopt});
  ASSERT_TRUE(read);
  ASSERT_EQ(read->warnings.size(), 2U);
  EXPECT_EQ(read->warnings[0].line, 2U);
  EXPECT_NE(read->warnings[0].message.find("sorter lumper put every statement in one pile"),
            std::string::npos);
  EXPECT_EQ(read->warnings[1].line, 6U);
  EXPECT_NE(read->warnings[1].message.find("splitter put every statement in a pile of its own"),
            std::string::npos);
  EXPECT_EQ(read->study.sorts.size(), 3U);
}

TEST(ConceptMapFiles, CoordinatesForEveryStatementOnce) {
  const std::string sorts = "sorter_id,statement_id,pile_id\nA,1,x\n";
  const std::string coordinates = "id,x,y\n1,0,0\n2,1,nan\n1,2,2\n5,1,1\n3,1e-3,-2\n";
  auto read = ReadConceptMapFiles({{"statements.csv", kStatements},
                                   {"sorts.csv", sorts},
                                   std::nullopt,
                                   NamedText{"map.csv", coordinates}});
  ASSERT_FALSE(read);
  EXPECT_EQ(Texts(read.error()),
            (std::vector<std::string>{"map.csv:3: y is not a finite number",
                                      "map.csv:4: statement 1 already has coordinates on line 2",
                                      "map.csv:5: statement 5 is not in the statements file",
                                      "map.csv:1: statement 2 has no coordinates",
                                      "map.csv:1: statement 4 has no coordinates"}));
}

TEST(ConceptMapFiles, AHeaderWithoutItsColumnsAndTooFewStatements) {
  auto read = ReadConceptMapFiles({{"statements.csv", "id,words\n1,a\n2,b\n"},
                                   {"sorts.csv", "sorter,statement_id,pile_id\nA,1,x\n"},
                                   std::nullopt,
                                   std::nullopt});
  ASSERT_FALSE(read);
  EXPECT_EQ(Texts(read.error()),
            (std::vector<std::string>{"statements.csv:1: the header has no column text",
                                      "sorts.csv:1: the header has no column sorter_id"}));
  read = ReadConceptMapFiles({{"statements.csv", "id,text\n1,a\n2,b\n"},
                              {"sorts.csv", "sorter_id,statement_id,pile_id\n"},
                              std::nullopt,
                              std::nullopt});
  ASSERT_FALSE(read);
  EXPECT_EQ(Texts(read.error()),
            (std::vector<std::string>{
                "statements.csv:3: a concept map needs at least 3 statements; the file has 2",
                "sorts.csv:1: the file has no sorts"}));
}

TEST(DelphiFiles, ReadsAPanelAndNamesEveryProblem) {
  const std::string items = "item_id,text\nD-01,First\nD-02,Second\n";
  auto read = ReadDelphiFiles({"items.csv", items},
                              {"ratings.csv",
                               "round,panelist_id,group,item_id,value\n1,p1,patient,D-01,7\n"
                               "1,p1,patient,D-02,9\n"});
  ASSERT_TRUE(read);
  EXPECT_EQ(read->items, (std::vector<std::string>{"D-01", "D-02"}));
  EXPECT_EQ(read->ratings.size(), 2U);

  read = ReadDelphiFiles({"items.csv", "item_id,text\nD-01,First\nD-01,Again\n"},
                         {"ratings.csv",
                          "round,panelist_id,group,item_id,value\n"
                          "1,p1,patient,D-01,7\n"
                          "0,p1,patient,D-01,7\n"     // line 3: round 0
                          "1,p1,patient,D-09,7\n"     // line 4: unknown item
                          "1,p2,patient,D-01,10\n"    // line 5: outside 1–9
                          "2,p1,leader,D-01,5\n"      // line 6: a second group
                          "1,p1,patient,D-01,6\n"     // line 7: a duplicate
                          "1,p3,patient,D-01,x\n"});  // line 8: not a number
  ASSERT_FALSE(read);
  EXPECT_EQ(Texts(read.error()),
            (std::vector<std::string>{
                "items.csv:3: item id D-01 is already on line 2",
                "ratings.csv:3: the round 0 is not a whole number from 1",
                "ratings.csv:4: item D-09 is not in the items file",
                "ratings.csv:5: the value 10 is outside the scale 1–9",
                "ratings.csv:6: panelist p1 is in group patient on line 2; a panelist is in one "
                "group",
                "ratings.csv:7: panelist p1 already rated item D-01 in round 1 on line 2",
                "ratings.csv:8: the value x is not a whole number"}));
}

}  // namespace
}  // namespace covalue::formats
