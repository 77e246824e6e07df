#pragma once

#include <chrono>
#include <cstdint>
#include <mutex>
#include <string>
#include <unordered_map>

namespace covalue::app::auth {

// Slows password guessing without locking anyone out from where they are. Failed sign-ins,
// never successful ones, are counted three ways:
// - per (username, client address): after kFreeFailures, every attempt of that username from
//   that address is refused, the right password included, for a lock of one minute that doubles
//   with each further failure up to fifteen. The same username from another address signs in.
// - per client address, whatever the usernames: after kFreeAddressFailures the address is locked
//   the same way (one guess at each of many usernames).
// - globally: past kGlobalFailuresPerMinute failures in a minute, addresses that failed in the
//   last kMemory are refused until the minute ends; addresses without recent failures sign in.
// Failures older than kMemory (since an entry's last one, and its lock over) are forgotten.
// Kept in memory: a restart forgives, the lesser harm than locking a clinic out. Thread-safe.
class LoginThrottle {
 public:
  using Clock = std::chrono::steady_clock;
  static constexpr int kFreeFailures = 5;
  static constexpr int kFreeAddressFailures = 30;
  static constexpr int kGlobalFailuresPerMinute = 300;
  static constexpr std::chrono::minutes kMemory{15};
  static constexpr std::size_t kMaxTracked = 100'000;

  // Seconds until username may try to sign in from address; 0 when it may try now.
  std::int64_t RetryAfterSeconds(const std::string& username, const std::string& address,
                                 Clock::time_point now);
  void RecordFailure(const std::string& username, const std::string& address,
                     Clock::time_point now);
  // A success forgets the pair's failures (not the address's).
  void RecordSuccess(const std::string& username, const std::string& address);

 private:
  struct Entry {
    int failures = 0;
    Clock::time_point locked_until;
    Clock::time_point last_failure;
  };
  using Entries = std::unordered_map<std::string, Entry>;

  // Counts a failure; locks after free failures, doubling to fifteen minutes.
  static void Count(Entries& entries, const std::string& key, int free, Clock::time_point now);
  static std::int64_t SecondsLeft(const Entries& entries, const std::string& key,
                                  Clock::time_point now);
  static bool Recent(const Entries& entries, const std::string& key, Clock::time_point now);

  std::mutex mutex_;  // guards everything below
  Entries pairs_;
  Entries addresses_;
  Clock::time_point window_start_;
  int window_failures_ = 0;
};

}  // namespace covalue::app::auth
