#pragma once

#include "domain/error.h"

namespace covalue::cli {

// Exit codes (sysexits.h where one fits): 0 success, 1 a check failed (audit verify), 2 bad
// arguments or input, 3 not found, 4 conflict, 5 not permitted, 69 unavailable, 70 a bug.
inline constexpr int kExitOk = 0;
inline constexpr int kExitCheckFailed = 1;
inline constexpr int kExitUsage = 2;
inline constexpr int kExitInternal = 70;

int ExitCodeFor(const Error& error);

// Prints "covalue: <message>" (and the field, when there is one) to stderr; returns the exit code.
int ReportError(const Error& error);

}  // namespace covalue::cli
