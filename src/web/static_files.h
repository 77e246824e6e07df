#pragma once

#include <filesystem>
#include <map>
#include <string>

#include "http/message.h"

namespace covalue::web {

// Serves the built front end (web/dist): every file under root is read once, at construction.
// Paths without a file extension answer index.html, so the front end's own routes survive a
// reload. Hashed files under /assets/ are cached for a year; everything else is revalidated.
// Every answer carries a Content-Security-Policy that allows only this origin. Thread-safe.
class StaticFiles {
 public:
  explicit StaticFiles(const std::filesystem::path& root);

  http::Response Serve(const http::Request& request) const;

  bool Empty() const { return files_.empty(); }
  std::size_t FileCount() const { return files_.size(); }

 private:
  struct File {
    std::string content_type;
    std::string body;
  };
  std::map<std::string, File> files_;  // by URL path ("/index.html")
};

// The content type for a file name's extension; application/octet-stream when unknown.
std::string ContentTypeFor(const std::filesystem::path& file);

}  // namespace covalue::web
