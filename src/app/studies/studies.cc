#include "app/studies/studies.h"

#include <algorithm>
#include <map>
#include <set>

#include <fmt/format.h>

#include "app/kernel/crypto.h"
#include "domain/validation.h"
#include "formats/concept_map_csv.h"
#include "formats/delphi_csv.h"
#include "store/study_repository.h"
#include "store/user_repository.h"

namespace covalue::app {
namespace {

constexpr std::size_t kMostStatements = 1000;
constexpr std::size_t kMostProposals = 100;
constexpr std::size_t kMostParticipants = 2000;

Subject StudySubject(Id study_id) { return {"study", std::to_string(study_id), std::nullopt}; }
Subject ParticipantSubject(Id participant_id) {
  return {"study_participant", std::to_string(participant_id), std::nullopt};
}

Status NeedStage(const Study& study, StudyStage stage, std::string_view doing) {
  if (study.stage != stage) {
    return Fail(ErrorCode::kConflict,
                fmt::format("{} needs the study's {} stage; it is in {}", doing,
                            StudyStageName(stage), StudyStageName(study.stage)),
                "/stage");
  }
  return Ok();
}

bool BeforeSorting(const Study& study) {
  return study.stage == StudyStage::kDraft || study.stage == StudyStage::kBrainstorming;
}

Status NeedGroup(const Study& study, const std::string& group) {
  if (std::find(study.groups.begin(), study.groups.end(), group) == study.groups.end()) {
    return Fail(ErrorCode::kInvalidArgument,
                fmt::format("{} is not a group of the study", group.empty() ? "(none)" : group),
                "/group");
  }
  return Ok();
}

}  // namespace

Result<std::pair<Study, Decision>> Studies::Manage(const RequestContext& ctx, Id study_id,
                                                   const Subject& subject) {
  COVALUE_ASSIGN_OR_RETURN(Principal principal, gate_.Require(ctx));
  COVALUE_ASSIGN_OR_RETURN(Study study, store::ReadValue<Study>(store_, [&](store::Repositories& r) {
                             return r.Studies().Get(study_id);
                           }));
  Target target;
  target.user_id = study.owner_id;
  COVALUE_ASSIGN_OR_RETURN(Decision decision,
                           gate_.Permit(ctx, principal, Action::kStudyManage, target, subject));
  return std::pair{std::move(study), decision};
}

Result<Study> Studies::CreateStudy(const RequestContext& ctx, Study draft) {
  COVALUE_ASSIGN_OR_RETURN(Principal principal, gate_.Require(ctx));
  COVALUE_ASSIGN_OR_RETURN(Decision decision,
                           gate_.Permit(ctx, principal, Action::kStudyCreate, {},
                                        {"study", "new", std::nullopt}));
  COVALUE_RETURN_IF_ERROR(ValidateStudy(draft));
  draft.id = 0;
  draft.stage = StudyStage::kDraft;
  draft.round = 0;
  draft.owner_id = principal.user_id;
  draft.created_ms = gate_.NowMs();
  return store::WriteValue<Study>(store_, [&](store::Repositories& r) -> Result<Study> {
    COVALUE_ASSIGN_OR_RETURN(Study study, r.Studies().Create(draft));
    COVALUE_RETURN_IF_ERROR(gate_.AppendAudit(r, ctx, decision, Action::kStudyCreate, {},
                                              StudySubject(study.id), AuditOutcome::kAllowed));
    return study;
  });
}

Result<std::vector<Study>> Studies::ListStudies(const RequestContext& ctx) {
  COVALUE_ASSIGN_OR_RETURN(Principal principal, gate_.Require(ctx));
  return store::ReadValue<std::vector<Study>>(
      store_, [&](store::Repositories& r) -> Result<std::vector<Study>> {
        COVALUE_ASSIGN_OR_RETURN(std::vector<Study> owned, r.Studies().Owned(principal.user_id));
        COVALUE_ASSIGN_OR_RETURN(std::vector<Study> joined, r.Studies().Joined(principal.user_id));
        for (Study& s : joined) {
          if (s.owner_id != principal.user_id) owned.push_back(std::move(s));
        }
        return owned;
      });
}

Result<Study> Studies::GetStudy(const RequestContext& ctx, Id study_id) {
  COVALUE_ASSIGN_OR_RETURN(auto managed, Manage(ctx, study_id, StudySubject(study_id)));
  return managed.first;
}

Result<Study> Studies::MoveStage(const RequestContext& ctx, Id study_id, StudyStage stage) {
  COVALUE_ASSIGN_OR_RETURN(auto managed, Manage(ctx, study_id, StudySubject(study_id)));
  Study& study = managed.first;
  const Decision& decision = managed.second;
  const bool next_round = study.kind == StudyKind::kDelphi && stage == StudyStage::kRounds &&
                          study.stage == StudyStage::kRounds;
  if (!next_round && !StageMayFollow(study.kind, study.stage, stage)) {
    return Fail(ErrorCode::kConflict,
                fmt::format("a {} study in {} cannot move to {}", StudyKindName(study.kind),
                            StudyStageName(study.stage), StudyStageName(stage)),
                "/stage");
  }
  study.round = stage == StudyStage::kRounds ? study.round + 1 : study.round;
  study.stage = stage;
  COVALUE_RETURN_IF_ERROR(store_.Write([&](store::Repositories& r) -> Status {
    COVALUE_RETURN_IF_ERROR(r.Studies().SetStage(study.id, study.stage, study.round));
    return gate_.AppendAudit(r, ctx, decision, Action::kStudyManage, {}, StudySubject(study.id),
                             AuditOutcome::kAllowed);
  }));
  return study;
}

Result<Invitation> Studies::Invite(const RequestContext& ctx, Id study_id,
                                   const std::string& group) {
  COVALUE_ASSIGN_OR_RETURN(auto managed, Manage(ctx, study_id, StudySubject(study_id)));
  const Study& study = managed.first;
  const Decision& decision = managed.second;
  COVALUE_RETURN_IF_ERROR(NeedGroup(study, group));
  if (study.stage == StudyStage::kClosed) {
    return Fail(ErrorCode::kConflict, "the study is closed", "/stage");
  }
  const std::string secret = crypto::NewSecret();
  COVALUE_ASSIGN_OR_RETURN(
      StudyParticipant participant,
      store::WriteValue<StudyParticipant>(
          store_, [&](store::Repositories& r) -> Result<StudyParticipant> {
            COVALUE_ASSIGN_OR_RETURN(auto existing, r.Studies().Participants(study.id));
            if (existing.size() >= kMostParticipants) {
              return Fail(ErrorCode::kResourceExhausted,
                          fmt::format("a study takes at most {} participants", kMostParticipants));
            }
            StudyParticipant p{0,  study.id, std::nullopt, fmt::format("P-{:02}", existing.size() + 1),
                               group, {},   {},           gate_.NowMs()};
            COVALUE_ASSIGN_OR_RETURN(p, r.Studies().AddParticipant(p, crypto::HashSecret(secret)));
            COVALUE_RETURN_IF_ERROR(gate_.AppendAudit(r, ctx, decision, Action::kStudyManage, {},
                                                      ParticipantSubject(p.id),
                                                      AuditOutcome::kAllowed));
            return p;
          }));
  return Invitation{std::move(participant), secret};
}

Result<StudyParticipant> Studies::AddAccount(const RequestContext& ctx, Id study_id, Id user_id,
                                             const std::string& group) {
  COVALUE_ASSIGN_OR_RETURN(auto managed, Manage(ctx, study_id, StudySubject(study_id)));
  const Study& study = managed.first;
  const Decision& decision = managed.second;
  COVALUE_RETURN_IF_ERROR(NeedGroup(study, group));
  return store::WriteValue<StudyParticipant>(
      store_, [&](store::Repositories& r) -> Result<StudyParticipant> {
        auto user = r.Users().Get(user_id);
        if (!user || user->deactivated_ms) {
          return Fail(ErrorCode::kInvalidArgument, fmt::format("no active account {}", user_id),
                      "/user_id");
        }
        COVALUE_ASSIGN_OR_RETURN(auto existing, r.Studies().Participants(study.id));
        StudyParticipant p{0,     study.id, user_id, fmt::format("P-{:02}", existing.size() + 1),
                           group, {},       {},      gate_.NowMs()};
        COVALUE_ASSIGN_OR_RETURN(p, r.Studies().AddParticipant(p, std::nullopt));
        COVALUE_RETURN_IF_ERROR(gate_.AppendAudit(r, ctx, decision, Action::kStudyManage, {},
                                                  ParticipantSubject(p.id),
                                                  AuditOutcome::kAllowed));
        return p;
      });
}

Status Studies::RevokeParticipant(const RequestContext& ctx, Id study_id, Id participant_id) {
  COVALUE_ASSIGN_OR_RETURN(auto managed, Manage(ctx, study_id, ParticipantSubject(participant_id)));
  const Study& study = managed.first;
  const Decision& decision = managed.second;
  return store_.Write([&](store::Repositories& r) -> Status {
    COVALUE_ASSIGN_OR_RETURN(StudyParticipant p, r.Studies().GetParticipant(participant_id));
    if (p.study_id != study.id) {
      return Fail(ErrorCode::kNotFound, fmt::format("participant {} is not in the study",
                                                    participant_id));
    }
    COVALUE_RETURN_IF_ERROR(r.Studies().Revoke(p.id, gate_.NowMs()));
    return gate_.AppendAudit(r, ctx, decision, Action::kStudyManage, {}, ParticipantSubject(p.id),
                             AuditOutcome::kAllowed);
  });
}

Result<std::vector<ParticipantProgress>> Studies::Progress(const RequestContext& ctx,
                                                           Id study_id) {
  COVALUE_ASSIGN_OR_RETURN(auto managed, Manage(ctx, study_id, StudySubject(study_id)));
  const Study& study = managed.first;
  const Decision& decision = managed.second;
  COVALUE_ASSIGN_OR_RETURN(
      auto progress,
      store::ReadValue<std::vector<ParticipantProgress>>(
          store_, [&](store::Repositories& r) -> Result<std::vector<ParticipantProgress>> {
            COVALUE_ASSIGN_OR_RETURN(auto participants, r.Studies().Participants(study.id));
            COVALUE_ASSIGN_OR_RETURN(auto statements, r.Studies().Statements(study.id));
            COVALUE_ASSIGN_OR_RETURN(auto sorts, r.Studies().Sorts(study.id, std::nullopt));
            COVALUE_ASSIGN_OR_RETURN(auto ratings, r.Studies().Ratings(study.id, std::nullopt));
            std::vector<ParticipantProgress> out;
            for (const StudyParticipant& p : participants) {
              ParticipantProgress line{p.id, p.pseudonym, p.group, p.consented_ms.has_value(),
                                       p.revoked_ms.has_value(), 0, 0, 0};
              if (!study.anonymous && p.user_id) {
                if (auto user = r.Users().Get(*p.user_id)) line.name = user->display_name;
              }
              line.brainstormed = static_cast<std::size_t>(std::count_if(
                  statements.begin(), statements.end(),
                  [&](const StudyStatement& s) { return s.proposed_by == p.id; }));
              line.sorted = static_cast<std::size_t>(std::count_if(
                  sorts.begin(), sorts.end(), [&](const SortCard& c) { return c.participant_id == p.id; }));
              line.rated = static_cast<std::size_t>(
                  std::count_if(ratings.begin(), ratings.end(),
                                [&](const StatementRating& x) { return x.participant_id == p.id; }));
              out.push_back(std::move(line));
            }
            return out;
          }));
  COVALUE_RETURN_IF_ERROR(gate_.RecordRead(ctx, decision, Action::kStudyManage, {},
                                           StudySubject(study.id)));
  return progress;
}

Result<std::vector<StudyStatement>> Studies::ListStatements(const RequestContext& ctx,
                                                            Id study_id) {
  COVALUE_ASSIGN_OR_RETURN(auto managed, Manage(ctx, study_id, StudySubject(study_id)));
  return store::ReadValue<std::vector<StudyStatement>>(
      store_, [&](store::Repositories& r) { return r.Studies().Statements(managed.first.id); });
}

Result<StudyStatement> Studies::AddStatement(const RequestContext& ctx, Id study_id,
                                             const std::string& text) {
  COVALUE_ASSIGN_OR_RETURN(auto managed, Manage(ctx, study_id, StudySubject(study_id)));
  const Study& study = managed.first;
  const Decision& decision = managed.second;
  COVALUE_RETURN_IF_ERROR(ValidateText(text, "/text", 500));
  if (!BeforeSorting(study)) {
    return Fail(ErrorCode::kConflict, "the statements are frozen once sorting opens", "/stage");
  }
  return store::WriteValue<StudyStatement>(
      store_, [&](store::Repositories& r) -> Result<StudyStatement> {
        COVALUE_ASSIGN_OR_RETURN(auto statements, r.Studies().Statements(study.id));
        if (statements.size() >= kMostStatements) {
          return Fail(ErrorCode::kResourceExhausted,
                      fmt::format("a study takes at most {} statements", kMostStatements));
        }
        COVALUE_ASSIGN_OR_RETURN(StudyStatement s,
                                 r.Studies().AddStatement({0, study.id, text, std::nullopt,
                                                           std::nullopt, gate_.NowMs()}));
        COVALUE_RETURN_IF_ERROR(gate_.AppendAudit(r, ctx, decision, Action::kStudyManage, {},
                                                  {"study_statement", std::to_string(s.id), {}},
                                                  AuditOutcome::kAllowed));
        return s;
      });
}

Status Studies::EditStatement(const RequestContext& ctx, Id study_id, Id statement_id,
                              const std::string& text) {
  COVALUE_ASSIGN_OR_RETURN(auto managed, Manage(ctx, study_id, StudySubject(study_id)));
  const Study& study = managed.first;
  const Decision& decision = managed.second;
  COVALUE_RETURN_IF_ERROR(ValidateText(text, "/text", 500));
  if (!BeforeSorting(study)) {
    return Fail(ErrorCode::kConflict, "the statements are frozen once sorting opens", "/stage");
  }
  return store_.Write([&](store::Repositories& r) -> Status {
    COVALUE_ASSIGN_OR_RETURN(auto statements, r.Studies().Statements(study.id));
    if (std::none_of(statements.begin(), statements.end(),
                     [&](const StudyStatement& s) { return s.id == statement_id; })) {
      return Fail(ErrorCode::kNotFound, fmt::format("statement {} is not in the study", statement_id));
    }
    COVALUE_RETURN_IF_ERROR(r.Studies().EditStatement(statement_id, text));
    return gate_.AppendAudit(r, ctx, decision, Action::kStudyManage, {},
                             {"study_statement", std::to_string(statement_id), {}},
                             AuditOutcome::kAllowed);
  });
}

Status Studies::MergeStatement(const RequestContext& ctx, Id study_id, Id statement_id, Id into) {
  COVALUE_ASSIGN_OR_RETURN(auto managed, Manage(ctx, study_id, StudySubject(study_id)));
  const Study& study = managed.first;
  const Decision& decision = managed.second;
  if (!BeforeSorting(study)) {
    return Fail(ErrorCode::kConflict, "the statements are frozen once sorting opens", "/stage");
  }
  return store_.Write([&](store::Repositories& r) -> Status {
    COVALUE_ASSIGN_OR_RETURN(auto statements, r.Studies().Statements(study.id));
    const auto find = [&](Id id) {
      return std::find_if(statements.begin(), statements.end(),
                          [&](const StudyStatement& s) { return s.id == id; });
    };
    const auto from = find(statement_id);
    const auto to = find(into);
    if (from == statements.end() || to == statements.end()) {
      return Fail(ErrorCode::kNotFound, "both statements must be in the study", "/into");
    }
    if (from == to || to->merged_into || from->merged_into) {
      return Fail(ErrorCode::kInvalidArgument,
                  "a statement merges into another that stands (neither already merged)", "/into");
    }
    // Statements merged into this one follow it.
    for (const StudyStatement& s : statements) {
      if (s.merged_into == statement_id) COVALUE_RETURN_IF_ERROR(r.Studies().Merge(s.id, into));
    }
    COVALUE_RETURN_IF_ERROR(r.Studies().Merge(statement_id, into));
    return gate_.AppendAudit(r, ctx, decision, Action::kStudyManage, {},
                             {"study_statement", std::to_string(statement_id), {}},
                             AuditOutcome::kAllowed);
  });
}

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
    std::string message = "nothing was imported: ";
    for (std::size_t i = 0; i < problems.size() && i < 20; ++i) {
      message += (i == 0 ? "" : "; ") + formats::ProblemText(problems[i]);
    }
    return Fail(ErrorCode::kInvalidArgument, message,
                fmt::format("{}:{}", problems.front().file, problems.front().line));
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
    std::string message = "nothing was imported: ";
    for (std::size_t i = 0; i < problems.size() && i < 20; ++i) {
      message += (i == 0 ? "" : "; ") + formats::ProblemText(problems[i]);
    }
    return Fail(ErrorCode::kInvalidArgument, message,
                fmt::format("{}:{}", problems.front().file, problems.front().line));
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

Result<research::DelphiPanel> Studies::DelphiData(const RequestContext& ctx, Id study_id) {
  COVALUE_ASSIGN_OR_RETURN(auto managed, Manage(ctx, study_id, StudySubject(study_id)));
  const Study& study = managed.first;
  const Decision& decision = managed.second;
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
  COVALUE_RETURN_IF_ERROR(gate_.RecordRead(ctx, decision, Action::kStudyManage, {},
                                           StudySubject(study.id)));
  return panel;
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

Result<Studies::Participation> Studies::Participate(const RequestContext& ctx,
                                                    const ParticipantKey& key,
                                                    bool require_consent) {
  Participation p;
  if (!key.invitation.empty()) {
    auto self = store::ReadValue<StudyParticipant>(store_, [&](store::Repositories& r) {
      return r.Studies().ParticipantByToken(crypto::HashSecret(key.invitation));
    });
    if (!self) {
      return Fail(ErrorCode::kNotFound, "this invitation link is not valid");
    }
    p.self = *self;
    p.decision = Decision{true, "participant"};  // the link's secret is the participant's key
  } else {
    COVALUE_ASSIGN_OR_RETURN(Principal principal, gate_.Require(ctx));
    auto self = store::ReadValue<std::optional<StudyParticipant>>(store_, [&](store::Repositories& r) {
      return r.Studies().ParticipantOfUser(key.study_id, principal.user_id);
    });
    if (!self || !*self) {
      return Fail(ErrorCode::kNotFound, fmt::format("you take no part in study {}", key.study_id));
    }
    p.self = **self;
    Target target;
    target.user_id = p.self.user_id;
    COVALUE_ASSIGN_OR_RETURN(p.decision, gate_.Permit(ctx, principal, Action::kStudyParticipate,
                                                      target, ParticipantSubject(p.self.id)));
  }
  COVALUE_ASSIGN_OR_RETURN(p.study, store::ReadValue<Study>(store_, [&](store::Repositories& r) {
                             return r.Studies().Get(p.self.study_id);
                           }));
  if (p.self.revoked_ms) {
    return Fail(ErrorCode::kGone, "this participation was withdrawn by the study's researchers");
  }
  if (p.study.stage == StudyStage::kClosed) {
    return Fail(ErrorCode::kGone, "the study is closed; thank you for taking part");
  }
  if (require_consent && !p.self.consented_ms) {
    return Fail(ErrorCode::kConflict, "consent comes first", "/consent");
  }
  return p;
}

Result<Workspace> Studies::OpenWorkspace(const RequestContext& ctx, const ParticipantKey& key) {
  COVALUE_ASSIGN_OR_RETURN(Participation p, Participate(ctx, key, false));
  Workspace w{p.study, p.self, {}, {}, {}, {}};
  COVALUE_ASSIGN_OR_RETURN(auto all, store::ReadValue<std::vector<StudyStatement>>(
                                         store_, [&](store::Repositories& r) {
                                           return r.Studies().Statements(p.study.id);
                                         }));
  for (StudyStatement& s : all) {
    const bool own = s.proposed_by == p.self.id;
    if (BeforeSorting(p.study) ? own : !s.merged_into) {
      s.proposed_by = own ? s.proposed_by : std::nullopt;  // who proposed others' stays hidden
      w.statements.push_back(std::move(s));
    }
  }
  std::vector<StatementRating> everyone;  // a Delphi's ratings of the round before, for feedback
  COVALUE_RETURN_IF_ERROR(store_.Read([&](store::Repositories& r) -> Status {
    COVALUE_ASSIGN_OR_RETURN(w.sort, r.Studies().Sorts(p.study.id, p.self.id));
    COVALUE_ASSIGN_OR_RETURN(w.ratings, r.Studies().Ratings(p.study.id, p.self.id));
    if (p.study.kind == StudyKind::kDelphi && p.study.round >= 2) {
      COVALUE_ASSIGN_OR_RETURN(everyone, r.Studies().Ratings(p.study.id, std::nullopt));
    }
    return Ok();
  }));
  if (p.study.kind == StudyKind::kDelphi) {
    const int round = p.study.round;
    std::vector<StatementRating> open;
    for (const StatementRating& x : w.ratings) {
      if (x.round == round) open.push_back(x);
    }
    if (round >= 2) {
      for (const StudyStatement& item : w.statements) {
        DelphiFeedback f;
        f.statement_id = item.id;
        std::vector<int> values;
        for (const StatementRating& x : everyone) {
          if (x.statement_id != item.id || x.round != round - 1) continue;
          values.push_back(x.value);
          if (x.participant_id == p.self.id) f.own = x.value;
        }
        f.n = values.size();
        f.withheld = f.n > 0 && f.n < min_cell_;
        if (!f.withheld && !values.empty()) {
          std::sort(values.begin(), values.end());
          f.median = research::Median(values).ToDouble();
          for (int v : values) f.histogram[static_cast<std::size_t>(v - 1)] += 1;
        }
        w.feedback.push_back(f);
      }
    }
    w.ratings = std::move(open);
  }
  w.study.owner_id = 0;  // not the participant's to know
  return w;
}

Status Studies::GiveConsent(const RequestContext& ctx, const ParticipantKey& key) {
  COVALUE_ASSIGN_OR_RETURN(Participation p, Participate(ctx, key, false));
  if (p.self.consented_ms) {
    return Ok();
  }
  return store_.Write([&](store::Repositories& r) -> Status {
    COVALUE_RETURN_IF_ERROR(r.Studies().Consent(p.self.id, gate_.NowMs()));
    return gate_.AppendAudit(r, ctx, p.decision, Action::kStudyParticipate, {},
                             ParticipantSubject(p.self.id), AuditOutcome::kAllowed);
  });
}

Result<StudyStatement> Studies::Propose(const RequestContext& ctx, const ParticipantKey& key,
                                        const std::string& text) {
  COVALUE_ASSIGN_OR_RETURN(Participation p, Participate(ctx, key, true));
  COVALUE_RETURN_IF_ERROR(NeedStage(p.study, StudyStage::kBrainstorming, "brainstorming"));
  COVALUE_RETURN_IF_ERROR(ValidateText(text, "/text", 500));
  return store::WriteValue<StudyStatement>(
      store_, [&](store::Repositories& r) -> Result<StudyStatement> {
        COVALUE_ASSIGN_OR_RETURN(auto statements, r.Studies().Statements(p.study.id));
        const auto own = std::count_if(statements.begin(), statements.end(), [&](const auto& s) {
          return s.proposed_by == p.self.id;
        });
        if (statements.size() >= kMostStatements ||
            static_cast<std::size_t>(own) >= kMostProposals) {
          return Fail(ErrorCode::kResourceExhausted,
                      fmt::format("a participant proposes at most {} statements, a study holds "
                                  "at most {}",
                                  kMostProposals, kMostStatements));
        }
        COVALUE_ASSIGN_OR_RETURN(StudyStatement s,
                                 r.Studies().AddStatement({0, p.study.id, text, p.self.id,
                                                           std::nullopt, gate_.NowMs()}));
        COVALUE_RETURN_IF_ERROR(gate_.AppendAudit(r, ctx, p.decision, Action::kStudyParticipate,
                                                  {}, ParticipantSubject(p.self.id),
                                                  AuditOutcome::kAllowed));
        return s;
      });
}

Status Studies::SaveSort(const RequestContext& ctx, const ParticipantKey& key,
                         const std::vector<SortCard>& cards) {
  COVALUE_ASSIGN_OR_RETURN(Participation p, Participate(ctx, key, true));
  COVALUE_RETURN_IF_ERROR(NeedStage(p.study, StudyStage::kSorting, "sorting"));
  COVALUE_ASSIGN_OR_RETURN(auto standing, Standing(p.study.id));
  std::set<Id> allowed;
  for (const StudyStatement& s : standing) allowed.insert(s.id);
  std::set<Id> placed;
  std::vector<SortCard> mine;
  for (std::size_t i = 0; i < cards.size(); ++i) {
    const std::string field = fmt::format("/cards/{}", i);
    if (!allowed.contains(cards[i].statement_id)) {
      return Fail(ErrorCode::kInvalidArgument,
                  fmt::format("statement {} is not one of the study's", cards[i].statement_id),
                  field + "/statement_id");
    }
    if (!placed.insert(cards[i].statement_id).second) {
      return Fail(ErrorCode::kInvalidArgument,
                  fmt::format("statement {} is in two piles; a card goes in one",
                              cards[i].statement_id),
                  field + "/statement_id");
    }
    COVALUE_RETURN_IF_ERROR(ValidateText(cards[i].pile, field + "/pile", 100));
    mine.push_back({p.self.id, cards[i].statement_id, cards[i].pile});
  }
  return store_.Write([&](store::Repositories& r) -> Status {
    COVALUE_RETURN_IF_ERROR(r.Studies().ReplaceSort(p.self.id, mine));
    return gate_.AppendAudit(r, ctx, p.decision, Action::kStudyParticipate, {},
                             ParticipantSubject(p.self.id), AuditOutcome::kAllowed);
  });
}

Status Studies::SaveRatings(const RequestContext& ctx, const ParticipantKey& key,
                            const std::vector<StatementRating>& ratings) {
  COVALUE_ASSIGN_OR_RETURN(Participation p, Participate(ctx, key, true));
  const bool delphi = p.study.kind == StudyKind::kDelphi;
  COVALUE_RETURN_IF_ERROR(
      NeedStage(p.study, delphi ? StudyStage::kRounds : StudyStage::kRating, "rating"));
  COVALUE_ASSIGN_OR_RETURN(auto standing, Standing(p.study.id));
  // A Delphi rates each item 1–9 in its open round.
  std::vector<RatingVariable> variables = p.study.variables;
  if (delphi) variables = {{std::string(kDelphiVariable), 1, 9}};
  std::set<Id> allowed;
  for (const StudyStatement& s : standing) allowed.insert(s.id);
  std::vector<StatementRating> mine;
  for (std::size_t i = 0; i < ratings.size(); ++i) {
    const std::string field = fmt::format("/ratings/{}", i);
    const StatementRating& x = ratings[i];
    if (!allowed.contains(x.statement_id)) {
      return Fail(ErrorCode::kInvalidArgument,
                  fmt::format("statement {} is not one of the study's", x.statement_id),
                  field + "/statement_id");
    }
    const auto variable = std::find_if(variables.begin(), variables.end(),
                                       [&](const RatingVariable& v) { return v.name == x.variable; });
    if (variable == variables.end()) {
      return Fail(ErrorCode::kInvalidArgument,
                  fmt::format("{} is not a variable of the study", x.variable),
                  field + "/variable");
    }
    if (x.value < variable->min || x.value > variable->max) {
      return Fail(ErrorCode::kInvalidArgument,
                  fmt::format("{} is rated {}–{}", variable->name, variable->min, variable->max),
                  field + "/value");
    }
    mine.push_back({p.self.id, x.statement_id, x.variable, delphi ? p.study.round : 0, x.value});
  }
  return store_.Write([&](store::Repositories& r) -> Status {
    COVALUE_RETURN_IF_ERROR(r.Studies().SetRatings(mine));
    return gate_.AppendAudit(r, ctx, p.decision, Action::kStudyParticipate, {},
                             ParticipantSubject(p.self.id), AuditOutcome::kAllowed);
  });
}

}  // namespace covalue::app
