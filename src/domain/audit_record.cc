#include "domain/audit_record.h"

namespace covalue {

std::string_view AuditOutcomeName(AuditOutcome outcome) {
  switch (outcome) {
    case AuditOutcome::kAllowed:
      return "allowed";
    case AuditOutcome::kDenied:
      return "denied";
    case AuditOutcome::kFailed:
      return "failed";
  }
  return "unknown";
}

}  // namespace covalue
