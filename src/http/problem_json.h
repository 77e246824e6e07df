#pragma once

#include <nlohmann/json.hpp>

#include "domain/error.h"
#include "http/message.h"

namespace covalue::http {

// The HTTP status of an error code (STYLE.md §5).
int HttpStatus(const Error& error);

// An RFC 9457 application/problem+json response: type, title, status, detail, plus the
// members `field` (the JSON pointer or parameter at fault, when there is one) and
// `request_id`.
Response ProblemResponse(const Error& error, const std::string& request_id);

// The same with extension members (such as the current text of a stale save).
Response ProblemResponse(const Error& error, const std::string& request_id,
                         const nlohmann::json& extensions);

// A problem of a status the transport decides (405, 413, 421, 431, 503): the body states the
// same status as the response, with the status's own title.
Response ProblemResponse(int status, const Error& error, const std::string& request_id);

}  // namespace covalue::http
