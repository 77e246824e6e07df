#include "app/workbooks/workbooks.h"

#include <algorithm>
#include <functional>
#include <map>
#include <set>

#include <fmt/format.h>

#include "domain/validation.h"
#include "store/team_repository.h"
#include "store/workbook_repository.h"

namespace covalue::app {
namespace {

constexpr std::size_t kMaxAnswerBytes = std::size_t{256} * 1024;

Target TargetOf(const Workbook& w) { return Target{w.site_id, w.team_id, std::nullopt, {}}; }

// A question a workbook can hold an answer to (any item of the guide but a group) and the
// answer's key in its one spelling.
struct Question {
  const GuideItem* item;
  std::string key;
};

Result<Question> CheckQuestion(const Guide& guide, const std::string& key) {
  const std::optional<AnswerKey> parsed = ParseAnswerKey(key);
  const GuideItem* item = parsed ? guide.Find(parsed->link_id) : nullptr;
  if (item == nullptr || item->type == GuideItemType::kGroup) {
    return Fail(ErrorCode::kInvalidArgument,
                fmt::format("'{}' is not a question of guide {}", key, guide.id), "linkId");
  }
  if (parsed->instance > 1 && guide.RepeatingGroupOf(parsed->link_id) == nullptr) {
    return Fail(ErrorCode::kInvalidArgument,
                fmt::format("'{}' is not in a repeating group: it has one answer, without '~N'",
                            parsed->link_id),
                "linkId");
  }
  return Question{item, parsed->ToString()};
}

// Ratings take 1 to 5, choices one of their codes, dates YYYY-MM-DD; "" clears any answer.
Status CheckAnswerShape(const GuideItem& item, const std::string& text) {
  if (text.empty()) {
    return Ok();
  }
  switch (item.type) {
    case GuideItemType::kRating:
      if (text.size() != 1 || text[0] < '1' || text[0] > '5') {
        return Fail(ErrorCode::kInvalidArgument, "a rating is a whole number from 1 to 5", "/text");
      }
      return Ok();
    case GuideItemType::kChoice:
      for (const GuideOption& option : item.options) {
        if (option.code == text) {
          return Ok();
        }
      }
      return Fail(ErrorCode::kInvalidArgument,
                  fmt::format("'{}' is not one of the choices of {}", text, item.link_id), "/text");
    case GuideItemType::kDate: {
      const bool shaped = text.size() == 10 && text[4] == '-' && text[7] == '-' &&
                          std::all_of(text.begin(), text.end(),
                                      [](char c) { return (c >= '0' && c <= '9') || c == '-'; });
      if (!shaped || text.substr(5, 2) < "01" || text.substr(5, 2) > "12" ||
          text.substr(8, 2) < "01" || text.substr(8, 2) > "31") {
        return Fail(ErrorCode::kInvalidArgument, "a date is written YYYY-MM-DD", "/text");
      }
      return Ok();
    }
    case GuideItemType::kString:
      if (text.find('\n') != std::string::npos) {
        return Fail(ErrorCode::kInvalidArgument, "this answer is one line", "/text");
      }
      return Ok();
    default:
      return Ok();
  }
}

// A step's status as its answers tell it, for a step the team has not given one: every
// question in it answered is done, some is in progress, none is not started. A status the team
// sets wins (a full-guide step may be done with questions left open, or open with all answered).
StepStatus AnsweredStatus(const GuideItem& step, const std::set<std::string>& answered) {
  std::size_t questions = 0;
  std::size_t answers = 0;
  std::function<void(const GuideItem&)> count = [&](const GuideItem& item) {
    if (item.type == GuideItemType::kGroup) {
      for (const GuideItem& inner : item.items) {
        count(inner);
      }
      return;
    }
    ++questions;
    answers += answered.contains(item.link_id) ? 1 : 0;
  };
  count(step);
  if (answers == 0) {
    return StepStatus::kNotStarted;
  }
  return answers == questions ? StepStatus::kDone : StepStatus::kInProgress;
}

Status CheckStep(const Guide& guide, const std::string& link_id) {
  for (const GuideItem& item : guide.items) {
    if (item.link_id == link_id) {
      return Ok();
    }
  }
  return Fail(ErrorCode::kInvalidArgument,
              fmt::format("'{}' is not a step of guide {}", link_id, guide.id), "step");
}

Status CheckAnswerText(const std::string& text) {
  if (text.size() > kMaxAnswerBytes) {
    return Fail(ErrorCode::kInvalidArgument,
                fmt::format("an answer holds at most {} bytes", kMaxAnswerBytes), "/text");
  }
  // Newlines and tabs are Markdown; other control characters are not text.
  std::string probe = text;
  for (char& c : probe) {
    if (c == '\n' || c == '\r' || c == '\t') {
      c = ' ';
    }
  }
  if (probe.find_first_not_of(' ') == std::string::npos) {
    return Ok();  // an empty answer clears it, as a revision
  }
  return ValidateText(probe, "/text", kMaxAnswerBytes);
}

}  // namespace

const WorkbookAnswer* WorkbookView::Answer(std::string_view key) const {
  for (const WorkbookAnswer& answer : answers) {
    if (answer.key == key) {
      return &answer;
    }
  }
  return nullptr;
}

int WorkbookView::Instances(const GuideItem& group) const {
  if (!group.repeats) {
    return 1;
  }
  // Every instance holds all of the group's questions, so its first question counts them.
  const GuideItem* first = &group;
  while (first->type == GuideItemType::kGroup && !first->items.empty()) {
    first = &first->items.front();
  }
  int n = 1;
  for (const WorkbookAnswer& answer : answers) {
    if (answer.link_id == first->link_id) {
      n = std::max(n, answer.instance);
    }
  }
  return n;
}

Result<Guide> Workbooks::GuideById(const std::string& id, const std::string& field) const {
  for (const Guide& guide : guides_) {
    if (guide.id == id) {
      return guide;
    }
  }
  return Fail(ErrorCode::kNotFound, fmt::format("no guide has the id '{}'", id), field);
}

Result<Workbooks::WorkbookAccess> Workbooks::AccessWorkbook(const RequestContext& ctx, Id id,
                                                            Action action) {
  COVALUE_ASSIGN_OR_RETURN(Principal principal, gate_.Require(ctx));
  COVALUE_ASSIGN_OR_RETURN(Workbook workbook,
                           store::ReadValue<Workbook>(store_, [&](store::Repositories& r) {
                             return r.Workbooks().Get(id);
                           }));
  COVALUE_ASSIGN_OR_RETURN(Decision decision,
                           gate_.Permit(ctx, principal, action, TargetOf(workbook),
                                        {"workbook", std::to_string(id), {}}));
  COVALUE_ASSIGN_OR_RETURN(Guide guide, GuideById(workbook.guide_id, "guide_id"));
  return WorkbookAccess{std::move(workbook), std::move(guide), decision};
}

Result<WorkbookView> Workbooks::ViewOf(const Workbook& workbook, const Guide& guide,
                                       bool text_visible) {
  COVALUE_ASSIGN_OR_RETURN(Team team, TeamById(workbook.team_id));
  WorkbookView view{workbook, team.name, {}, text_visible, {}};
  // The steps' statuses, the latest answers and their revision counts: one snapshot.
  std::vector<StepState> statuses;
  std::vector<AnswerRevision> latest;
  std::map<std::string, std::int64_t> counts;
  COVALUE_RETURN_IF_ERROR(store_.Read([&](store::Repositories& r) -> Status {
    COVALUE_ASSIGN_OR_RETURN(statuses, r.Workbooks().StepStatuses(workbook.id));
    COVALUE_ASSIGN_OR_RETURN(latest, r.Workbooks().LatestRevisions(workbook.id));
    if (text_visible) {
      COVALUE_ASSIGN_OR_RETURN(counts, r.Workbooks().RevisionCounts(workbook.id));
    }
    return Ok();
  }));
  std::set<std::string> answered;  // questions with a non-empty latest answer, any instance
  for (const AnswerRevision& revision : latest) {
    const std::optional<AnswerKey> key = ParseAnswerKey(revision.link_id);
    if (key && !revision.text.empty()) {
      answered.insert(key->link_id);
    }
  }
  for (const GuideItem& step : guide.items) {
    StepState state{step.link_id, AnsweredStatus(step, answered)};
    for (const StepState& saved : statuses) {
      if (saved.link_id == step.link_id) {
        state.status = saved.status;
      }
    }
    view.steps.push_back(state);
  }
  if (!text_visible) {
    return view;
  }
  // The full guide starts from the team's newest short-form answers: the short question that
  // summarises a step seeds the step's first question.
  std::map<std::string, std::string> starting;
  if (guide.kind == GuideKind::kFull) {
    for (const Guide& other : guides_) {
      if (other.kind != GuideKind::kShortForm) {
        continue;
      }
      COVALUE_ASSIGN_OR_RETURN(
          auto short_form,
          store::ReadValue<std::optional<Workbook>>(store_, [&](store::Repositories& r) {
            return r.Workbooks().LatestOfTeam(workbook.team_id, other.id);
          }));
      if (!short_form) {
        continue;
      }
      COVALUE_ASSIGN_OR_RETURN(
          auto answers,
          store::ReadValue<std::vector<AnswerRevision>>(store_, [&](store::Repositories& r) {
            return r.Workbooks().LatestRevisions(short_form->id);
          }));
      for (const AnswerRevision& answer : answers) {
        const GuideItem* question = other.Find(answer.link_id);
        const GuideItem* step = question != nullptr ? guide.Find(question->summarises) : nullptr;
        if (step != nullptr && !step->items.empty()) {
          for (const GuideItem& first : step->items) {
            if (first.type != GuideItemType::kGroup) {
              starting[first.link_id] = answer.text;
              break;
            }
          }
        }
      }
    }
  }
  std::map<std::string, const AnswerRevision*> latest_by_key;
  for (const AnswerRevision& revision : latest) {
    latest_by_key[revision.link_id] = &revision;
  }
  // A repeating group has instances up to the highest any of its questions was saved in.
  std::map<std::string, int> instances;
  for (const auto& [key, count] : counts) {
    const std::optional<AnswerKey> parsed = ParseAnswerKey(key);
    if (const GuideItem* group = parsed ? guide.RepeatingGroupOf(parsed->link_id) : nullptr) {
      int& n = instances[group->link_id];
      n = std::max(n, parsed->instance);
    }
  }
  std::function<void(const std::vector<GuideItem>&, int)> collect = [&](const auto& items,
                                                                        int instance) {
    for (const GuideItem& item : items) {
      if (item.type == GuideItemType::kGroup) {
        const int n = item.repeats ? std::max(1, instances[item.link_id]) : 1;
        for (int i = 1; i <= n; ++i) {
          collect(item.items, item.repeats ? i : instance);
        }
        continue;
      }
      WorkbookAnswer answer{item.link_id, instance, AnswerKey{item.link_id, instance}.ToString(),
                            std::nullopt, 0,        ""};
      if (auto found = latest_by_key.find(answer.key); found != latest_by_key.end()) {
        answer.latest = *found->second;
      }
      if (auto count = counts.find(answer.key); count != counts.end()) {
        answer.revisions = count->second;
      }
      if (!answer.latest && instance == 1) {
        if (auto seed = starting.find(item.link_id); seed != starting.end()) {
          answer.starting_text = seed->second;
        }
      }
      view.answers.push_back(std::move(answer));
    }
  };
  collect(guide.items, 1);
  return view;
}

Result<WorkbookView> Workbooks::StartWorkbook(const RequestContext& ctx, Id team_id,
                                              const std::string& guide_id) {
  COVALUE_ASSIGN_OR_RETURN(Principal principal, gate_.Require(ctx));
  auto team = TeamById(team_id);
  if (!team) {
    return Fail(team.error().code, team.error().message, "/team_id");
  }
  const Target target{team->site_id, team->id, std::nullopt, {}};
  COVALUE_ASSIGN_OR_RETURN(Decision decision, gate_.Permit(ctx, principal, Action::kWorkbookCreate,
                                                           target, {"workbook", "", {}}));
  COVALUE_ASSIGN_OR_RETURN(Guide guide, GuideById(guide_id, "/guide_id"));
  if (guide.kind == GuideKind::kPersona) {
    return Fail(ErrorCode::kInvalidArgument,
                "a persona's workbook is made with the persona (/api/v1/teams/{id}/personas)",
                "/guide_id");
  }
  COVALUE_ASSIGN_OR_RETURN(
      Workbook workbook,
      store::WriteValue<Workbook>(store_, [&](store::Repositories& repos) -> Result<Workbook> {
        COVALUE_ASSIGN_OR_RETURN(
            Workbook created, repos.Workbooks().Create(Workbook{
                                  0, team->site_id, team->id, guide.id, guide.version,
                                  principal.user_id, gate_.NowMs(), "", false, "", std::nullopt}));
        COVALUE_RETURN_IF_ERROR(gate_.AppendAudit(
            repos, ctx, decision, Action::kWorkbookCreate, target,
            {"workbook", std::to_string(created.id), {}}, AuditOutcome::kAllowed));
        return created;
      }));
  return ViewOf(workbook, guide, true);
}

Result<WorkbookView> Workbooks::GetWorkbook(const RequestContext& ctx, Id id) {
  COVALUE_ASSIGN_OR_RETURN(Principal principal, gate_.Require(ctx));
  COVALUE_ASSIGN_OR_RETURN(Workbook workbook,
                           store::ReadValue<Workbook>(store_, [&](store::Repositories& r) {
                             return r.Workbooks().Get(id);
                           }));
  // Who may only follow progress sees the text once the team shares it.
  const Target target = TargetOf(workbook);
  const bool reads = Authorize(principal, Action::kWorkbookRead, target).allowed;
  COVALUE_RETURN_IF_ERROR(gate_.Permit(ctx, principal,
                                       reads ? Action::kWorkbookRead : Action::kWorkbookProgress,
                                       target, {"workbook", std::to_string(id), {}}));
  COVALUE_ASSIGN_OR_RETURN(Guide guide, GuideById(workbook.guide_id, "guide_id"));
  return ViewOf(workbook, guide, reads || workbook.shared);
}

Result<Page<Workbook>> Workbooks::ListTeamWorkbooks(const RequestContext& ctx, Id team_id,
                                                    const PageRequest& page) {
  COVALUE_ASSIGN_OR_RETURN(Principal principal, gate_.Require(ctx));
  COVALUE_ASSIGN_OR_RETURN(Team team, TeamById(team_id));
  COVALUE_RETURN_IF_ERROR(gate_.Permit(ctx, principal, Action::kWorkbookProgress,
                                       {team.site_id, team.id, std::nullopt, {}},
                                       {"team", std::to_string(team_id), {}}));
  return store::ReadValue<Page<Workbook>>(
      store_, [&](store::Repositories& r) { return r.Workbooks().ListOfTeam(team_id, page); });
}

Result<AnswerRevision> Workbooks::WriteRevision(const RequestContext& ctx,
                                                const WorkbookAccess& access,
                                                AnswerRevision revision,
                                                const std::optional<std::string>& if_match) {
  const Id workbook_id = access.workbook.id;
  return store::WriteValue<AnswerRevision>(
      store_, [&](store::Repositories& repos) -> Result<AnswerRevision> {
        COVALUE_ASSIGN_OR_RETURN(auto latest,
                                 repos.Workbooks().LatestRevision(workbook_id, revision.link_id));
        if (latest && !if_match) {
          return Fail(ErrorCode::kPreconditionRequired,
                      "this answer has been saved before: send If-Match with its ETag", "If-Match");
        }
        if (if_match && (!latest || *if_match != RevisionEtag(latest->number))) {
          return Fail(ErrorCode::kConflict,
                      "the answer changed since it was read: merge with the current text",
                      "If-Match");
        }
        COVALUE_ASSIGN_OR_RETURN(AnswerRevision saved, repos.Workbooks().AddRevision(revision));
        COVALUE_RETURN_IF_ERROR(gate_.AppendAudit(
            repos, ctx, access.decision, Action::kWorkbookWrite, TargetOf(access.workbook),
            {"workbook", std::to_string(workbook_id), {}}, AuditOutcome::kAllowed));
        saved.author = ctx.principal ? ctx.principal->username : "";
        return saved;
      });
}

Result<AnswerRevision> Workbooks::SaveAnswer(const RequestContext& ctx, Id id,
                                             const std::string& key, const std::string& text,
                                             const std::optional<std::string>& if_match) {
  COVALUE_ASSIGN_OR_RETURN(WorkbookAccess access, AccessWorkbook(ctx, id, Action::kWorkbookWrite));
  COVALUE_ASSIGN_OR_RETURN(const Question question, CheckQuestion(access.guide, key));
  COVALUE_RETURN_IF_ERROR(CheckAnswerText(text));
  COVALUE_RETURN_IF_ERROR(CheckAnswerShape(*question.item, text));
  return WriteRevision(ctx, access,
                       AnswerRevision{id, question.key, 0, text, ctx.principal->user_id, "",
                                      gate_.NowMs(), std::nullopt},
                       if_match);
}

Result<std::optional<AnswerRevision>> Workbooks::GetAnswer(const RequestContext& ctx, Id id,
                                                           const std::string& key) {
  COVALUE_ASSIGN_OR_RETURN(WorkbookAccess access, AccessWorkbook(ctx, id, Action::kWorkbookRead));
  COVALUE_ASSIGN_OR_RETURN(const Question question, CheckQuestion(access.guide, key));
  return store::ReadValue<std::optional<AnswerRevision>>(store_, [&](store::Repositories& r) {
    return r.Workbooks().LatestRevision(id, question.key);
  });
}

Result<Page<AnswerRevision>> Workbooks::ListRevisions(const RequestContext& ctx, Id id,
                                                      const std::string& key,
                                                      const PageRequest& page) {
  COVALUE_ASSIGN_OR_RETURN(WorkbookAccess access, AccessWorkbook(ctx, id, Action::kWorkbookRead));
  COVALUE_ASSIGN_OR_RETURN(const Question question, CheckQuestion(access.guide, key));
  return store::ReadValue<Page<AnswerRevision>>(store_, [&](store::Repositories& r) {
    return r.Workbooks().Revisions(id, question.key, page);
  });
}

Result<AnswerRevision> Workbooks::GetRevision(const RequestContext& ctx, Id id,
                                              const std::string& key, std::int64_t number) {
  COVALUE_ASSIGN_OR_RETURN(WorkbookAccess access, AccessWorkbook(ctx, id, Action::kWorkbookRead));
  COVALUE_ASSIGN_OR_RETURN(const Question question, CheckQuestion(access.guide, key));
  return store::ReadValue<AnswerRevision>(store_, [&](store::Repositories& r) {
    return r.Workbooks().Revision(id, question.key, number);
  });
}

Result<AnswerRevision> Workbooks::RestoreRevision(const RequestContext& ctx, Id id,
                                                  const std::string& key, std::int64_t number,
                                                  const std::optional<std::string>& if_match) {
  COVALUE_ASSIGN_OR_RETURN(WorkbookAccess access, AccessWorkbook(ctx, id, Action::kWorkbookWrite));
  COVALUE_ASSIGN_OR_RETURN(const Question question, CheckQuestion(access.guide, key));
  COVALUE_ASSIGN_OR_RETURN(AnswerRevision old,
                           store::ReadValue<AnswerRevision>(store_, [&](store::Repositories& r) {
                             return r.Workbooks().Revision(id, question.key, number);
                           }));
  return WriteRevision(ctx, access,
                       AnswerRevision{id, question.key, 0, old.text, ctx.principal->user_id, "",
                                      gate_.NowMs(), number},
                       if_match);
}

Status Workbooks::SetStepStatus(const RequestContext& ctx, Id id, const std::string& step_link_id,
                                StepStatus status) {
  COVALUE_ASSIGN_OR_RETURN(WorkbookAccess access, AccessWorkbook(ctx, id, Action::kWorkbookWrite));
  COVALUE_RETURN_IF_ERROR(CheckStep(access.guide, step_link_id));
  return store_.Write([&](store::Repositories& repos) -> Status {
    COVALUE_RETURN_IF_ERROR(repos.Workbooks().SetStepStatus(id, step_link_id, status,
                                                            ctx.principal->user_id, gate_.NowMs()));
    return gate_.AppendAudit(repos, ctx, access.decision, Action::kWorkbookWrite,
                             TargetOf(access.workbook), {"workbook", std::to_string(id), {}},
                             AuditOutcome::kAllowed);
  });
}

Status Workbooks::SetPosition(const RequestContext& ctx, Id id, const std::string& step_link_id) {
  COVALUE_ASSIGN_OR_RETURN(WorkbookAccess access, AccessWorkbook(ctx, id, Action::kWorkbookWrite));
  COVALUE_RETURN_IF_ERROR(CheckStep(access.guide, step_link_id));
  return store_.Write([&](store::Repositories& repos) -> Status {
    COVALUE_RETURN_IF_ERROR(repos.Workbooks().SetPosition(id, step_link_id));
    return gate_.AppendAudit(repos, ctx, access.decision, Action::kWorkbookWrite,
                             TargetOf(access.workbook), {"workbook", std::to_string(id), {}},
                             AuditOutcome::kAllowed);
  });
}

Status Workbooks::ShareWorkbook(const RequestContext& ctx, Id id, bool shared) {
  COVALUE_ASSIGN_OR_RETURN(WorkbookAccess access, AccessWorkbook(ctx, id, Action::kWorkbookShare));
  return store_.Write([&](store::Repositories& repos) -> Status {
    COVALUE_RETURN_IF_ERROR(repos.Workbooks().SetShared(id, shared));
    return gate_.AppendAudit(repos, ctx, access.decision, Action::kWorkbookShare,
                             TargetOf(access.workbook), {"workbook", std::to_string(id), {}},
                             AuditOutcome::kAllowed);
  });
}

Status Workbooks::LabelWorkbook(const RequestContext& ctx, Id id, const WorkbookLabel& label) {
  if (label.name && !label.name->empty()) {  // "" goes back to the guide's title
    COVALUE_RETURN_IF_ERROR(ValidateText(*label.name, "/name", 200));
  }
  COVALUE_ASSIGN_OR_RETURN(WorkbookAccess access, AccessWorkbook(ctx, id, Action::kWorkbookWrite));
  Workbook changed = access.workbook;
  if (label.name) {
    changed.name = *label.name;
  }
  if (label.archived) {
    changed.archived_ms =
        *label.archived ? std::optional(changed.archived_ms.value_or(gate_.NowMs())) : std::nullopt;
  }
  return store_.Write([&](store::Repositories& repos) -> Status {
    COVALUE_RETURN_IF_ERROR(repos.Workbooks().SetLabel(id, changed.name, changed.archived_ms));
    return gate_.AppendAudit(repos, ctx, access.decision, Action::kWorkbookWrite,
                             TargetOf(access.workbook), {"workbook", std::to_string(id), {}},
                             AuditOutcome::kAllowed);
  });
}

Result<AnswerComment> Workbooks::AddComment(const RequestContext& ctx, Id id,
                                            const std::string& key, const std::string& text) {
  COVALUE_ASSIGN_OR_RETURN(WorkbookAccess access, AccessWorkbook(ctx, id, Action::kWorkbookWrite));
  COVALUE_ASSIGN_OR_RETURN(const Question question, CheckQuestion(access.guide, key));
  COVALUE_RETURN_IF_ERROR(ValidateText(text, "/text", 4000));
  return store::WriteValue<AnswerComment>(
      store_, [&](store::Repositories& repos) -> Result<AnswerComment> {
        COVALUE_ASSIGN_OR_RETURN(AnswerComment comment,
                                 repos.Workbooks().AddComment(
                                     id, access.workbook.site_id,
                                     AnswerComment{0, question.key, ctx.principal->user_id,
                                                   ctx.principal->username, gate_.NowMs(), text}));
        COVALUE_RETURN_IF_ERROR(gate_.AppendAudit(
            repos, ctx, access.decision, Action::kWorkbookWrite, TargetOf(access.workbook),
            {"workbook", std::to_string(id), {}}, AuditOutcome::kAllowed));
        return comment;
      });
}

Result<std::vector<AnswerComment>> Workbooks::ListComments(const RequestContext& ctx, Id id,
                                                           const std::string& key) {
  COVALUE_ASSIGN_OR_RETURN(WorkbookAccess access, AccessWorkbook(ctx, id, Action::kWorkbookRead));
  COVALUE_ASSIGN_OR_RETURN(const Question question, CheckQuestion(access.guide, key));
  return store::ReadValue<std::vector<AnswerComment>>(
      store_, [&](store::Repositories& r) { return r.Workbooks().Comments(id, question.key); });
}

Result<Team> Workbooks::TeamById(Id id) {
  return store::ReadValue<Team>(store_, [&](store::Repositories& r) { return r.Teams().Get(id); });
}

}  // namespace covalue::app
