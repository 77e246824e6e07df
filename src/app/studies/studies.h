#pragma once

#include <array>
#include <cstddef>
#include <optional>
#include <string_view>
#include <string>
#include <vector>

#include "app/kernel/context.h"
#include "app/kernel/gate.h"
#include "domain/error.h"
#include "domain/measure.h"
#include "domain/study.h"
#include "research/concept_map/concept_map.h"
#include "research/delphi/delphi.h"
#include "store/store.h"

namespace covalue::app {

// Who is taking part: the secret of a personal invitation link (no account needed), or the
// signed-in account's participation in study_id.
struct ParticipantKey {
  std::string invitation;  // the link's secret; empty for an account
  Id study_id = 0;         // with an account
};

// A new invitation: the participant it made and the link's secret, shown this once (the store
// keeps only its hash).
struct Invitation {
  StudyParticipant participant;
  std::string secret;
};

// A participant's progress as the researcher sees it: a pseudonym only when the study is
// anonymous (or the participant has no account), the account's name otherwise.
struct ParticipantProgress {
  Id participant_id = 0;
  std::string name;
  std::string group;
  bool consented = false;
  bool revoked = false;
  std::size_t brainstormed = 0;  // statements proposed
  std::size_t sorted = 0;        // cards placed in piles
  std::size_t rated = 0;         // values given
};

// A Delphi panelist's feedback on one item from the round before the open one: their own
// rating, and the whole panel's median and distribution (withheld, as every group-level number
// outside the researchers, when 1 to min_cell − 1 panelists rated it).
struct DelphiFeedback {
  Id statement_id = 0;
  std::optional<int> own;
  std::size_t n = 0;
  bool withheld = false;
  std::optional<double> median;
  std::array<std::size_t, 9> histogram{};
  std::vector<std::string> comments = {};  // the panel's, without names (withheld alike)
};

// What a participant sees of a study and of their own work: during brainstorming their own
// proposals; from sorting on the frozen set of statements (merged ones left out); in a Delphi's
// rounds, the items, their ratings of the open round and, from round 2, their feedback.
struct Workspace {
  Study study;
  StudyParticipant self;
  std::vector<StudyStatement> statements;
  std::vector<SortCard> sort;
  std::vector<StatementRating> ratings;
  std::vector<DelphiFeedback> feedback;
  std::vector<StudyComment> comments = {};  // the participant's own, of the open round
};

// What a Delphi rates every item on: 1–9.
inline constexpr std::string_view kDelphiVariable = "rating";

// The CSV texts of an existing study; ratings may be empty.
struct StudyFiles {
  std::string statements;
  std::string sorts;
  std::string ratings;
};

// A concept map's data as the analysis takes it: statements (their ids as text) without the
// merged ones; sorters and raters by pseudonym, with their groups.
struct StudyData {
  research::ConceptMapStudy study;
  std::vector<Id> statement_ids;   // research's statement index → the statement's id
  std::vector<std::string> texts;  // parallel to statement_ids
};

// The researcher's description of a Delphi item as a measure of the core set: id, name, kind,
// direction, compass quadrant, value domain and unit (no observations yet).
struct CoreSetChoice {
  Id statement_id = 0;
  MeasureDefinition measure;
};

// Research studies (domain/study.h): a researcher creates a concept-mapping or Delphi study,
// invites participants (community accounts, or anyone by a personal link), opens and closes its
// stages, edits and merges the brainstormed statements, follows progress and reads the data the
// analysis takes. Participants consent first, then brainstorm, sort and rate, each saved at
// once and resumable from any device. Every action is audited; researchers own their studies
// (app/kernel/policy.h), a participant reaches only their own work.
//
// Limits (stated for the web and the API): 1,000 statements a study, 100 proposals a
// participant, 500 characters a statement, 100 a pile's name, 2,000 participants a study.
class Studies {
 public:
  Studies(store::Store& store, Gate& gate) : store_(store), gate_(gate) {}
  Studies(const Studies&) = delete;
  Studies& operator=(const Studies&) = delete;

  // The least number of panelists whose numbers a participant is shown (Default: 5, as the
  // community's measure views; at least 1). Set before serving.
  void SetMinCell(std::size_t min_cell) { min_cell_ = min_cell < 1 ? 1 : min_cell; }

