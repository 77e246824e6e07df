#include "cli/exit_code.h"

#include <fmt/format.h>

namespace covalue::cli {

int ExitCodeFor(const Error& error) {
  switch (error.code) {
    case ErrorCode::kInvalidArgument:
    case ErrorCode::kPreconditionRequired:
    case ErrorCode::kUnsupported:
      return kExitUsage;
    case ErrorCode::kNotFound:
    case ErrorCode::kGone:
      return 3;
    case ErrorCode::kConflict:
      return 4;
    case ErrorCode::kUnauthenticated:
    case ErrorCode::kPermissionDenied:
      return 5;
    case ErrorCode::kResourceExhausted:
    case ErrorCode::kUnavailable:
    case ErrorCode::kStorageFull:
      return 69;
    case ErrorCode::kInternal:
      return kExitInternal;
  }
  return kExitInternal;
}

int ReportError(const Error& error) {
  if (error.field.empty()) {
    fmt::print(stderr, "covalue: {}\n", error.message);
  } else {
    fmt::print(stderr, "covalue: {} ({})\n", error.message, error.field);
  }
  return ExitCodeFor(error);
}

}  // namespace covalue::cli
