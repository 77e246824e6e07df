#pragma once

#include <chrono>
#include <cstdint>
#include <map>
#include <mutex>
#include <string>

#include <spdlog/spdlog.h>

namespace covalue::http {

// Logs a line at most once per interval for its key, then says how many like it were left
// out: an accept loop that fails a thousand times a second must not flood the log.
class RateLimitedLog {
 public:
  void Warn(const std::string& key, const std::string& line) {
    const auto now = std::chrono::steady_clock::now();
    std::lock_guard lock(mutex_);
    Entry& entry = entries_[key];
    if (entry.last != std::chrono::steady_clock::time_point{} && now - entry.last < kInterval) {
      ++entry.suppressed;
      return;
    }
    if (entry.suppressed > 0) {
      spdlog::warn("{} ({} more like it in the last {} s)", line, entry.suppressed,
                   std::chrono::duration_cast<std::chrono::seconds>(now - entry.last).count());
    } else {
      spdlog::warn("{}", line);
    }
    entry.last = now;
    entry.suppressed = 0;
  }

 private:
  static constexpr std::chrono::seconds kInterval{10};
  struct Entry {
    std::chrono::steady_clock::time_point last;
    std::uint64_t suppressed = 0;
  };
  std::mutex mutex_;
  std::map<std::string, Entry> entries_;
};

}  // namespace covalue::http
