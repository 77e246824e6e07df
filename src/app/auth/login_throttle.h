#pragma once

#include <chrono>
#include <cstdint>
#include <mutex>
#include <string>
#include <unordered_map>

namespace covalue::app::auth {

// Slows password guessing: after kFreeFailures failed sign-ins for one username, further
// attempts are refused for a lock that doubles with each failure (1 min, 2 min, … 15 min at
// most). A success clears the username. Kept in memory: a restart forgives, which is the lesser
// harm than locking a clinic out. Thread-safe.
class LoginThrottle {
 public:
  using Clock = std::chrono::steady_clock;
  static constexpr int kFreeFailures = 5;
  static constexpr std::size_t kMaxTracked = 100'000;

  // Seconds until username may try again; 0 when it may try now.
  std::int64_t RetryAfterSeconds(const std::string& username, Clock::time_point now);
  void RecordFailure(const std::string& username, Clock::time_point now);
  void RecordSuccess(const std::string& username);

 private:
  struct Entry {
    int failures = 0;
    Clock::time_point locked_until;
  };
  std::mutex mutex_;  // guards entries_
  std::unordered_map<std::string, Entry> entries_;
};

}  // namespace covalue::app::auth
