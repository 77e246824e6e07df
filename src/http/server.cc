#include "http/server.h"

#include <algorithm>
#include <atomic>
#include <cctype>
#include <cmath>
#include <functional>
#include <limits>
#include <list>
#include <map>
#include <mutex>
#include <optional>
#include <random>

#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <fmt/format.h>
#include <nlohmann/json.hpp>
#include <spdlog/spdlog.h>
#include <sys/resource.h>

#include "http/problem_json.h"
#include "http/rate_limited_log.h"

namespace covalue::http {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
using tcp = asio::ip::tcp;
using Clock = std::chrono::steady_clock;

std::string NewRequestId() {
  thread_local std::mt19937_64 rng{std::random_device{}()};
  return fmt::format("{:016x}", rng());
}

// A client's X-Request-Id is kept when it is short and plain; otherwise we make one.
std::string RequestIdFor(std::string_view offered) {
  if (offered.empty() || offered.size() > 64) {
    return NewRequestId();
  }
  for (char c : offered) {
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '-' && c != '_' && c != '.') {
      return NewRequestId();
    }
  }
  return std::string(offered);
}

void LogAccess(const Request& request, const std::string& route, int status, double seconds) {
  const nlohmann::json line = {{"request_id", request.request_id},
                               {"method", request.method},
                               {"path", request.path},
                               {"route", route},
                               {"status", status},
                               {"ms", std::round(seconds * 1e4) / 10},
                               {"client", request.client_address}};
  spdlog::info("{}", line.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
}

// What a connection is doing, for choosing which to close when connections run out.
enum class Phase : int {
  kIdle,  // waiting for the first byte of a request
  kHead,  // reading a request head
  kBusy,  // a request is being read, handled or answered
};

}  // namespace

std::size_t RaiseOpenFileLimit() {
  rlimit limit{};
  if (getrlimit(RLIMIT_NOFILE, &limit) != 0) {
    return 1024;
  }
  if (limit.rlim_cur < limit.rlim_max) {
    rlimit raised = limit;
    raised.rlim_cur = limit.rlim_max;
    if (setrlimit(RLIMIT_NOFILE, &raised) == 0) {
      limit = raised;
    }
  }
  return limit.rlim_cur == RLIM_INFINITY ? std::size_t{1} << 20
                                         : static_cast<std::size_t>(limit.rlim_cur);
}

struct Server::Impl {
  class Session;

  Impl(const Router& r, Metrics& m, ServerOptions o)
      : router(r),
        metrics(m),
        options(std::move(o)),
        acceptor(ioc),
        accept_backoff(ioc),
        workers(static_cast<std::size_t>(options.worker_threads)) {}

  void DoAccept();
  void OnAccept(beast::error_code ec, tcp::socket socket);
  // At the cap: closes the longest-idle connection, or answers socket 503 and closes it when
  // every connection is mid-request. True when the new connection may be served.
  bool MakeRoom(tcp::socket& socket);
  void Drain();

  const Router& router;
  Metrics& metrics;
  const ServerOptions options;
  asio::io_context ioc{1};
  tcp::acceptor acceptor;
  asio::steady_timer accept_backoff;
  std::chrono::milliseconds backoff{0};
  asio::thread_pool workers;
  std::atomic<bool> draining = false;
  std::size_t max_connections = 1024;
  RateLimitedLog log;
  std::atomic<std::int64_t> evicted = 0;
  std::atomic<std::int64_t> refused = 0;
  std::atomic<std::int64_t> open = 0;

  std::mutex sessions_mutex;  // guards sessions
  std::list<std::weak_ptr<Session>> sessions;
};

// One connection. Its steps run on its strand; the handler runs on a worker.
class Server::Impl::Session : public std::enable_shared_from_this<Session> {
 public:
  Session(tcp::socket socket, Impl& server)
      : stream_(std::move(socket)), delay_(stream_.get_executor()), server_(server) {
    beast::error_code ec;
    const auto remote = stream_.socket().remote_endpoint(ec);
    if (!ec) {
      client_address_ = remote.address().to_string();
      client_is_loopback_ = remote.address().is_loopback();
    }
    ++server_.open;
  }
  Session(const Session&) = delete;
  Session& operator=(const Session&) = delete;
  ~Session() { --server_.open; }

