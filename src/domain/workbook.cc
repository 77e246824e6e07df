#include "domain/workbook.h"

namespace covalue {

std::string_view StepStatusName(StepStatus status) {
  switch (status) {
    case StepStatus::kNotStarted:
      return "not_started";
    case StepStatus::kInProgress:
      return "in_progress";
    case StepStatus::kDone:
      return "done";
  }
  return "not_started";
}

std::optional<StepStatus> ParseStepStatus(std::string_view name) {
  for (StepStatus s : {StepStatus::kNotStarted, StepStatus::kInProgress, StepStatus::kDone}) {
    if (StepStatusName(s) == name) {
      return s;
    }
  }
  return std::nullopt;
}

std::string AnswerKey::ToString() const {
  return instance == 1 ? link_id : link_id + "~" + std::to_string(instance);
}

std::optional<AnswerKey> ParseAnswerKey(std::string_view key) {
  const std::size_t tilde = key.find('~');
  if (tilde == std::string_view::npos) {
    return key.empty() ? std::nullopt : std::optional(AnswerKey{std::string(key), 1});
  }
  const std::string_view digits = key.substr(tilde + 1);
  if (tilde == 0 || digits.empty() || digits.size() > 3 || digits[0] == '0' ||
      digits.find_first_not_of("0123456789") != std::string_view::npos) {
    return std::nullopt;
  }
  const int instance = std::stoi(std::string(digits));
  if (instance > kMaxInstances) {
    return std::nullopt;
  }
  return AnswerKey{std::string(key.substr(0, tilde)), instance};
}

std::string RevisionEtag(std::int64_t number) { return "\"" + std::to_string(number) + "\""; }

}  // namespace covalue
