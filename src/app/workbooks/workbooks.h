#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "app/kernel/context.h"
#include "app/kernel/gate.h"
#include "domain/error.h"
#include "domain/guide.h"
#include "domain/page.h"
#include "domain/value_domain.h"
#include "domain/workbook.h"
#include "store/store.h"

namespace covalue::app {

// One answer of a workbook as its team sees it.
struct WorkbookAnswer {
  std::string link_id;                   // the question's
  int instance = 1;                      // of the repeating group the question lies in
  std::string key;                       // AnswerKey{link_id, instance}
  std::optional<AnswerRevision> latest;  // absent while never saved
  std::int64_t revisions = 0;
  // For an empty answer of the full guide: the team's short-form answer to the question that
  // summarises this step, so a team grows from the short form without retyping.
  std::string starting_text;
};

// A workbook with its steps (the guide's top-level items) and, when the reader may see text,
// its answers.
struct WorkbookView {
  Workbook workbook;
  std::string team_name;
  std::vector<StepState> steps;
  bool text_visible = false;  // false for facilitators of a workbook not shared
  // Every question once, in guide order; the questions of a repeating group once per instance
  // (instances 1 up to the highest one answered, at least one).
  std::vector<WorkbookAnswer> answers;

  const WorkbookAnswer* Answer(std::string_view key) const;
  // How many instances of a repeating group the view holds (1 for any other item).
  int Instances(const GuideItem& group) const;
};

// What an improvement passport says that measures use: the change the team tested, its date,
// and the team's self-ratings (1–5) of the six domains of coproduction value.
struct PassportSummary {
  Id workbook_id = 0;
  std::string change;
  std::string date;  // YYYY-MM-DD; "" when not given
  std::map<ValueDomain, int> ratings;
};

// A change a team tested, from its improvement passport (cycle.change, cycle.change-date).
struct TestedChange {
  Id workbook_id = 0;
  std::string date;  // YYYY-MM-DD
  std::string text;
  // The 1-based index of the first point on or after the change in the team's series; 0 when
  // the change is outside it.
  std::size_t point = 0;
};

// The self-assessment guides and the teams' workbooks: a living workbook per team and guide,
// answers kept as revisions, step statuses, the team's place, comments, and sharing with the
// community. Improvement passports are workbooks of the passport guide; Passports and
// TestedChanges are the public queries other services (measures) read them through.
class Workbooks {
 public:
  // guides: the self-assessment guides (formats/guide_file.h), checked as a set.
  Workbooks(store::Store& store, Gate& gate, std::vector<Guide> guides)
      : store_(store), gate_(gate), guides_(std::move(guides)) {}
  Workbooks(const Workbooks&) = delete;
  Workbooks& operator=(const Workbooks&) = delete;

  // The self-assessment guides (guides.cc), readable by every signed-in user.
  [[nodiscard]] Result<std::vector<Guide>> ListGuides(const RequestContext& ctx) const;
  // kNotFound when no guide has the id.
  [[nodiscard]] Result<Guide> GetGuide(const RequestContext& ctx, const std::string& id) const;

  // Workbooks (workbooks.cc). Only the team's members and leads and the site's admins read or
  // write a workbook; facilitators see its step statuses, and its text once it is shared.
  // Start always creates a new workbook. kNotFound for an unknown team or guide.
  [[nodiscard]] Result<WorkbookView> StartWorkbook(const RequestContext& ctx, Id team_id,
                                                   const std::string& guide_id);
  [[nodiscard]] Result<WorkbookView> GetWorkbook(const RequestContext& ctx, Id id);
  [[nodiscard]] Result<Page<Workbook>> ListTeamWorkbooks(const RequestContext& ctx, Id team_id,
                                                         const PageRequest& page);
  // Saves a new revision of an answer. Saving over an existing answer needs if_match, the
  // ETag of its latest revision: absent → kPreconditionRequired, stale → kConflict.
  // Answers are named by key (AnswerKey: "linkId", or "linkId~N" inside a repeating group).
  // kInvalidArgument when the key names no question of the guide, an instance of a question
  // outside a repeating group, or the text is not UTF-8.
  [[nodiscard]] Result<AnswerRevision> SaveAnswer(const RequestContext& ctx, Id id,
                                                  const std::string& key, const std::string& text,
                                                  const std::optional<std::string>& if_match);
  // The answer's latest revision, if any (for a conflict's current text).
  [[nodiscard]] Result<std::optional<AnswerRevision>> GetAnswer(const RequestContext& ctx, Id id,
                                                                const std::string& key);
  [[nodiscard]] Result<Page<AnswerRevision>> ListRevisions(const RequestContext& ctx, Id id,
                                                           const std::string& key,
                                                           const PageRequest& page);
  [[nodiscard]] Result<AnswerRevision> GetRevision(const RequestContext& ctx, Id id,
                                                   const std::string& key, std::int64_t number);
  // Saves an older revision's text as a new revision (if_match as for SaveAnswer).
  [[nodiscard]] Result<AnswerRevision> RestoreRevision(const RequestContext& ctx, Id id,
                                                       const std::string& key, std::int64_t number,
                                                       const std::optional<std::string>& if_match);
  // step_link_id is a top-level item of the guide.
  [[nodiscard]] Status SetStepStatus(const RequestContext& ctx, Id id,
                                     const std::string& step_link_id, StepStatus status);
  [[nodiscard]] Status SetPosition(const RequestContext& ctx, Id id,
                                   const std::string& step_link_id);
  [[nodiscard]] Status ShareWorkbook(const RequestContext& ctx, Id id, bool shared);
  // Renames a workbook (name: at most 200 characters, "" for its guide's title; kInvalid
  // Argument naming "/name") or archives it (true) or brings it back (false): the team's
  // writers.
  struct WorkbookLabel {
    std::optional<std::string> name;
    std::optional<bool> archived;
  };
  [[nodiscard]] Status LabelWorkbook(const RequestContext& ctx, Id id, const WorkbookLabel& label);
  [[nodiscard]] Result<AnswerComment> AddComment(const RequestContext& ctx, Id id,
                                                 const std::string& key, const std::string& text);
  [[nodiscard]] Result<std::vector<AnswerComment>> ListComments(const RequestContext& ctx, Id id,
                                                                const std::string& key);

  // For other services, no access check (the caller has made one): the team's improvement
  // passports in the order they were started, and the changes of those that have a date,
  // oldest first.
  [[nodiscard]] Result<std::vector<PassportSummary>> Passports(Id team_id);
  [[nodiscard]] Result<std::vector<TestedChange>> TestedChanges(Id team_id);

 private:
  // The guide of an id, or kNotFound naming field.
  Result<Guide> GuideById(const std::string& id, const std::string& field) const;
  // The workbook and the decision that lets ctx take action on it (denials are audited).
  struct WorkbookAccess {
    Workbook workbook;
    Guide guide;
    Decision decision;
  };
  Result<WorkbookAccess> AccessWorkbook(const RequestContext& ctx, Id id, Action action);
  Result<WorkbookView> ViewOf(const Workbook& workbook, const Guide& guide, bool text_visible);
  // Writes a revision after checking if_match against the answer's latest, in one write.
  Result<AnswerRevision> WriteRevision(const RequestContext& ctx, const WorkbookAccess& access,
                                       AnswerRevision revision,
                                       const std::optional<std::string>& if_match);
  Result<Team> TeamById(Id id);

  store::Store& store_;
  Gate& gate_;
  const std::vector<Guide> guides_;
};

}  // namespace covalue::app
