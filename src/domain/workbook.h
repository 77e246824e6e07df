#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "domain/community.h"

namespace covalue {

// How far a team has come with one step of a guide.
enum class StepStatus { kNotStarted, kInProgress, kDone };

std::string_view StepStatusName(StepStatus status);
std::optional<StepStatus> ParseStepStatus(std::string_view name);

// A team's filled guide: a living document that keeps every revision of every answer.
struct Workbook {
  Id id = 0;
  Id site_id = 0;
  Id team_id = 0;
  std::string guide_id;
  std::string guide_version;
  Id created_by = 0;
  std::int64_t created_ms = 0;
  std::string position;  // link id of the step the team is at ("" before it starts)
  bool shared = false;   // shared with the community: facilitators may read its text
  // The team's own name for it ("" : called by its guide's title), and when it was archived:
  // an archived workbook keeps everything and is listed apart.
  std::string name;
  std::optional<std::int64_t> archived_ms;
};

// One saved version of an answer. Numbers run 1, 2, 3 … per answer; nothing is overwritten.
struct AnswerRevision {
  Id workbook_id = 0;
  std::string link_id;  // the answer's key (AnswerKey::ToString), stored as written
  std::int64_t number = 0;
  std::string text;  // Markdown
  Id author_id = 0;
  std::string author;  // username, filled when read
  std::int64_t created_ms = 0;
  std::optional<std::int64_t> restored_from;  // the revision this one restores
};

// Where an answer lives: a question's link id and, inside a repeating group (the passport's
// stamps), the group's instance, counted from 1. Written as the link id for instance 1 and
// "linkId~N" for N >= 2: '~' never occurs in a link id, instance 1 needs no suffix so a group
// that starts to repeat keeps its answers, and every key has exactly one spelling.
struct AnswerKey {
  std::string link_id;
  int instance = 1;

  std::string ToString() const;
};

inline constexpr int kMaxInstances = 500;

// Reads "linkId" or "linkId~N" (1 <= N <= kMaxInstances, digits only, no leading zero);
// nullopt for anything else. "linkId~1" reads as instance 1.
std::optional<AnswerKey> ParseAnswerKey(std::string_view key);

// The ETag of a revision: its number, quoted ("3").
std::string RevisionEtag(std::int64_t number);

struct StepState {
  std::string link_id;
  StepStatus status = StepStatus::kNotStarted;
};

struct AnswerComment {
  Id id = 0;
  std::string link_id;
  Id author_id = 0;
  std::string author;
  std::int64_t created_ms = 0;
  std::string text;
};

}  // namespace covalue