  void Start() {
    asio::dispatch(stream_.get_executor(), [self = shared_from_this()] { self->DoRead(); });
  }

  // Closes the connection if it is waiting for a request; a busy one closes after answering.
  void CloseIfIdle() {
    asio::post(stream_.get_executor(), [self = shared_from_this()] {
      if (!self->busy_) {
        self->DoClose();
      }
    });
  }

  // Closes a connection that is not mid-request, to make room for a new one.
  void Evict() {
    asio::post(stream_.get_executor(), [self = shared_from_this()] {
      if (!self->busy_) {
        self->DoClose();
      }
    });
  }

  Phase CurrentPhase() const { return phase_.load(); }
  Clock::time_point Since() const { return Clock::time_point(Clock::duration(since_.load())); }

 private:
  void SetPhase(Phase phase) {
    phase_.store(phase);
    since_.store(Clock::now().time_since_epoch().count());
  }

  void DoRead() {
    if (server_.draining) {
      DoClose();
      return;
    }
    parser_.emplace();
    parser_->header_limit(static_cast<std::uint32_t>(server_.options.max_header_bytes));
    // The route's own limit is applied once the header names the route (OnReadHeader).
    parser_->body_limit(std::numeric_limits<std::uint64_t>::max());
    if (buffer_.size() > 0) {
      DoReadHeader();  // a pipelined request is already here
      return;
    }
    // Idle until the first byte, then the whole head within its own limit.
    SetPhase(Phase::kIdle);
    stream_.expires_after(server_.options.idle_timeout);
    stream_.async_read_some(buffer_.prepare(4096),
                            [self = shared_from_this()](beast::error_code ec, std::size_t bytes) {
                              if (ec) {
                                self->DoClose();
                                return;
                              }
                              self->buffer_.commit(bytes);
                              self->DoReadHeader();
                            });
  }

  void DoReadHeader() {
    SetPhase(Phase::kHead);
    started_ = Clock::now();
    stream_.expires_after(server_.options.header_timeout);
    bhttp::async_read_header(stream_, buffer_, *parser_,
                             beast::bind_front_handler(&Session::OnReadHeader, shared_from_this()));
  }

  void OnReadHeader(beast::error_code ec, std::size_t) {
    if (ec == bhttp::error::header_limit) {
      SendEarlyError(431, "the request headers are too large", "headers");
      return;
    }
    if (ec == bhttp::error::end_of_stream || ec == asio::error::operation_aborted ||
        ec == beast::error::timeout || ec == asio::error::connection_reset ||
        ec == asio::error::eof) {
      DoClose();
      return;
    }
    if (ec) {
      SendEarlyError(400, fmt::format("malformed HTTP request: {}", ec.message()), "");
      return;
    }
    busy_ = true;
    SetPhase(Phase::kBusy);
    const auto& header = parser_->get();
    const std::string target(header.target());
    const std::string path = target.substr(0, target.find('?'));
    const std::size_t limit = server_.router.BodyLimit(std::string(header.method_string()), path);
    const auto length = parser_->content_length();
    if (length && *length > limit) {
      SendEarlyError(413,
                     fmt::format("the body is larger than this route's limit of {} bytes", limit),
                     "body");
      return;
    }
    parser_->body_limit(limit);
    stream_.expires_after(server_.options.body_timeout);
    bhttp::async_read(stream_, buffer_, *parser_,
                      beast::bind_front_handler(&Session::OnRead, shared_from_this()));
  }

