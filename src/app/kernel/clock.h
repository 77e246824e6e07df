#pragma once

#include <atomic>
#include <cstdint>

namespace covalue::app {

// Where the use cases read the time, so tests can set it (SQLite's os.h keeps time behind its
// seam for the same reason). Thread-safe.
class Clock {
 public:
  virtual ~Clock() = default;
  // Unix time in milliseconds.
  virtual std::int64_t NowMs() const = 0;
};

// The wall clock.
const Clock& SystemClock();

// A clock that stands still until told to move.
class ManualClock final : public Clock {
 public:
  explicit ManualClock(std::int64_t now_ms) : now_ms_(now_ms) {}
  std::int64_t NowMs() const override { return now_ms_.load(); }
  void Set(std::int64_t now_ms) { now_ms_.store(now_ms); }
  void Advance(std::int64_t ms) { now_ms_.fetch_add(ms); }

 private:
  std::atomic<std::int64_t> now_ms_;
};

}  // namespace covalue::app
