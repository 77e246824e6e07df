#pragma once

#include <cstddef>
#include <list>
#include <mutex>
#include <string>

#include "http/message.h"

namespace covalue::http {

// The gzip forms of recently sent tagged bodies (WithETag), so that a chart many readers ask
// for is compressed once, not per request. Keyed by the tag and checked against the whole body
// before use: a hit is exactly the compression of the body at hand, whoever asked, so sharing it
// across readers shows nobody anything (the body itself is made per request, through the
// policy). The least recently used go first once the bodies held pass capacity_bytes.
// Thread-safe.
class CompressedBodies {
 public:
  explicit CompressedBodies(std::size_t capacity_bytes = std::size_t{32} << 20)
      : capacity_(capacity_bytes) {}

  // The gzip form of body (whose ETag is tag) into out: kept, or made once at zlib's default
  // level and kept; a body over a quarter of the capacity is made at level 1 for this answer
  // only. False when zlib fails.
  bool Compress(const std::string& tag, const std::string& body, std::string& out);
  // The bytes of the bodies and gzip forms kept, never more than the capacity.
  std::size_t HeldBytes();

 private:
  struct Entry {
    std::string tag;
    std::string body;
    std::string gzip;
  };
  std::mutex mu_;
  std::list<Entry> entries_;  // most recently used first
  std::size_t bytes_ = 0;
  std::size_t capacity_;
};

// What travels to the client, once a handler has answered: run on every answer by the router.
//
// A GET answered 200 with an ETag (a route that opted in, WithETag) whose If-None-Match names
// that tag becomes 304 without a body (RFC 9110 §13.1.2). Then a body of at least 1 KiB of a
// compressible type (JSON, text, JavaScript, SVG, CSV, iCalendar) is gzip-compressed with zlib
// when the request's Accept-Encoding accepts gzip (not with q=0), marked Content-Encoding: gzip
// and Vary: Accept-Encoding. A tagged body's gzip form comes from compressed when given.
void PrepareTransfer(const Request& request, Response& response,
                     CompressedBodies* compressed = nullptr);

// Gives a response a weak ETag from a 64-bit hash of its body and its length (a tag is for
// noticing change, not a signature), and lets a cache keep it for the signed-in reader only,
// asking again each time (Cache-Control: private, no-cache): the conditional GET then answers
// 304 while the body is unchanged.
Response WithETag(Response response);

}  // namespace covalue::http
