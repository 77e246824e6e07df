#pragma once

// What every file of the studies service shares (this folder's own; nothing outside includes
// it): limits, audit subjects and the rules on stages and groups.

#include <cstddef>
#include <string>
#include <string_view>

#include <fmt/format.h>

#include "app/kernel/gate.h"
#include "domain/error.h"
#include "domain/study.h"

namespace covalue::app::study_rules {

inline constexpr std::size_t kMostStatements = 1000;
inline constexpr std::size_t kMostProposals = 100;
inline constexpr std::size_t kMostParticipants = 2000;

inline Subject StudySubject(Id study_id) {
  return {"study", std::to_string(study_id), std::nullopt};
}
inline Subject ParticipantSubject(Id participant_id) {
  return {"study_participant", std::to_string(participant_id), std::nullopt};
}

// kConflict naming /stage unless the study is in stage.
inline Status NeedStage(const Study& study, StudyStage stage, std::string_view doing) {
  if (study.stage != stage) {
    return Fail(ErrorCode::kConflict,
                fmt::format("{} needs the study's {} stage; it is in {}", doing,
                            StudyStageName(stage), StudyStageName(study.stage)),
                "/stage");
  }
  return Ok();
}

// Statements may be added, edited and merged until sorting opens.
inline bool BeforeSorting(const Study& study) {
  return study.stage == StudyStage::kDraft || study.stage == StudyStage::kBrainstorming;
}

// kConflict naming /stage once sorting has frozen the statements.
inline Status NeedOpenStatements(const Study& study) {
  if (!BeforeSorting(study)) {
    return Fail(ErrorCode::kConflict, "the statements are frozen once sorting opens", "/stage");
  }
  return Ok();
}

// kInvalidArgument naming /group unless group is one of the study's.
inline Status NeedGroup(const Study& study, const std::string& group) {
  for (const std::string& g : study.groups) {
    if (g == group) return Ok();
  }
  return Fail(ErrorCode::kInvalidArgument,
              fmt::format("{} is not a group of the study", group.empty() ? "(none)" : group),
              "/group");
}

}  // namespace covalue::app::study_rules
