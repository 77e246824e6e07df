// Studies: a researcher's studies, their stages, participants, progress and statements.

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
  COVALUE_RETURN_IF_ERROR(NeedOpenStatements(study));
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
  COVALUE_RETURN_IF_ERROR(NeedOpenStatements(study));
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
  COVALUE_RETURN_IF_ERROR(NeedOpenStatements(study));
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

Status Studies::NameClusters(const RequestContext& ctx, Id study_id, int k,
                             const std::vector<std::string>& names) {
  COVALUE_ASSIGN_OR_RETURN(auto managed, Manage(ctx, study_id, StudySubject(study_id)));
  const Study& study = managed.first;
  const Decision& decision = managed.second;
  if (k < 2 || k > 30) {
    return Fail(ErrorCode::kInvalidArgument, "k is from 2 to 30", "/k");
  }
  if (names.size() != static_cast<std::size_t>(k)) {
    return Fail(ErrorCode::kInvalidArgument, fmt::format("give {} names, one per cluster", k),
                "/names");
  }
  for (std::size_t c = 0; c < names.size(); ++c) {
    if (!names[c].empty()) {
      COVALUE_RETURN_IF_ERROR(ValidateText(names[c], fmt::format("/names/{}", c), 100));
    }
  }
  return store_.Write([&](store::Repositories& r) -> Status {
    COVALUE_RETURN_IF_ERROR(r.Studies().SetClusterNames(study.id, k, names));
    return gate_.AppendAudit(r, ctx, decision, Action::kStudyManage, {}, StudySubject(study.id),
                             AuditOutcome::kAllowed);
  });
}

Result<std::vector<std::string>> Studies::ClusterNames(const RequestContext& ctx, Id study_id,
                                                       int k) {
  COVALUE_ASSIGN_OR_RETURN(auto managed, Manage(ctx, study_id, StudySubject(study_id)));
  return store::ReadValue<std::vector<std::string>>(store_, [&](store::Repositories& r) {
    return r.Studies().ClusterNames(managed.first.id, k);
  });
}

}  // namespace covalue::app
