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
  // Default: 30 s a connection may wait for the first byte of a request (keep-alive idle).
  std::chrono::seconds idle_timeout{30};
  // Default: 30 s to receive the whole request head once it begins, however slowly it comes.
  std::chrono::seconds header_timeout{30};
  std::chrono::seconds body_timeout{30};    // Default: 30 s to receive the body after the head
  std::chrono::seconds write_timeout{30};   // Default: 30 s to send a response
  std::chrono::seconds shutdown_grace{20};  // Default: 20 s for in-flight requests at shutdown
  bool trust_forwarded_proto = false;       // Default: false; true behind a TLS proxy that sets it
  // Default: false. True behind a reverse proxy that sets X-Forwarded-For: the client's address
  // (the sign-in throttle's, the audit trail's) is the header's last entry, the one the proxy
  // wrote, instead of the proxy's own.
  bool trust_forwarded_for = false;
  // Default: 0, the open-file limit less fd_reserve. At the cap a new connection first closes
  // the longest-idle one (waiting for a request, then reading a head); only when every
  // connection is mid-request is it refused at once with a 503.
  std::size_t max_connections = 0;
  std::size_t fd_reserve = 128;  // Default: 128 files kept for the database, logs and readers
};

// Raises the soft limit of open files to the hard limit (at start, before connections come);
// returns the soft limit now in force.
std::size_t RaiseOpenFileLimit();

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

  // How many connections it keeps open at most.
  std::size_t MaxConnections() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace covalue::http
