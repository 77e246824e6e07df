#pragma once

#include <chrono>
#include <map>
#include <string>
#include <utility>
#include <vector>

namespace covalue::http {

// A request as the router sees it, apart from any socket (STYLE.md §1): tests build these
// directly. Header names are lower case.
struct Request {
  std::string method;  // "GET", "POST", …
  std::string path;    // without the query string, percent-decoding not applied
  std::multimap<std::string, std::string> query;  // decoded
  std::map<std::string, std::string> headers;
  std::string body;
  std::string request_id;
  std::string client_address;
  bool client_is_loopback = false;
  bool tls = false;  // true when the connection (or a trusted proxy) used TLS

  // The header's value, or "" when absent.
  const std::string& Header(const std::string& lower_case_name) const;
  // The first value of a query parameter, or nullptr.
  const std::string* Query(const std::string& name) const;
};

struct Response {
  int status = 200;
  std::string content_type = "application/json";
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;
  // How long the transport waits before sending it, without holding a worker: a throttled
  // sign-in is answered slowly, so a flood of them costs the server next to nothing.
  // Default: 0.
  std::chrono::milliseconds delay{0};

  void SetHeader(std::string name, std::string value);
  // The value of the first header set with exactly this name, or nullptr.
  const std::string* FindHeader(std::string_view name) const;
};

// Splits "a=1&b=x%20y" into decoded pairs ('+' is a space, as HTML forms send it).
std::multimap<std::string, std::string> ParseQuery(std::string_view query);

}  // namespace covalue::http
