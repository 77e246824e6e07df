#include "web/static_files.h"

#include <fstream>
#include <map>
#include <sstream>

namespace covalue::web {
namespace {

constexpr const char* kContentSecurityPolicy =
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'self'; "
    "form-action 'self'; frame-ancestors 'none'";

void AddSecurityHeaders(http::Response& response) {
  response.SetHeader("Content-Security-Policy", kContentSecurityPolicy);
  response.SetHeader("X-Content-Type-Options", "nosniff");
  response.SetHeader("Referrer-Policy", "no-referrer");
}

}  // namespace

std::string ContentTypeFor(const std::filesystem::path& file) {
  static const std::map<std::string, std::string> kTypes = {
      {".html", "text/html; charset=utf-8"},
      {".js", "text/javascript; charset=utf-8"},
      {".css", "text/css; charset=utf-8"},
      {".json", "application/json"},
      {".svg", "image/svg+xml"},
      {".png", "image/png"},
      {".ico", "image/x-icon"},
      {".woff2", "font/woff2"},
      {".webmanifest", "application/manifest+json"},
      {".txt", "text/plain; charset=utf-8"},
      {".map", "application/json"},
  };
  auto found = kTypes.find(file.extension().string());
  return found == kTypes.end() ? "application/octet-stream" : found->second;
}

StaticFiles::StaticFiles(const std::filesystem::path& root) {
  std::error_code ec;
  if (!std::filesystem::is_directory(root, ec)) {
    return;
  }
  for (const auto& entry : std::filesystem::recursive_directory_iterator(root, ec)) {
    if (!entry.is_regular_file()) {
      continue;
    }
    std::ifstream in(entry.path(), std::ios::binary);
    std::ostringstream body;
    body << in.rdbuf();
    const std::string url = "/" + std::filesystem::relative(entry.path(), root).generic_string();
    files_[url] = File{ContentTypeFor(entry.path()), body.str()};
  }
}

http::Response StaticFiles::Serve(const http::Request& request) const {
  http::Response response;
  AddSecurityHeaders(response);
  if (request.method != "GET" && request.method != "HEAD") {
    response.status = 405;
    response.content_type = "text/plain; charset=utf-8";
    response.body = "method not allowed\n";
    response.SetHeader("Allow", "GET, HEAD");
    return response;
  }
  std::string path = request.path == "/" ? "/index.html" : request.path;
  auto found = files_.find(path);
  const bool looks_like_page = std::filesystem::path(path).extension().empty();
  if (found == files_.end() && looks_like_page) {
    found = files_.find("/index.html");
  }
  if (found == files_.end()) {
    response.status = 404;
    response.content_type = "text/plain; charset=utf-8";
    response.body =
        files_.empty() ? "the web front end is not built: run make build\n" : "not found\n";
    return response;
  }
  response.content_type = found->second.content_type;
  response.body = request.method == "HEAD" ? std::string() : found->second.body;
  response.SetHeader("Cache-Control", path.starts_with("/assets/")
                                          ? "public, max-age=31536000, immutable"
                                          : "no-cache");
  return response;
}

}  // namespace covalue::web
