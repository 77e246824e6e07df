// Studies: the data the analyses take (a concept map's, a Delphi's), and the standing statements.

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

namespace covalue::app {

using namespace study_rules;

Result<research::DelphiPanel> Studies::DelphiData(const RequestContext& ctx, Id study_id) {
  COVALUE_ASSIGN_OR_RETURN(auto managed, Manage(ctx, study_id, StudySubject(study_id)));
  const Study& study = managed.first;
  const Decision& decision = managed.second;
  COVALUE_ASSIGN_OR_RETURN(research::DelphiPanel panel, PanelOf(study));
  COVALUE_RETURN_IF_ERROR(gate_.RecordRead(ctx, decision, Action::kStudyManage, {},
                                           StudySubject(study.id)));
  return panel;
}

Result<research::DelphiPanel> Studies::PanelOf(const Study& study) {
  if (study.kind != StudyKind::kDelphi) {
    return Fail(ErrorCode::kConflict, "the study is not a Delphi", "/kind");
  }
  COVALUE_ASSIGN_OR_RETURN(auto standing, Standing(study.id));
  std::vector<StudyParticipant> participants;
  std::vector<StatementRating> ratings;
  COVALUE_RETURN_IF_ERROR(store_.Read([&](store::Repositories& r) -> Status {
    COVALUE_ASSIGN_OR_RETURN(participants, r.Studies().Participants(study.id));
    COVALUE_ASSIGN_OR_RETURN(ratings, r.Studies().Ratings(study.id, std::nullopt));
    return Ok();
  }));
  research::DelphiPanel panel;
  std::set<Id> items;
  for (const StudyStatement& s : standing) {
    panel.items.push_back(std::to_string(s.id));
    items.insert(s.id);
  }
  std::map<Id, const StudyParticipant*> who;
  for (const StudyParticipant& p : participants) who.emplace(p.id, &p);
  for (const StatementRating& x : ratings) {
    if (x.round < 1 || !items.contains(x.statement_id)) continue;
    const StudyParticipant& p = *who.at(x.participant_id);
    panel.ratings.push_back({x.round, p.pseudonym, p.group, std::to_string(x.statement_id), x.value});
  }
  return panel;
}

Result<std::vector<StudyComment>> Studies::DelphiComments(const RequestContext& ctx,
                                                          Id study_id) {
  COVALUE_ASSIGN_OR_RETURN(auto managed, Manage(ctx, study_id, StudySubject(study_id)));
  COVALUE_ASSIGN_OR_RETURN(auto comments, store::ReadValue<std::vector<StudyComment>>(
                                              store_, [&](store::Repositories& r) {
                                                return r.Studies().Comments(study_id, std::nullopt);
                                              }));
  COVALUE_RETURN_IF_ERROR(gate_.RecordRead(ctx, managed.second, Action::kStudyManage, {},
                                           StudySubject(study_id)));
  return comments;
}

Result<std::vector<StudyStatement>> Studies::Standing(Id study_id) {
  COVALUE_ASSIGN_OR_RETURN(auto all, store::ReadValue<std::vector<StudyStatement>>(
                                         store_, [&](store::Repositories& r) {
                                           return r.Studies().Statements(study_id);
                                         }));
  std::erase_if(all, [](const StudyStatement& s) { return s.merged_into.has_value(); });
  return all;
}

Result<StudyData> Studies::AnalysisData(const RequestContext& ctx, Id study_id) {
  COVALUE_ASSIGN_OR_RETURN(auto managed, Manage(ctx, study_id, StudySubject(study_id)));
  const Study& study = managed.first;
  const Decision& decision = managed.second;
  COVALUE_ASSIGN_OR_RETURN(auto standing, Standing(study.id));
  struct Raw {
    std::vector<StudyParticipant> participants;
    std::vector<SortCard> sorts;
    std::vector<StatementRating> ratings;
  };
  COVALUE_ASSIGN_OR_RETURN(Raw raw, store::ReadValue<Raw>(store_, [&](store::Repositories& r) -> Result<Raw> {
    Raw out;
    COVALUE_ASSIGN_OR_RETURN(out.participants, r.Studies().Participants(study.id));
    COVALUE_ASSIGN_OR_RETURN(out.sorts, r.Studies().Sorts(study.id, std::nullopt));
    COVALUE_ASSIGN_OR_RETURN(out.ratings, r.Studies().Ratings(study.id, std::nullopt));
    return out;
  }));
  StudyData data;
  std::map<Id, std::size_t> index;
  for (const StudyStatement& s : standing) {
    index.emplace(s.id, data.statement_ids.size());
    data.statement_ids.push_back(s.id);
    data.texts.push_back(s.text);
    data.study.statements.push_back(std::to_string(s.id));
  }
  std::map<Id, const StudyParticipant*> who;
  for (const StudyParticipant& p : raw.participants) who.emplace(p.id, &p);
  std::map<Id, std::map<std::string, std::vector<std::size_t>>> piles;  // participant → piles
  for (const SortCard& c : raw.sorts) {
    if (const auto at = index.find(c.statement_id); at != index.end()) {
      piles[c.participant_id][c.pile].push_back(at->second);
    }
  }
  for (auto& [participant, named] : piles) {
    research::ConceptSort sort{who.at(participant)->pseudonym, {}};
    for (auto& [name, cards] : named) {
      sort.piles.push_back(std::move(cards));
      sort.pile_names.push_back(name);
    }
    data.study.sorts.push_back(std::move(sort));
  }
  // Ratings ordered by the study's variables, then its groups: the analysis takes variables and
  // groups in the order they first appear (the go-zone's x is the first variable).
  const auto position = [](const auto& list, const auto& match) {
    return static_cast<std::size_t>(std::find_if(list.begin(), list.end(), match) - list.begin());
  };
  std::vector<std::pair<std::pair<std::size_t, std::size_t>, research::ConceptRating>> ordered;
  for (const StatementRating& x : raw.ratings) {
    const auto at = index.find(x.statement_id);
    if (at == index.end() || x.round != 0) continue;
    const StudyParticipant& p = *who.at(x.participant_id);
    const std::size_t v = position(study.variables,
                                   [&](const RatingVariable& rv) { return rv.name == x.variable; });
    const std::size_t g =
        position(study.groups, [&](const std::string& name) { return name == p.group; });
    ordered.push_back({{v, g}, {p.pseudonym, p.group, at->second, x.variable, x.value}});
  }
  std::stable_sort(ordered.begin(), ordered.end(),
                   [](const auto& a, const auto& b) { return a.first < b.first; });
  for (auto& [key, rating] : ordered) data.study.ratings.push_back(std::move(rating));
  COVALUE_RETURN_IF_ERROR(gate_.RecordRead(ctx, decision, Action::kStudyManage, {},
                                           StudySubject(study.id)));
  return data;
}

}  // namespace covalue::app