  // A researcher's new study, in draft, owned by the caller. kInvalidArgument naming the field.
  [[nodiscard]] Result<Study> CreateStudy(const RequestContext& ctx, Study draft);
  // The studies the caller owns, then those they take part in through their account.
  [[nodiscard]] Result<std::vector<Study>> ListStudies(const RequestContext& ctx);
  // The owner's view of a study. kNotFound for an unknown study; kPermissionDenied for another's.
  [[nodiscard]] Result<Study> GetStudy(const RequestContext& ctx, Id study_id);
  // Moves a study to a later stage of its kind (kConflict for any other); a Delphi's round
  // opens the next round. Sorting freezes the statements.
  [[nodiscard]] Result<Study> MoveStage(const RequestContext& ctx, Id study_id, StudyStage stage);

  // A personal invitation link for a new participant of group.
  [[nodiscard]] Result<Invitation> Invite(const RequestContext& ctx, Id study_id,
                                          const std::string& group);
  // A community account as a participant of group; kConflict when already one.
  [[nodiscard]] Result<StudyParticipant> AddAccount(const RequestContext& ctx, Id study_id,
                                                    Id user_id, const std::string& group);
  // Stops a participant's link (their work stays in the study).
  [[nodiscard]] Status RevokeParticipant(const RequestContext& ctx, Id study_id,
                                         Id participant_id);
  [[nodiscard]] Result<std::vector<ParticipantProgress>> Progress(const RequestContext& ctx,
                                                                  Id study_id);

  // Every statement, merged ones included (the owner's).
  [[nodiscard]] Result<std::vector<StudyStatement>> ListStatements(const RequestContext& ctx,
                                                                   Id study_id);
  // The researcher's own statement, edits and merges: only before sorting (kConflict after).
  [[nodiscard]] Result<StudyStatement> AddStatement(const RequestContext& ctx, Id study_id,
                                                    const std::string& text);
  [[nodiscard]] Status EditStatement(const RequestContext& ctx, Id study_id, Id statement_id,
                                     const std::string& text);
  [[nodiscard]] Status MergeStatement(const RequestContext& ctx, Id study_id, Id statement_id,
                                      Id into);
  // The files of an existing concept-mapping study (formats/concept_map_csv.h: statements,
  // sorts, ratings optional) imported into a study in draft that holds no statement yet, all or
  // nothing: kInvalidArgument listing every problem as "FILE:LINE: reason" (the field names the
  // first); a rater's group must be one of the study's, a variable one of its variables and a
  // value on that variable's scale. Each sorter or rater becomes a participant under their id as
  // pseudonym (group: their ratings', else the study's first), recorded as having consented in
  // the study the files come from. The statements made, in file order.
  [[nodiscard]] Result<std::vector<StudyStatement>> ImportFiles(const RequestContext& ctx,
                                                                Id study_id,
                                                                const StudyFiles& files);
  // A Delphi's items seeded from a concept map's go-zone: the statements of concept_map_id (a
  // study the caller also runs) above both means for all raters, added to delphi_id in draft.
  [[nodiscard]] Result<std::vector<StudyStatement>> SeedFromGoZone(const RequestContext& ctx,
                                                                   Id delphi_id,
                                                                   Id concept_map_id);
  // Every panelist's comments, by round and item, under their pseudonyms (the owner's).
  [[nodiscard]] Result<std::vector<StudyComment>> DelphiComments(const RequestContext& ctx,
                                                                 Id study_id);
  // A Delphi's panel as its analysis takes it: items by id as text, ratings of every round by
  // pseudonym and group (the owner's; audited as a read).
  [[nodiscard]] Result<research::DelphiPanel> DelphiData(const RequestContext& ctx, Id study_id);
  // A Delphi's files (formats/delphi_csv.h: items.csv, ratings.csv of rounds 1…) imported into a
  // Delphi in draft without items, all or nothing as ImportFiles: each panelist becomes a
  // participant under their id (consenting in the study the files come from), the study's
  // groups must hold theirs, and the study's round becomes the last imported (the next round
  // the researcher opens follows it). The items made, in file order.
  [[nodiscard]] Result<std::vector<StudyStatement>> ImportDelphiFiles(const RequestContext& ctx,
                                                                      Id study_id,
                                                                      const std::string& items,
                                                                      const std::string& ratings);
  // Items of a Delphi that reached consensus in a finished round (the next one has opened, or
  // the study is closed) become the core set's draft measures, with their provenance
  // (domain/measure.h MeasureDraft), all or none. Consensus is the percent rule's consensus_in
  // over every panelist of that round (at least 70 % rating 7–9, at most 15 % rating 1–3; RAND
  // class and group results are kept, not required). kConflict naming /round or
  // /measures/i/statement_id for an unfinished round or an item without consensus; kConflict
  // naming /measures/i/id for an id a measure or draft holds.
  [[nodiscard]] Result<std::vector<MeasureDraft>> ProposeCoreSet(
      const RequestContext& ctx, Id study_id, int round, const std::vector<CoreSetChoice>& choices);
  // The draft measures this study proposed, by id (the owner's).
  [[nodiscard]] Result<std::vector<MeasureDraft>> CoreSet(const RequestContext& ctx, Id study_id);
  // The researcher's names of the clusters of k (1…k; an empty name keeps the suggestion), each
  // up to 100 characters; kInvalidArgument naming /names or /k.
  [[nodiscard]] Status NameClusters(const RequestContext& ctx, Id study_id, int k,
                                    const std::vector<std::string>& names);
  // The names given to the clusters of k, "" where none was.
  [[nodiscard]] Result<std::vector<std::string>> ClusterNames(const RequestContext& ctx,
                                                              Id study_id, int k);
  // The concept map's data for the analysis (the owner's; audited as a read).
  [[nodiscard]] Result<StudyData> AnalysisData(const RequestContext& ctx, Id study_id);

