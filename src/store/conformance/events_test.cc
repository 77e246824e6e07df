// Store::Publish and Subscribe: an event reaches the listeners of the other stores on the
// database (another server), never the publisher's own; where one process has the database
// (SQLite), nothing travels.
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include <gtest/gtest.h>

#include "store/conformance/conformance.h"

namespace covalue::store::conformance {
namespace {

// The messages a listener was called with.
class Heard {
 public:
  std::function<void(std::string_view)> Listener() {
    return [this](std::string_view message) {
      std::lock_guard lock(mutex_);
      messages_.emplace_back(message);
      changed_.notify_all();
    };
  }
  // The messages once there are at least n, or after timeout.
  std::vector<std::string> Wait(std::size_t n, std::chrono::milliseconds timeout) {
    std::unique_lock lock(mutex_);
    changed_.wait_for(lock, timeout, [&] { return messages_.size() >= n; });
    return messages_;
  }

 private:
  std::mutex mutex_;
  std::condition_variable changed_;
  std::vector<std::string> messages_;
};

class EventsTest : public ConformanceTest {};

TEST_P(EventsTest, AnEventReachesTheOtherStoresOnTheDatabaseNotThePublisher) {
  auto second = GetParam().reopen(dir_.File(""));
  ASSERT_OK(second);
  Heard own;
  Heard other;
  Heard other_channel;
  auto own_subscription = store_->Subscribe("sign_in", own.Listener());
  auto other_subscription = (*second)->Subscribe("sign_in", other.Listener());
  auto unrelated = (*second)->Subscribe("measures", other_channel.Listener());
  // The listening side may take a moment to start listening after the store opens.
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  store_->Publish("sign_in", "failure\nana\n10.0.0.1");
  store_->Publish("sign_in", "success\nana\n10.0.0.1");

  const bool travels = GetParam().name != "SQLite";
  const auto heard = other.Wait(2, std::chrono::seconds(2));
  if (travels) {
    EXPECT_EQ(heard, (std::vector<std::string>{"failure\nana\n10.0.0.1", "success\nana\n10.0.0.1"}));
  } else {
    EXPECT_TRUE(heard.empty());
  }
  EXPECT_TRUE(own.Wait(1, std::chrono::milliseconds(200)).empty());
  EXPECT_TRUE(other_channel.Wait(1, std::chrono::milliseconds(1)).empty());

  // Unsubscribed: no longer called.
  other_subscription.reset();
  store_->Publish("sign_in", "failure\nbo\n10.0.0.2");
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  EXPECT_EQ(other.Wait(3, std::chrono::milliseconds(1)).size(), travels ? 2U : 0U);
}

COVALUE_ON_EVERY_DRIVER(EventsTest);

}  // namespace
}  // namespace covalue::store::conformance