  void OnRead(beast::error_code ec, std::size_t) {
    if (ec == bhttp::error::body_limit) {
      SendEarlyError(413, "the body is larger than this route's limit", "body");
      return;
    }
    if (ec) {
      DoClose();
      return;
    }
    auto message = parser_->release();
    auto request = std::make_shared<Request>(ToRequest(message));
    const bool keep_alive = message.keep_alive();
    const unsigned version = message.version();
    // The work guard keeps the I/O loop alive, even while draining, until the answer is sent.
    asio::post(server_.workers, [self = shared_from_this(), request, keep_alive, version,
                                 guard = asio::make_work_guard(server_.ioc)] {
      std::string route;
      auto response = std::make_shared<Response>(self->server_.router.Handle(*request, route));
      const double seconds = std::chrono::duration<double>(Clock::now() - self->started_).count();
      self->server_.metrics.Observe(route, request->method, response->status, seconds);
      LogAccess(*request, route, response->status, seconds);
      asio::post(self->stream_.get_executor(), [self, response, keep_alive, version] {
        if (response->delay.count() <= 0) {
          self->DoWrite(*response, keep_alive, version);
          return;
        }
        self->delay_.expires_after(response->delay);
        self->delay_.async_wait([self, response, keep_alive, version](beast::error_code) {
          self->DoWrite(*response, keep_alive, version);
        });
      });
    });
  }