  // A participant's study and own work. kNotFound for an unknown link or participation; kGone
  // for a revoked link or a closed study.
  [[nodiscard]] Result<Workspace> OpenWorkspace(const RequestContext& ctx,
                                                const ParticipantKey& key);
  // Records consent (once; later calls change nothing).
  [[nodiscard]] Status GiveConsent(const RequestContext& ctx, const ParticipantKey& key);
  // A statement brainstormed (stage brainstorming, after consent; kConflict otherwise).
  [[nodiscard]] Result<StudyStatement> Propose(const RequestContext& ctx, const ParticipantKey& key,
                                               const std::string& text);
  // The participant's whole sort (stage sorting): each card a statement of the frozen set at
  // most once, in a pile named 1–100 characters; a statement left out is a pile of its own.
  [[nodiscard]] Status SaveSort(const RequestContext& ctx, const ParticipantKey& key,
                                const std::vector<SortCard>& cards);
  // Ratings (stage rating): each a statement of the frozen set, a variable of the study and a
  // whole number on its scale; a new value replaces the participant's earlier one. A Delphi's
  // (stage rounds, a round open): each an item, variable "rating", 1–9, kept for the open round.
  [[nodiscard]] Status SaveRatings(const RequestContext& ctx, const ParticipantKey& key,
                                   const std::vector<StatementRating>& ratings);
  // A Delphi panelist's comment on an item in the open round (0–1,000 characters; empty
  // removes it).
  [[nodiscard]] Status SaveComment(const RequestContext& ctx, const ParticipantKey& key,
                                   Id statement_id, const std::string& text);

 private:
  // The study and the decision that lets the caller run it (denials audited).
  Result<std::pair<Study, Decision>> Manage(const RequestContext& ctx, Id study_id,
                                            const Subject& subject);
  // The participant the key names, their study, and the decision that lets them act.
  struct Participation {
    Study study;
    StudyParticipant self;
    Decision decision;
  };
  Result<Participation> Participate(const RequestContext& ctx, const ParticipantKey& key,
                                    bool require_consent);
  // A Delphi's panel as DelphiData gives it (kConflict for a concept map), unchecked.
  Result<research::DelphiPanel> PanelOf(const Study& study);
  // The statements that stand (not merged), by id.
  Result<std::vector<StudyStatement>> Standing(Id study_id);

  store::Store& store_;
  Gate& gate_;
  std::size_t min_cell_ = 5;
};

}  // namespace covalue::app
