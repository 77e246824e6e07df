// Studies: existing studies' files imported, and a Delphi's items seeded from a go-zone.

#include "app/studies/studies.h"

#include <algorithm>
#include <map>
#include <set>

#include <fmt/format.h>

#include "app/kernel/crypto.h"
#include "app/studies/study_rules.h"
#include "domain/validation.h"
#include "store/study_repository.h"
#include "store/user_repository.h"
#include "formats/concept_map_csv.h"
#include "formats/delphi_csv.h"

namespace covalue::app {

using namespace study_rules;

namespace {

// An import refused whole: kInvalidArgument listing the first 20 problems as FILE:LINE: reason,
// the field naming the first.
Error Refused(const formats::FileProblems& problems) {
  std::string message = "nothing was imported: ";
  for (std::size_t i = 0; i < problems.size() && i < 20; ++i) {
    message += (i == 0 ? "" : "; ") + formats::ProblemText(problems[i]);
  }
  return Error{ErrorCode::kInvalidArgument, message,
               fmt::format("{}:{}", problems.front().file, problems.front().line)};
}

}  // namespace

Result<std::vector<StudyStatement>> Studies::ImportFiles(const RequestContext& ctx, Id study_id,
                                                         const StudyFiles& files) {
  COVALUE_ASSIGN_OR_RETURN(auto managed, Manage(ctx, study_id, StudySubject(study_id)));
  const Study& study = managed.first;
  const Decision& decision = managed.second;
  if (study.kind != StudyKind::kConceptMap || study.stage != StudyStage::kDraft) {
    return Fail(ErrorCode::kConflict, "files are imported into a concept map in draft", "/stage");
  }
  COVALUE_ASSIGN_OR_RETURN(auto existing, store::ReadValue<std::vector<StudyStatement>>(
                                              store_, [&](store::Repositories& r) {
                                                return r.Studies().Statements(study.id);
                                              }));
  if (!existing.empty()) {
    return Fail(ErrorCode::kConflict, "files are imported into a study without statements",
                "/statements");
  }
  formats::ConceptMapFiles named{{"statements.csv", files.statements}, {"sorts.csv", files.sorts},
                                 std::nullopt, std::nullopt, -1000, 1000};
  if (!files.ratings.empty()) named.ratings = formats::NamedText{"ratings.csv", files.ratings};
  auto read = formats::ReadConceptMapFiles(named);
  formats::FileProblems problems = read ? formats::FileProblems{} : read.error();
  if (read) {
    // The study's own rules: its groups, its variables and their scales.
    for (std::size_t i = 0; i < read->study.ratings.size(); ++i) {
      const research::ConceptRating& rating = read->study.ratings[i];
      const std::size_t line = read->rating_lines[i];
      const auto variable =
          std::find_if(study.variables.begin(), study.variables.end(),
                       [&](const RatingVariable& v) { return v.name == rating.variable; });
      if (std::find(study.groups.begin(), study.groups.end(), rating.group) == study.groups.end()) {
        problems.push_back({"ratings.csv", line,
                            fmt::format("{} is not a group of the study", rating.group)});
      } else if (variable == study.variables.end()) {
        problems.push_back({"ratings.csv", line,
                            fmt::format("{} is not a variable of the study", rating.variable)});
      } else if (rating.value < variable->min || rating.value > variable->max) {
        problems.push_back({"ratings.csv", line,
                            fmt::format("the value {} is outside {}'s scale {}–{}", rating.value,
                                        variable->name, variable->min, variable->max)});
      }
    }
    if (read->study.statements.size() > kMostStatements) {
      problems.push_back({"statements.csv", 1,
                          fmt::format("a study takes at most {} statements", kMostStatements)});
    }
  }
  if (!problems.empty()) {
    return Fail(Refused(problems));
  }
  const research::ConceptMapStudy& data = read->study;
  std::map<std::string, std::string> group_of;  // participant id → group
  for (const research::ConceptRating& rating : data.ratings) group_of.emplace(rating.rater, rating.group);
  std::vector<std::string> people;
  for (const research::ConceptSort& sort : data.sorts) people.push_back(sort.sorter);
  for (const auto& [rater, group] : group_of) people.push_back(rater);
  std::sort(people.begin(), people.end());
  people.erase(std::unique(people.begin(), people.end()), people.end());
  if (people.size() > kMostParticipants) {
    return Fail(ErrorCode::kResourceExhausted,
                fmt::format("a study takes at most {} participants", kMostParticipants));
  }
  return store::WriteValue<std::vector<StudyStatement>>(
      store_, [&](store::Repositories& r) -> Result<std::vector<StudyStatement>> {
        const std::int64_t now = gate_.NowMs();
        std::vector<StudyStatement> made;
        // The files' statements keep their text; their ids become the study's.
        for (const std::string& text : read->statement_texts) {
          COVALUE_ASSIGN_OR_RETURN(StudyStatement s,
                                   r.Studies().AddStatement({0, study.id, text, std::nullopt,
                                                             std::nullopt, now}));
          made.push_back(std::move(s));
        }
        std::map<std::string, Id> participant;
        for (const std::string& person : people) {
          const auto group = group_of.find(person);
          StudyParticipant p{0, study.id, std::nullopt, person,
                             group != group_of.end() ? group->second : study.groups.front(),
                             now, std::nullopt, now};
          COVALUE_ASSIGN_OR_RETURN(p, r.Studies().AddParticipant(p, std::nullopt));
          participant.emplace(person, p.id);
        }
        for (std::size_t k = 0; k < data.sorts.size(); ++k) {
          const research::ConceptSort& sort = data.sorts[k];
          std::vector<SortCard> cards;
          for (std::size_t pile = 0; pile < sort.piles.size(); ++pile) {
            for (std::size_t statement : sort.piles[pile]) {
              cards.push_back({participant.at(sort.sorter), made[statement].id,
                               read->pile_names[k][pile].substr(0, 100)});
            }
          }
          COVALUE_RETURN_IF_ERROR(r.Studies().ReplaceSort(participant.at(sort.sorter), cards));
        }
        std::vector<StatementRating> ratings;
        for (const research::ConceptRating& x : data.ratings) {
          ratings.push_back({participant.at(x.rater), made[x.statement].id, x.variable, 0, x.value});
        }
        COVALUE_RETURN_IF_ERROR(r.Studies().SetRatings(ratings));
        COVALUE_RETURN_IF_ERROR(gate_.AppendAudit(r, ctx, decision, Action::kStudyManage, {},
                                                  {"study_import", std::to_string(study.id), {}},
                                                  AuditOutcome::kAllowed));
        return made;
      });
}

Result<std::vector<StudyStatement>> Studies::ImportDelphiFiles(const RequestContext& ctx,
                                                               Id study_id,
                                                               const std::string& items,
                                                               const std::string& ratings) {
  COVALUE_ASSIGN_OR_RETURN(auto managed, Manage(ctx, study_id, StudySubject(study_id)));
  const Study& study = managed.first;
  const Decision& decision = managed.second;
  if (study.kind != StudyKind::kDelphi || study.stage != StudyStage::kDraft) {
    return Fail(ErrorCode::kConflict, "files are imported into a Delphi in draft", "/stage");
  }
  COVALUE_ASSIGN_OR_RETURN(auto existing, Standing(study.id));
  if (!existing.empty()) {
    return Fail(ErrorCode::kConflict, "files are imported into a study without items", "/items");
  }
  auto read = formats::ReadDelphiFiles({"items.csv", items}, {"ratings.csv", ratings},
                                      &study.groups);
  formats::FileProblems problems = read ? formats::FileProblems{} : read.error();
  std::map<std::string, std::string> group_of;
  int last_round = 0;
  if (read) {
    for (const research::DelphiRating& x : read->ratings) {
      group_of.emplace(x.panelist, x.group);
      last_round = std::max(last_round, x.round);
    }
    if (read->items.size() > kMostStatements || group_of.size() > kMostParticipants) {
      problems.push_back({"items.csv", 1, "a study takes at most 1,000 items and 2,000 panelists"});
    }
  }
  if (!problems.empty()) {
    return Fail(Refused(problems));
  }
  // The items' texts, in file order.
  static constexpr std::string_view kColumns[] = {"item_id", "text"};
  const formats::Table table = formats::ReadTable({"items.csv", items}, kColumns);
  return store::WriteValue<std::vector<StudyStatement>>(
      store_, [&](store::Repositories& r) -> Result<std::vector<StudyStatement>> {
        const std::int64_t now = gate_.NowMs();
        std::map<std::string, Id> item_id;
        std::vector<StudyStatement> made;
        for (const formats::TableRow& row : table.rows) {
          COVALUE_ASSIGN_OR_RETURN(StudyStatement s,
                                   r.Studies().AddStatement({0, study.id, row.cells[1],
                                                             std::nullopt, std::nullopt, now}));
          item_id.emplace(row.cells[0], s.id);
          made.push_back(std::move(s));
        }
        std::map<std::string, Id> participant;
        for (const auto& [panelist, group] : group_of) {
          COVALUE_ASSIGN_OR_RETURN(
              StudyParticipant p,
              r.Studies().AddParticipant({0, study.id, std::nullopt, panelist, group, now,
                                          std::nullopt, now},
                                         std::nullopt));
          participant.emplace(panelist, p.id);
        }
        std::vector<StatementRating> values;
        for (const research::DelphiRating& x : read->ratings) {
          values.push_back({participant.at(x.panelist), item_id.at(x.item),
                            std::string(kDelphiVariable), x.round, x.value});
        }
        COVALUE_RETURN_IF_ERROR(r.Studies().SetRatings(values));
        COVALUE_RETURN_IF_ERROR(r.Studies().SetStage(study.id, StudyStage::kDraft, last_round));
        COVALUE_RETURN_IF_ERROR(gate_.AppendAudit(r, ctx, decision, Action::kStudyManage, {},
                                                  {"study_import", std::to_string(study.id), {}},
                                                  AuditOutcome::kAllowed));
        return made;
      });
}

Result<std::vector<StudyStatement>> Studies::SeedFromGoZone(const RequestContext& ctx,
                                                            Id delphi_id, Id concept_map_id) {
  COVALUE_ASSIGN_OR_RETURN(auto managed, Manage(ctx, delphi_id, StudySubject(delphi_id)));
  const Study& delphi = managed.first;
  const Decision& decision = managed.second;
  if (delphi.kind != StudyKind::kDelphi || delphi.stage != StudyStage::kDraft) {
    return Fail(ErrorCode::kConflict, "items are seeded into a Delphi in draft", "/stage");
  }
  COVALUE_ASSIGN_OR_RETURN(StudyData data, AnalysisData(ctx, concept_map_id));
  COVALUE_ASSIGN_OR_RETURN(Study source, GetStudy(ctx, concept_map_id));
  if (source.kind != StudyKind::kConceptMap) {
    return Fail(ErrorCode::kInvalidArgument, "items are seeded from a concept map",
                "/concept_map_id");
  }
  // The go-zone does not depend on the map or its clusters: only on the statements' means.
  const research::RatingAnalysis rating = research::AnalyseRatings(
      data.study, std::vector<std::size_t>(data.study.statements.size(), 1), 1);
  if (rating.go_zones.empty()) {
    return Fail(ErrorCode::kConflict,
                "the concept map has no go-zone yet: its statements need ratings on two variables",
                "/concept_map_id");
  }
  const research::GoZone& zone = rating.go_zones.front();  // all raters
  COVALUE_ASSIGN_OR_RETURN(auto standing, Standing(concept_map_id));
  std::map<Id, std::string> text;
  for (const StudyStatement& s : standing) text.emplace(s.id, s.text);
  return store::WriteValue<std::vector<StudyStatement>>(
      store_, [&](store::Repositories& r) -> Result<std::vector<StudyStatement>> {
        std::vector<StudyStatement> made;
        for (std::size_t i = 0; i < zone.quadrant.size(); ++i) {
          if (zone.quadrant[i] != research::Quadrant::kGo) continue;
          COVALUE_ASSIGN_OR_RETURN(
              StudyStatement s,
              r.Studies().AddStatement({0, delphi.id, text.at(data.statement_ids[i]), std::nullopt,
                                        std::nullopt, gate_.NowMs()}));
          made.push_back(std::move(s));
        }
        COVALUE_RETURN_IF_ERROR(gate_.AppendAudit(r, ctx, decision, Action::kStudyManage, {},
                                                  {"study_items", std::to_string(delphi.id), {}},
                                                  AuditOutcome::kAllowed));
        return made;
      });
}

}  // namespace covalue::app
