#include "app/auth/login_throttle.h"

#include <algorithm>

namespace covalue::app::auth {

std::int64_t LoginThrottle::RetryAfterSeconds(const std::string& username, Clock::time_point now) {
  std::lock_guard lock(mutex_);
  auto found = entries_.find(username);
  if (found == entries_.end() || found->second.locked_until <= now) {
    return 0;
  }
  auto left = std::chrono::ceil<std::chrono::seconds>(found->second.locked_until - now);
  return std::max<std::int64_t>(1, left.count());
}

void LoginThrottle::RecordFailure(const std::string& username, Clock::time_point now) {
  std::lock_guard lock(mutex_);
  if (entries_.size() >= kMaxTracked && !entries_.contains(username)) {
    // Forget the entries whose lock has passed before tracking more.
    std::erase_if(entries_, [&](const auto& kv) { return kv.second.locked_until <= now; });
  }
  Entry& entry = entries_[username];
  ++entry.failures;
  if (entry.failures >= kFreeFailures) {
    const int doublings = std::min(entry.failures - kFreeFailures, 4);
    const auto lock_for = std::min<std::chrono::minutes>(std::chrono::minutes(1 << doublings),
                                                         std::chrono::minutes(15));
    entry.locked_until = now + lock_for;
  }
}

void LoginThrottle::RecordSuccess(const std::string& username) {
  std::lock_guard lock(mutex_);
  entries_.erase(username);
}

}  // namespace covalue::app::auth
