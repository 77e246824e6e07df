#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/error.h"
#include "domain/page.h"

namespace covalue {

// A research study of the CO-VALUE method: group concept mapping (participants brainstorm
// statements, sort them into piles, rate them) or a modified Delphi (rounds of 1–9 ratings of
// items with feedback). A researcher owns it and opens and closes its stages.
enum class StudyKind { kConceptMap, kDelphi };
std::string_view StudyKindName(StudyKind kind);
std::optional<StudyKind> ParseStudyKind(std::string_view name);

// Where a study stands. A concept map goes draft → brainstorming → sorting → rating → closed
// (a stage may be skipped, never reopened once left: sorting freezes the statements); a Delphi
// goes draft → rounds (its rounds opened and closed one after another) → closed.
enum class StudyStage { kDraft, kBrainstorming, kSorting, kRating, kRounds, kClosed };
std::string_view StudyStageName(StudyStage stage);
std::optional<StudyStage> ParseStudyStage(std::string_view name);

// Whether a study of kind may move from one stage to the next: only forward, along its kind's
// stages.
bool StageMayFollow(StudyKind kind, StudyStage from, StudyStage to);

// A variable participants rate every statement on, with its scale (whole numbers min…max).
struct RatingVariable {
  std::string name;  // "importance"
  int min = 1;
  int max = 5;
};

struct Study {
  Id id = 0;
  StudyKind kind = StudyKind::kConceptMap;
  std::string title;
  // What participants complete ("One way coproduction creates value for people and
  // professionals is…"); a Delphi's instructions.
  std::string focus_prompt;
  std::vector<RatingVariable> variables;  // a concept map's; a Delphi rates 1–9 "appropriateness"
  std::vector<std::string> groups;        // participant groups ("patient", "professional", …)
  bool anonymous = true;                  // the researchers see pseudonyms only
  StudyStage stage = StudyStage::kDraft;
  int round = 0;  // a Delphi's open round (0: none open yet)
  Id owner_id = 0;
  std::int64_t created_ms = 0;
};

// Title (1–200), prompt (1–2,000), 0–6 variables (names 1–40, unique, scales within −100…100
// with min < max; a concept map's default importance and feasibility 1–5 are the caller's), 1–12
// groups (names 1–40, unique, never "all"); kInvalidArgument naming the field.
[[nodiscard]] Status ValidateStudy(const Study& study);

// One person taking part: a community account, or someone invited by a personal link (whose
// secret is kept only as a hash). Consent is asked and recorded before anything else.
struct StudyParticipant {
  Id id = 0;
  Id study_id = 0;
  std::optional<Id> user_id;
  std::string pseudonym;  // "P-07": what the researchers see of an anonymous study
  std::string group;
  std::optional<std::int64_t> consented_ms;
  std::optional<std::int64_t> revoked_ms;  // the link stops; their work stays in the study
  std::int64_t created_ms = 0;
};

// A statement of a concept map (an item of a Delphi). A statement merged into another is kept,
// pointing at the one it became, so who proposed what survives the merge.
struct StudyStatement {
  Id id = 0;
  Id study_id = 0;
  std::string text;  // 1–500 characters
  std::optional<Id> proposed_by;   // the participant who brainstormed it; none: the researcher's
  std::optional<Id> merged_into;
  std::int64_t created_ms = 0;
};

// One card of a participant's sort: the statement in a pile the participant named.
struct SortCard {
  Id participant_id = 0;
  Id statement_id = 0;
  std::string pile;  // 1–100 characters
};

// One value a participant gave a statement on a variable (a Delphi: in a round, on 1–9).
struct StatementRating {
  Id participant_id = 0;
  Id statement_id = 0;
  std::string variable;
  int round = 0;  // 0 for a concept map
  int value = 0;
};

// A Delphi panelist's comment on an item in a round: up to 1,000 characters, shown to the
// researcher (by pseudonym) and, without a name, to the panel in the next round's feedback.
struct StudyComment {
  Id participant_id = 0;
  Id statement_id = 0;
  int round = 0;
  std::string text;
  std::int64_t created_ms = 0;
  std::string pseudonym = {};  // filled when read
};

}  // namespace covalue
