#include "app/accounts/login_throttle.h"

#include <algorithm>

namespace covalue::app::auth {
namespace {

std::string PairKey(const std::string& username, const std::string& address) {
  std::string key = address;
  key += '\n';  // neither an address nor a username holds one
  key += username;
  return key;
}

constexpr std::chrono::minutes kWindow{1};

}  // namespace

void LoginThrottle::Count(Entries& entries, const std::string& key, int free,
                          Clock::time_point now) {
  if (entries.size() >= kMaxTracked && !entries.contains(key)) {
    // Forget what is over before tracking more.
    std::erase_if(entries, [&](const auto& kv) {
      return kv.second.locked_until <= now && now - kv.second.last_failure > kMemory;
    });
  }
  Entry& entry = entries[key];
  if (entry.locked_until <= now && now - entry.last_failure > kMemory) {
    entry.failures = 0;
  }
  ++entry.failures;
  entry.last_failure = now;
  if (entry.failures >= free) {
    const int doublings = std::min(entry.failures - free, 4);
    entry.locked_until = now + std::min<std::chrono::minutes>(std::chrono::minutes(1 << doublings),
                                                              std::chrono::minutes(15));
  }
}

std::int64_t LoginThrottle::SecondsLeft(const Entries& entries, const std::string& key,
                                        Clock::time_point now) {
  const auto found = entries.find(key);
  if (found == entries.end() || found->second.locked_until <= now) {
    return 0;
  }
  const auto left = std::chrono::ceil<std::chrono::seconds>(found->second.locked_until - now);
  return std::max<std::int64_t>(1, left.count());
}

bool LoginThrottle::Recent(const Entries& entries, const std::string& key, Clock::time_point now) {
  const auto found = entries.find(key);
  return found != entries.end() && found->second.failures > 0 &&
         now - found->second.last_failure <= kMemory;
}

std::int64_t LoginThrottle::RetryAfterSeconds(const std::string& username,
                                              const std::string& address, Clock::time_point now) {
  const std::lock_guard lock(mutex_);
  std::int64_t wait = std::max(SecondsLeft(pairs_, PairKey(username, address), now),
                               SecondsLeft(addresses_, address, now));
  if (now - window_start_ < kWindow && window_failures_ >= kGlobalFailuresPerMinute &&
      Recent(addresses_, address, now)) {
    const auto left = std::chrono::ceil<std::chrono::seconds>(window_start_ + kWindow - now);
    wait = std::max<std::int64_t>(wait, std::max<std::int64_t>(1, left.count()));
  }
  return wait;
}

void LoginThrottle::RecordFailure(const std::string& username, const std::string& address,
                                  Clock::time_point now) {
  const std::lock_guard lock(mutex_);
  Count(pairs_, PairKey(username, address), kFreeFailures, now);
  Count(addresses_, address, kFreeAddressFailures, now);
  if (now - window_start_ >= kWindow) {
    window_start_ = now;
    window_failures_ = 0;
  }
  ++window_failures_;
}

void LoginThrottle::RecordSuccess(const std::string& username, const std::string& address) {
  const std::lock_guard lock(mutex_);
  pairs_.erase(PairKey(username, address));
}

}  // namespace covalue::app::auth
