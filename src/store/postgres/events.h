#pragma once

#include <condition_variable>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

#include "store/postgres/connection.h"
#include "store/sql/sql_store.h"

namespace covalue::store::postgres {

// Events between the servers on one database (Store::Publish) through PostgreSQL's
// LISTEN/NOTIFY on the channel covalue_events. A payload is "ORIGIN\tCHANNEL\tMESSAGE"; ORIGIN,
// random per process, lets each server skip its own events. A listening thread with a connection
// of its own waits for notifications and reconnects (every second) when the database goes away;
// after a reconnection it delivers "events may have been missed". Publishing uses a connection
// of its own, replaced when it breaks; an event that cannot be sent is dropped (best effort, as
// the contract says).
class Events final : public sql::EventChannel {
 public:
  Events(std::string url, Deliver deliver);
  Events(const Events&) = delete;
  Events& operator=(const Events&) = delete;
  ~Events() override;

  void Publish(std::string_view channel, std::string_view message) override;

 private:
  void Listen();

  const std::string url_;
  const Deliver deliver_;
  const std::string origin_;

  std::mutex publish_mutex_;  // guards publisher_
  std::unique_ptr<Connection> publisher_;

  std::mutex mutex_;  // guards stopping_
  std::condition_variable stop_;
  bool stopping_ = false;
  std::thread listener_;  // last: starts once everything above exists
};

}  // namespace covalue::store::postgres
