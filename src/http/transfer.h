#pragma once

#include "http/message.h"

namespace covalue::http {

// What travels to the client, once a handler has answered: run on every answer by the router.
//
// A GET answered 200 with an ETag (a route that opted in, WithETag) whose If-None-Match names
// that tag becomes 304 without a body (RFC 9110 §13.1.2). Then a body of at least 1 KiB of a
// compressible type (JSON, text, JavaScript, SVG, CSV, iCalendar) is gzip-compressed with zlib
// when the request's Accept-Encoding accepts gzip (not with q=0), marked Content-Encoding: gzip
// and Vary: Accept-Encoding.
void PrepareTransfer(const Request& request, Response& response);

// Gives a response a weak ETag from a hash of its body (Response::body), and lets a cache keep it
// for the signed-in reader only, asking again each time (Cache-Control: private, no-cache): the
// conditional GET then answers 304 while the body is unchanged.
Response WithETag(Response response);

}  // namespace covalue::http