  Request ToRequest(const bhttp::request<bhttp::string_body>& message) const {
    Request request;
    request.method = std::string(message.method_string());
    const std::string target(message.target());
    const auto question = target.find('?');
    request.path = target.substr(0, question);
    if (question != std::string::npos) {
      request.query = ParseQuery(std::string_view(target).substr(question + 1));
    }
    for (const auto& field : message) {
      std::string name(field.name_string());
      std::transform(name.begin(), name.end(), name.begin(),
                     [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
      request.headers[name] = std::string(field.value());
    }
    request.body = message.body();
    request.request_id = RequestIdFor(request.Header("x-request-id"));
    request.client_address = ClientAddress(request);
    request.client_is_loopback = client_is_loopback_;
    request.tls =
        server_.options.trust_forwarded_proto && request.Header("x-forwarded-proto") == "https";
    return request;
  }

  // The peer's address, or, behind a trusted proxy, the address it forwarded last.
  std::string ClientAddress(const Request& request) const {
    if (!server_.options.trust_forwarded_for) {
      return client_address_;
    }
    std::string_view forwarded = request.Header("x-forwarded-for");
    if (const auto comma = forwarded.rfind(','); comma != std::string_view::npos) {
      forwarded.remove_prefix(comma + 1);
    }
    while (!forwarded.empty() && forwarded.front() == ' ') {
      forwarded.remove_prefix(1);
    }
    while (!forwarded.empty() && forwarded.back() == ' ') {
      forwarded.remove_suffix(1);
    }
    return forwarded.empty() ? client_address_ : std::string(forwarded);
  }

  // Answers a request whose body was not read and closes the connection.
  void SendEarlyError(int status, const std::string& detail, const std::string& field) {
    Request request;
    request.request_id = NewRequestId();
    request.client_address = client_address_;
    if (parser_ && parser_->is_header_done()) {
      request.method = std::string(parser_->get().method_string());
      request.path = std::string(parser_->get().target());
    }
    const ErrorCode code =
        status == 413 ? ErrorCode::kResourceExhausted : ErrorCode::kInvalidArgument;
    Response response = ProblemResponse(status, {code, detail, field}, request.request_id);
    response.SetHeader("X-Request-Id", request.request_id);
    const double seconds = std::chrono::duration<double>(Clock::now() - started_).count();
    server_.metrics.Observe("rejected", request.method, status, seconds);
    LogAccess(request, "rejected", status, seconds);
    busy_ = true;
    SetPhase(Phase::kBusy);
    DoWrite(response, false, 11);
  }

  // Sends response; its body is moved into the message, not copied (a chart view is hundreds
  // of kilobytes).
  void DoWrite(Response& response, bool keep_alive, unsigned version) {
    auto message = std::make_shared<bhttp::response<bhttp::string_body>>(
        static_cast<bhttp::status>(response.status), version);
    message->set(bhttp::field::server, "covalue");
    if (!response.content_type.empty()) {
      message->set(bhttp::field::content_type, response.content_type);
    }
    for (const auto& [name, value] : response.headers) {
      message->insert(name, value);
    }
    message->body() = std::move(response.body);
    message->keep_alive(keep_alive && !server_.draining);
    message->prepare_payload();
    stream_.expires_after(server_.options.write_timeout);
    bhttp::async_write(stream_, *message,
                       [self = shared_from_this(), message](beast::error_code ec, std::size_t) {
                         self->busy_ = false;
                         if (ec || !message->keep_alive()) {
                           self->DoClose();
                           return;
                         }
                         self->DoRead();
                       });
  }

  void DoClose() {
    beast::error_code ignored;
    stream_.socket().shutdown(tcp::socket::shutdown_both, ignored);
    stream_.socket().close(ignored);
  }

  beast::tcp_stream stream_;
  asio::steady_timer delay_;
  beast::flat_buffer buffer_;
  std::optional<bhttp::request_parser<bhttp::string_body>> parser_;
  Impl& server_;
  std::string client_address_;
  bool client_is_loopback_ = false;
  bool busy_ = false;  // a request is being read, handled or answered
  Clock::time_point started_;
  std::atomic<Phase> phase_ = Phase::kIdle;
  std::atomic<Clock::rep> since_ = Clock::now().time_since_epoch().count();
};

void Server::Impl::DoAccept() {
  acceptor.async_accept(asio::make_strand(ioc), [this](beast::error_code ec, tcp::socket socket) {
    OnAccept(ec, std::move(socket));
  });
}

void Server::Impl::OnAccept(beast::error_code ec, tcp::socket socket) {
  if (ec == asio::error::operation_aborted) {
    return;
  }
  if (ec) {
    // Out of files or memory: say so (once in a while), free an idle connection, and wait a
    // little before accepting again instead of spinning.
    log.Warn("accept:" + ec.message(),
             fmt::format("accepting a connection failed: {}; backing off", ec.message()));
    tcp::socket none(ioc);
    (void)MakeRoom(none);
    backoff =
        std::clamp(backoff * 2, std::chrono::milliseconds(10), std::chrono::milliseconds(1000));
    accept_backoff.expires_after(backoff);
    accept_backoff.async_wait([this](beast::error_code timer_ec) {
      if (!timer_ec) {
        DoAccept();
      }
    });
    return;
  }
  backoff = std::chrono::milliseconds(0);
  if (MakeRoom(socket)) {
    auto session = std::make_shared<Session>(std::move(socket), *this);
    {
      std::lock_guard lock(sessions_mutex);
      sessions.push_back(session);
    }
    session->Start();
  }
  DoAccept();
}

bool Server::Impl::MakeRoom(tcp::socket& socket) {
  std::shared_ptr<Session> victim;
  {
    std::lock_guard lock(sessions_mutex);
    sessions.remove_if([](const std::weak_ptr<Session>& s) { return s.expired(); });
    if (socket.is_open() && sessions.size() < max_connections) {
      return true;
    }
    // The longest idle first, then the longest reading a head; never one mid-request.
    std::optional<std::pair<Phase, Clock::time_point>> best;
    for (auto& weak : sessions) {
      auto session = weak.lock();
      if (!session || session->CurrentPhase() == Phase::kBusy) {
        continue;
      }
      const std::pair candidate{session->CurrentPhase(), session->Since()};
      if (!best || candidate < *best) {
        best = candidate;
        victim = session;
      }
    }
  }
  if (victim) {
    ++evicted;
    victim->Evict();
    return socket.is_open();
  }
  if (!socket.is_open()) {
    return false;
  }
  // Every connection is mid-request: refuse at once rather than keep the client waiting.
  ++refused;
  log.Warn("refused",
           fmt::format("{} connections are all mid-request; refusing new ones", max_connections));
  static const std::string kRefusal = [] {
    const std::string body =
        R"({"type":"/problems/unavailable","title":"Service Unavailable","status":503,)"
        R"("detail":"the server is answering as many requests as it can; try again in a moment"})";
    return fmt::format(
        "HTTP/1.1 503 Service Unavailable\r\nContent-Type: application/problem+json\r\n"
        "Retry-After: 1\r\nConnection: close\r\nContent-Length: {}\r\n\r\n{}",
        body.size(), body);
  }();
  auto refused_socket = std::make_shared<tcp::socket>(std::move(socket));
  asio::async_write(*refused_socket, asio::buffer(kRefusal),
                    [refused_socket](beast::error_code, std::size_t) {
                      beast::error_code ignored;
                      refused_socket->shutdown(tcp::socket::shutdown_both, ignored);
                      refused_socket->close(ignored);
                    });
  return false;
}

void Server::Impl::Drain() {
  draining = true;
  beast::error_code ignored;
  acceptor.close(ignored);
  std::lock_guard lock(sessions_mutex);
  for (auto& weak : sessions) {
    if (auto session = weak.lock()) {
      session->CloseIfIdle();
    }
  }
}

Server::Server(const Router& router, Metrics& metrics, ServerOptions options)
    : impl_(std::make_unique<Impl>(router, metrics, std::move(options))) {
  Impl& impl = *impl_;
  impl.max_connections = impl.options.max_connections;
  if (impl.max_connections == 0) {
    rlimit limit{};
    const std::size_t files =
        getrlimit(RLIMIT_NOFILE, &limit) == 0 && limit.rlim_cur != RLIM_INFINITY
            ? static_cast<std::size_t>(limit.rlim_cur)
            : std::size_t{1} << 20;
    impl.max_connections =
        files > impl.options.fd_reserve + 16 ? files - impl.options.fd_reserve : 16;
  }
  metrics.AddGauge("covalue_connections_open", "Connections open now.",
                   [&impl] { return impl.open.load(); });
  metrics.AddCounter("covalue_connections_evicted_total",
                     "Idle connections closed to make room for new ones.",
                     [&impl] { return impl.evicted.load(); });
  metrics.AddCounter("covalue_connections_refused_total",
                     "Connections refused while every other was mid-request.",
                     [&impl] { return impl.refused.load(); });
}

std::size_t Server::MaxConnections() const { return impl_->max_connections; }

Server::~Server() = default;

Result<unsigned short> Server::Listen() {
  beast::error_code ec;
  const auto address = asio::ip::make_address(impl_->options.host, ec);
  if (ec) {
    return Fail(ErrorCode::kInvalidArgument,
                fmt::format("'{}' is not an IP address", impl_->options.host), "listen");
  }
  const tcp::endpoint endpoint(address, impl_->options.port);
  auto& acceptor = impl_->acceptor;
  acceptor.open(endpoint.protocol(), ec);
  if (!ec) {
    acceptor.set_option(asio::socket_base::reuse_address(true), ec);
  }
  if (!ec) {
    acceptor.bind(endpoint, ec);
  }
  if (!ec) {
    acceptor.listen(asio::socket_base::max_listen_connections, ec);
  }
  if (ec) {
    return Fail(ErrorCode::kUnavailable,
                fmt::format("cannot listen on {}:{}: {}", impl_->options.host, impl_->options.port,
                            ec.message()));
  }
  return acceptor.local_endpoint().port();
}

void Server::Run() {
  Impl& impl = *impl_;
  asio::signal_set signals(impl.ioc, SIGINT, SIGTERM);
  asio::steady_timer deadline(impl.ioc);
  asio::steady_timer poll(impl.ioc);
  // After a signal: polls until every connection is gone, or stops at the grace deadline.
  std::function<void()> wait_for_sessions = [&] {
    bool any_alive = false;
    {
      std::lock_guard lock(impl.sessions_mutex);
      for (const auto& weak : impl.sessions) {
        any_alive = any_alive || !weak.expired();
      }
    }
    if (!any_alive) {
      deadline.cancel();
      return;
    }
    poll.expires_after(std::chrono::milliseconds(20));
    poll.async_wait([&](beast::error_code ec) {
      if (!ec) {
        wait_for_sessions();
      }
    });
  };
  signals.async_wait([&](beast::error_code ec, int signal) {
    if (ec) {
      return;
    }
    spdlog::info("signal {}: finishing in-flight requests, then stopping", signal);
    impl.Drain();
    deadline.expires_after(impl.options.shutdown_grace);
    deadline.async_wait([&](beast::error_code timer_ec) {
      if (!timer_ec) {
        spdlog::warn("shutdown grace period over; stopping with requests in flight");
        impl.ioc.stop();
      }
    });
    wait_for_sessions();
  });
  impl.DoAccept();
  impl.ioc.run();
  impl.workers.join();
}

}  // namespace covalue::http
