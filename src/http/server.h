#pragma once

#include <chrono>
#include <cstddef>
#include <memory>
#include <string>

#include "domain/error.h"
#include "http/metrics.h"
#include "http/router.h"

namespace covalue::http {

struct ServerOptions {
  std::string host = "127.0.0.1";  // Default: loopback only
  unsigned short port = 8080;      // Default: 8080; 0 picks a free port (see Listen)
  int worker_threads = 8;          // Default: 8; run handlers (store, password hashing)
  std::size_t max_header_bytes = std::size_t{16} * 1024;  // Default: 16 KiB; over: 431
  std::chrono::seconds read_timeout{
      30};  // Default: 30 s to receive a request (and keep-alive idle)
  std::chrono::seconds write_timeout{30};   // Default: 30 s to send a response
  std::chrono::seconds shutdown_grace{20};  // Default: 20 s for in-flight requests at shutdown
  bool trust_forwarded_proto = false;       // Default: false; true behind a TLS proxy that sets it
};

// The asynchronous HTTP/1.1 server (Boost.Beast): keep-alive connections on one I/O thread,
// handlers on a fixed pool of worker threads, bodies limited per route before they are read,
// a request id and an access-log line per request, graceful shutdown on SIGINT and SIGTERM.
// Beast and Asio stay inside server.cc.
class Server {
 public:
  Server(const Router& router, Metrics& metrics, ServerOptions options);
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;
  ~Server();

  // Binds and listens; returns the bound port. kUnavailable when the address cannot be bound.
  [[nodiscard]] Result<unsigned short> Listen();

  // Serves until SIGINT or SIGTERM, then stops accepting, closes idle connections, lets
  // in-flight requests finish (up to shutdown_grace) and returns.
  void Run();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace covalue::http
