#pragma once

#include <string>
#include <utility>

#include <tl/expected.hpp>

namespace covalue {

// The closed set of failure kinds every surface translates (http/problem_json.cc,
// fhir/operation_outcome.cc, cli/exit_code.cc).
enum class ErrorCode {
  kInvalidArgument,       // input is malformed or breaks a rule; 400
  kNotFound,              // the named resource does not exist; 404
  kConflict,              // a unique name is taken, or a stale If-Match; 409
  kPreconditionRequired,  // a write over existing data came without If-Match; 428
  kGone,                  // the resource existed and was retired; 410
  kUnauthenticated,       // no or bad credentials; 401
  kPermissionDenied,      // authenticated, but the policy says no; 403
  kResourceExhausted,     // a body too large (413) or too many attempts (429)
  kUnsupported,           // a media type or feature this build does not have; 415/501
  kUnavailable,           // the store is busy or shutting down, or too many sign-ins wait; 503
  kStorageFull,           // the database's disk is full, or its file read-only or gone; 507
  kInternal,              // a bug; 500
};

// An expected failure, with the field at fault as a JSON pointer ("/name") where there is one.
struct Error {
  ErrorCode code = ErrorCode::kInternal;
  std::string message;
  std::string field;
};

template <typename T>
using Result = tl::expected<T, Error>;
using Status = Result<void>;

inline tl::unexpected<Error> Fail(ErrorCode code, std::string message, std::string field = {}) {
  return tl::unexpected<Error>(Error{code, std::move(message), std::move(field)});
}

inline tl::unexpected<Error> Fail(Error error) { return tl::unexpected<Error>(std::move(error)); }

inline Status Ok() { return {}; }

}  // namespace covalue

// The macros below take names and declarations, which cannot be parenthesized.
// NOLINTBEGIN(bugprone-macro-parentheses)

// Returns the error of a Result or Status expression from the enclosing function.
#define COVALUE_RETURN_IF_ERROR(expr) \
  COVALUE_RETURN_IF_ERROR_IMPL_(COVALUE_CONCAT_(covalue_status_, __COUNTER__), expr)
#define COVALUE_RETURN_IF_ERROR_IMPL_(status, expr) \
  do {                                              \
    if (auto status = (expr); !status) {            \
      return ::covalue::Fail(status.error());       \
    }                                               \
  } while (false)

#define COVALUE_CONCAT_INNER_(a, b) a##b
#define COVALUE_CONCAT_(a, b) COVALUE_CONCAT_INNER_(a, b)

// `COVALUE_ASSIGN_OR_RETURN(auto x, F());` declares x from F()'s value, or returns F()'s error
// (absl's ASSIGN_OR_RETURN).
#define COVALUE_ASSIGN_OR_RETURN(lhs, expr) \
  COVALUE_ASSIGN_OR_RETURN_IMPL_(COVALUE_CONCAT_(covalue_result_, __COUNTER__), lhs, expr)
#define COVALUE_ASSIGN_OR_RETURN_IMPL_(result, lhs, expr) \
  auto result = (expr);                                   \
  if (!result) {                                          \
    return ::covalue::Fail(std::move(result).error());    \
  }                                                       \
  lhs = std::move(*result)

// NOLINTEND(bugprone-macro-parentheses)
