#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "domain/error.h"
#include "domain/page.h"
#include "domain/study.h"

namespace covalue::store {

// Research studies and what their participants give them (domain/study.h): the study with its
// variables and groups, participants (an invitation's secret only as its hash), statements and
// their merges, sorts and ratings.
class StudyRepository {
 public:
  virtual ~StudyRepository() = default;

  // The study with its variables and groups; its id.
  [[nodiscard]] virtual Result<Study> Create(const Study& study) = 0;
  // kNotFound when absent.
  [[nodiscard]] virtual Result<Study> Get(Id id) = 0;
  // The studies a user owns, newest first.
  [[nodiscard]] virtual Result<std::vector<Study>> Owned(Id owner_id) = 0;
  // The studies a user takes part in through their account, newest first.
  [[nodiscard]] virtual Result<std::vector<Study>> Joined(Id user_id) = 0;
  // Moves the study to stage with its open round; kNotFound when absent.
  [[nodiscard]] virtual Status SetStage(Id id, StudyStage stage, int round) = 0;

  // A participant; token_hash for one invited by a link. kConflict when the study already has
  // the account or the pseudonym.
  [[nodiscard]] virtual Result<StudyParticipant> AddParticipant(
      const StudyParticipant& participant, const std::optional<std::string>& token_hash) = 0;
  // kNotFound when absent.
  [[nodiscard]] virtual Result<StudyParticipant> GetParticipant(Id id) = 0;
  // The participant an invitation's hashed secret names; kNotFound when none.
  [[nodiscard]] virtual Result<StudyParticipant> ParticipantByToken(
      const std::string& token_hash) = 0;
  // The account's participation in a study, if any.
  [[nodiscard]] virtual Result<std::optional<StudyParticipant>> ParticipantOfUser(Id study_id,
                                                                                  Id user_id) = 0;
  // A study's participants, by id.
  [[nodiscard]] virtual Result<std::vector<StudyParticipant>> Participants(Id study_id) = 0;
  [[nodiscard]] virtual Status Consent(Id participant_id, std::int64_t at_ms) = 0;
  [[nodiscard]] virtual Status Revoke(Id participant_id, std::int64_t at_ms) = 0;

  // A statement; its id.
  [[nodiscard]] virtual Result<StudyStatement> AddStatement(const StudyStatement& statement) = 0;
  // kNotFound when absent.
  [[nodiscard]] virtual Status EditStatement(Id id, const std::string& text) = 0;
  // Marks statement as merged into `into` (kept, with who proposed it).
  [[nodiscard]] virtual Status Merge(Id statement_id, Id into) = 0;
  // A study's statements by id, merged ones included (with merged_into).
  [[nodiscard]] virtual Result<std::vector<StudyStatement>> Statements(Id study_id) = 0;

  // Replaces a participant's whole sort with cards.
  [[nodiscard]] virtual Status ReplaceSort(Id participant_id,
                                           const std::vector<SortCard>& cards) = 0;
  // The cards of a study's sorts (one participant's when given), by participant then statement.
  [[nodiscard]] virtual Result<std::vector<SortCard>> Sorts(Id study_id,
                                                            std::optional<Id> participant_id) = 0;
  // Sets each rating (a new value replaces the participant's earlier one for that statement,
  // variable and round).
  [[nodiscard]] virtual Status SetRatings(const std::vector<StatementRating>& ratings) = 0;
  // A panelist's comment on an item in a round, replacing theirs; an empty text removes it.
  [[nodiscard]] virtual Status SetComment(const StudyComment& comment) = 0;
  // The study's comments (one participant's when given), by round, statement and participant,
  // with the participants' pseudonyms.
  [[nodiscard]] virtual Result<std::vector<StudyComment>> Comments(
      Id study_id, std::optional<Id> participant_id) = 0;
  // The researcher's names of the clusters of k (1…k), replacing those before; an empty name
  // removes the cluster's.
  [[nodiscard]] virtual Status SetClusterNames(Id study_id, int k,
                                               const std::vector<std::string>& names) = 0;
  // The names of the clusters of k by cluster number (1…k); "" where none was given.
  [[nodiscard]] virtual Result<std::vector<std::string>> ClusterNames(Id study_id, int k) = 0;
  // The ratings of a study (one participant's when given), by participant, statement, variable,
  // round.
  [[nodiscard]] virtual Result<std::vector<StatementRating>> Ratings(
      Id study_id, std::optional<Id> participant_id) = 0;
};

}  // namespace covalue::store
