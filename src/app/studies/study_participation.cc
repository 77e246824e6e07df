// Studies: a participant's own work, by invitation link or account.

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
  std::vector<StudyComment> said;         // … and every panelist's comments
  COVALUE_RETURN_IF_ERROR(store_.Read([&](store::Repositories& r) -> Status {
    COVALUE_ASSIGN_OR_RETURN(w.sort, r.Studies().Sorts(p.study.id, p.self.id));
    COVALUE_ASSIGN_OR_RETURN(w.ratings, r.Studies().Ratings(p.study.id, p.self.id));
    if (p.study.kind == StudyKind::kDelphi) {
      COVALUE_ASSIGN_OR_RETURN(said, r.Studies().Comments(p.study.id, std::nullopt));
    }
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
          for (const StudyComment& c : said) {
            if (c.statement_id == item.id && c.round == round - 1) f.comments.push_back(c.text);
          }
        }
        w.feedback.push_back(f);
      }
    }
    w.ratings = std::move(open);
    for (StudyComment& c : said) {
      if (c.participant_id == p.self.id && c.round == round) w.comments.push_back(std::move(c));
    }
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

Status Studies::SaveComment(const RequestContext& ctx, const ParticipantKey& key,
                            Id statement_id, const std::string& text) {
  COVALUE_ASSIGN_OR_RETURN(Participation p, Participate(ctx, key, true));
  if (p.study.kind != StudyKind::kDelphi) {
    return Fail(ErrorCode::kConflict, "only a Delphi's items take comments", "/kind");
  }
  COVALUE_RETURN_IF_ERROR(NeedStage(p.study, StudyStage::kRounds, "commenting"));
  if (text.size() > 1000) {
    return Fail(ErrorCode::kInvalidArgument, "a comment has at most 1000 characters", "/text");
  }
  if (!text.empty()) COVALUE_RETURN_IF_ERROR(ValidateText(text, "/text", 1000));
  COVALUE_ASSIGN_OR_RETURN(auto standing, Standing(p.study.id));
  if (std::none_of(standing.begin(), standing.end(),
                   [&](const StudyStatement& s) { return s.id == statement_id; })) {
    return Fail(ErrorCode::kInvalidArgument,
                fmt::format("statement {} is not one of the study's", statement_id),
                "/statement_id");
  }
  return store_.Write([&](store::Repositories& r) -> Status {
    COVALUE_RETURN_IF_ERROR(r.Studies().SetComment(
        {p.self.id, statement_id, p.study.round, text, gate_.NowMs(), {}}));
    return gate_.AppendAudit(r, ctx, p.decision, Action::kStudyParticipate, {},
                             ParticipantSubject(p.self.id), AuditOutcome::kAllowed);
  });
}

}  // namespace covalue::app
