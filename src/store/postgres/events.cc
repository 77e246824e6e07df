#include "store/postgres/events.h"

#include <random>

#include <fmt/format.h>

namespace covalue::store::postgres {
namespace {

constexpr std::chrono::milliseconds kWait{200};       // between checks of stopping_
constexpr std::chrono::milliseconds kReconnect{1000};  // between attempts while it is away

std::string RandomOrigin() {
  std::random_device device;
  return fmt::format("{:08x}{:08x}", device(), device());
}

}  // namespace

Events::Events(std::string url, Deliver deliver)
    : url_(std::move(url)),
      deliver_(std::move(deliver)),
      origin_(RandomOrigin()),
      listener_([this] { Listen(); }) {}

Events::~Events() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  stop_.notify_all();
  listener_.join();
}

void Events::Publish(std::string_view channel, std::string_view message) {
  std::lock_guard lock(publish_mutex_);
  if (!publisher_ || publisher_->Broken()) {
    auto opened = Connection::Open(url_);
    if (!opened) {
      return;
    }
    publisher_ = std::move(*opened);
  }
  auto notify = publisher_->Prepare("SELECT pg_notify('covalue_events', ?)");
  if (notify) {
    notify->Bind(fmt::format("{}\t{}\t{}", origin_, channel, message));
    (void)notify->Step();
  }
}

void Events::Listen() {
  std::unique_ptr<Connection> connection;
  bool connected_before = false;
  for (;;) {
    {
      std::unique_lock lock(mutex_);
      if (stopping_) {
        return;
      }
      if (!connection) {
        lock.unlock();
        auto opened = Connection::Open(url_);
        if (opened && (*opened)->Execute("LISTEN covalue_events")) {
          connection = std::move(*opened);
          if (connected_before) {
            deliver_({}, {});  // events of the time it was away are lost
          }
          connected_before = true;
        } else {
          lock.lock();
          stop_.wait_for(lock, kReconnect, [&] { return stopping_; });
        }
        continue;
      }
    }
    auto payloads = connection->Notifications(kWait);
    if (!payloads) {
      connection.reset();
      continue;
    }
    for (const std::string& payload : *payloads) {
      const std::size_t first = payload.find('\t');
      const std::size_t second =
          first == std::string::npos ? std::string::npos : payload.find('\t', first + 1);
      if (second == std::string::npos || payload.compare(0, first, origin_) == 0) {
        continue;  // not an event of covalue's, or this process's own
      }
      const std::string_view text(payload);
      deliver_(text.substr(first + 1, second - first - 1), text.substr(second + 1));
    }
  }
}

}  // namespace covalue::store::postgres
