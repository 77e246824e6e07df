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

std::string RevisionEtag(std::int64_t number) { return "\"" + std::to_string(number) + "\""; }

}  // namespace covalue
