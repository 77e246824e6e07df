#include "http/transfer.h"

#include <functional>
#include <string_view>

#include <zlib.h>

#include <fmt/format.h>

namespace covalue::http {
namespace {

constexpr std::size_t kMinCompressed = 1024;

bool Compressible(const std::string& content_type) {
  const std::string type = content_type.substr(0, content_type.find(';'));
  return type.starts_with("text/") || type == "application/json" ||
         (type.starts_with("application/") && type.ends_with("+json")) ||
         type == "application/json+fhir" || type == "application/javascript" ||
         type == "image/svg+xml";
}

// Whether an Accept-Encoding value accepts gzip: named (or *) without q=0.
bool AcceptsGzip(const std::string& accept) {
  std::size_t start = 0;
  while (start < accept.size()) {
    const std::size_t end = std::min(accept.find(',', start), accept.size());
    std::string part = accept.substr(start, end - start);
    start = end + 1;
    const std::size_t semi = part.find(';');
    std::string coding = part.substr(0, semi);
    coding.erase(0, coding.find_first_not_of(' '));
    coding.erase(coding.find_last_not_of(' ') + 1);
    if (coding != "gzip" && coding != "*") {
      continue;
    }
    if (semi == std::string::npos) {
      return true;
    }
    const std::size_t q = part.find("q=", semi);
    return q == std::string::npos || std::strtod(part.c_str() + q + 2, nullptr) > 0;
  }
  return false;
}

// Levels: an answer made per request is compressed at level 1, the fastest (JSON compresses well
// even so); a tagged body kept by CompressedBodies is compressed once for all its readers, at
// zlib's default level 6 (a cross-site chart of 280 KB: 57 KB at level 1, 46 KB at 6, ~4 ms once).
constexpr int kPerRequestLevel = Z_BEST_SPEED;
constexpr int kKeptLevel = Z_DEFAULT_COMPRESSION;

bool Gzip(const std::string& in, std::string& out, int level) {
  z_stream stream{};
  // 15 window bits + 16: a gzip wrapper.
  if (deflateInit2(&stream, level, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) != Z_OK) {
    return false;
  }
  out.resize(deflateBound(&stream, static_cast<uLong>(in.size())));
  stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(in.data()));
  stream.avail_in = static_cast<uInt>(in.size());
  stream.next_out = reinterpret_cast<Bytef*>(out.data());
  stream.avail_out = static_cast<uInt>(out.size());
  const int result = deflate(&stream, Z_FINISH);
  out.resize(stream.total_out);
  deflateEnd(&stream);
  return result == Z_STREAM_END;
}

// Whether an If-None-Match value names tag (weak comparison, RFC 9110 §8.8.3.2).
bool Matches(const std::string& if_none_match, const std::string& tag) {
  if (if_none_match == "*") {
    return true;
  }
  const auto opaque = [](std::string_view t) { return t.starts_with("W/") ? t.substr(2) : t; };
  std::size_t start = 0;
  while (start < if_none_match.size()) {
    const std::size_t end = std::min(if_none_match.find(',', start), if_none_match.size());
    std::string_view candidate = std::string_view(if_none_match).substr(start, end - start);
    while (!candidate.empty() && candidate.front() == ' ') {
      candidate.remove_prefix(1);
    }
    while (!candidate.empty() && candidate.back() == ' ') {
      candidate.remove_suffix(1);
    }
    if (opaque(candidate) == opaque(tag)) {
      return true;
    }
    start = end + 1;
  }
  return false;
}

}  // namespace

bool CompressedBodies::Compress(const std::string& tag, const std::string& body, std::string& out) {
  {
    std::lock_guard lock(mu_);
    for (auto it = entries_.begin(); it != entries_.end(); ++it) {
      if (it->tag == tag && it->body == body) {
        entries_.splice(entries_.begin(), entries_, it);
        out = it->gzip;
        return true;
      }
    }
  }
  if (body.size() > capacity_ / 4) {
    // Too large to keep (it would push out everything else): made for this answer only.
    return Gzip(body, out, kPerRequestLevel);
  }
  if (!Gzip(body, out, kKeptLevel)) {
    return false;
  }
  const std::size_t size = body.size() + out.size();
  std::lock_guard lock(mu_);
  entries_.push_front({tag, body, out});
  bytes_ += size;
  while (bytes_ > capacity_) {
    bytes_ -= entries_.back().body.size() + entries_.back().gzip.size();
    entries_.pop_back();
  }
  return true;
}

std::size_t CompressedBodies::HeldBytes() {
  std::lock_guard lock(mu_);
  return bytes_;
}

Response WithETag(Response response) {
  // A 64-bit hash of the body and its length. std::hash is the same in every process of one
  // build (servers behind one proxy run one build); between builds a tag may differ for the
  // same body, which costs a full answer, never a wrong 304. On a 100 KB chart it takes a third
  // of the time of zlib's CRC-32 and Adler-32 together.
  const std::size_t hash = std::hash<std::string_view>{}(response.body);
  response.SetHeader("ETag", fmt::format("W/\"{:016x}-{:x}\"", hash, response.body.size()));
  response.SetHeader("Cache-Control", "private, no-cache");
  return response;
}

void PrepareTransfer(const Request& request, Response& response, CompressedBodies* compressed) {
  if (request.method == "GET" && response.status == 200) {
    const std::string* tag = response.FindHeader("ETag");
    const std::string& asked = request.Header("if-none-match");
    if (tag != nullptr && !asked.empty() && Matches(asked, *tag)) {
      response.status = 304;
      response.body.clear();
      return;
    }
  }
  if (response.body.size() < kMinCompressed || !Compressible(response.content_type) ||
      response.FindHeader("Content-Encoding") != nullptr) {
    return;
  }
  response.SetHeader("Vary", "Accept-Encoding");
  if (!AcceptsGzip(request.Header("accept-encoding"))) {
    return;
  }
  const std::string* tag = response.FindHeader("ETag");
  std::string gzip;
  const bool made = compressed != nullptr && tag != nullptr
                        ? compressed->Compress(*tag, response.body, gzip)
                        : Gzip(response.body, gzip, kPerRequestLevel);
  if (made && gzip.size() < response.body.size()) {
    response.body = std::move(gzip);
    response.SetHeader("Content-Encoding", "gzip");
  }
}

}  // namespace covalue::http
