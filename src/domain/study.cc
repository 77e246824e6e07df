#include "domain/study.h"

#include <algorithm>
#include <set>

#include <fmt/format.h>

#include "domain/validation.h"

namespace covalue {

std::string_view StudyKindName(StudyKind kind) {
  return kind == StudyKind::kConceptMap ? "concept_map" : "delphi";
}

std::optional<StudyKind> ParseStudyKind(std::string_view name) {
  if (name == "concept_map") return StudyKind::kConceptMap;
  if (name == "delphi") return StudyKind::kDelphi;
  return std::nullopt;
}

namespace {

constexpr std::pair<StudyStage, std::string_view> kStages[] = {
    {StudyStage::kDraft, "draft"},     {StudyStage::kBrainstorming, "brainstorming"},
    {StudyStage::kSorting, "sorting"}, {StudyStage::kRating, "rating"},
    {StudyStage::kRounds, "rounds"},   {StudyStage::kClosed, "closed"},
};

// The stages of a kind, in order.
std::vector<StudyStage> StagesOf(StudyKind kind) {
  if (kind == StudyKind::kConceptMap) {
    return {StudyStage::kDraft, StudyStage::kBrainstorming, StudyStage::kSorting,
            StudyStage::kRating, StudyStage::kClosed};
  }
  return {StudyStage::kDraft, StudyStage::kRounds, StudyStage::kClosed};
}

}  // namespace

std::string_view StudyStageName(StudyStage stage) {
  for (const auto& [s, name] : kStages) {
    if (s == stage) return name;
  }
  return "";
}

std::optional<StudyStage> ParseStudyStage(std::string_view name) {
  for (const auto& [s, n] : kStages) {
    if (n == name) return s;
  }
  return std::nullopt;
}

bool StageMayFollow(StudyKind kind, StudyStage from, StudyStage to) {
  const auto stages = StagesOf(kind);
  const auto a = std::find(stages.begin(), stages.end(), from);
  const auto b = std::find(stages.begin(), stages.end(), to);
  return a != stages.end() && b != stages.end() && b > a;
}

Status ValidateStudy(const Study& study) {
  COVALUE_RETURN_IF_ERROR(ValidateText(study.title, "/title", 200));
  COVALUE_RETURN_IF_ERROR(ValidateText(study.focus_prompt, "/focus_prompt", 2000));
  if (study.variables.size() > 6) {
    return Fail(ErrorCode::kInvalidArgument, "a study rates at most 6 variables", "/variables");
  }
  std::set<std::string> names;
  for (std::size_t i = 0; i < study.variables.size(); ++i) {
    const RatingVariable& v = study.variables[i];
    const std::string field = fmt::format("/variables/{}", i);
    COVALUE_RETURN_IF_ERROR(ValidateText(v.name, field + "/name", 40));
    if (v.name.find('|') != std::string::npos) {
      return Fail(ErrorCode::kInvalidArgument, "a variable's name has no |", field + "/name");
    }
    if (!names.insert(v.name).second) {
      return Fail(ErrorCode::kInvalidArgument,
                  fmt::format("the variable {} is named twice", v.name), field + "/name");
    }
    if (v.min < -100 || v.max > 100 || v.min >= v.max) {
      return Fail(ErrorCode::kInvalidArgument,
                  "a scale is whole numbers from min to max, min below max, within -100…100",
                  field + "/min");
    }
  }
  if (study.groups.empty() || study.groups.size() > 12) {
    return Fail(ErrorCode::kInvalidArgument, "a study has 1 to 12 participant groups", "/groups");
  }
  std::set<std::string> groups;
  for (std::size_t i = 0; i < study.groups.size(); ++i) {
    const std::string field = fmt::format("/groups/{}", i);
    COVALUE_RETURN_IF_ERROR(ValidateText(study.groups[i], field, 40));
    if (study.groups[i] == "all") {
      return Fail(ErrorCode::kInvalidArgument, "the group all is reserved for every participant",
                  field);
    }
    if (!groups.insert(study.groups[i]).second) {
      return Fail(ErrorCode::kInvalidArgument,
                  fmt::format("the group {} is named twice", study.groups[i]), field);
    }
  }
  return Ok();
}

}  // namespace covalue
