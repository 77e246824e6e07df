#pragma once

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <functional>
#include <mutex>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "domain/error.h"

namespace covalue::app::auth {

// Runs password hashing (argon2id, 64 MiB and most of a core for each) on a few threads of its
// own with a bounded queue, so that a flood of sign-ins costs at most threads × 64 MiB and
// leaves the other cores to every other request. A call that finds the queue full fails at once
// with kUnavailable instead of waiting. Thread-safe; callers block until their hash is done.
class PasswordPool {
 public:
  // Default: as many threads as cores (at least 1), and 16 waiting calls per thread.
  static std::size_t DefaultThreads();
  explicit PasswordPool(std::size_t threads = DefaultThreads(), std::size_t max_queued = 0);
  PasswordPool(const PasswordPool&) = delete;
  PasswordPool& operator=(const PasswordPool&) = delete;
  ~PasswordPool();

  // crypto.h's HashPassword on the pool. kUnavailable when the queue is full.
  [[nodiscard]] Result<std::string> Hash(std::string_view password);
  // crypto.h's VerifyPassword on the pool. kUnavailable when the queue is full.
  [[nodiscard]] Result<bool> Verify(std::string_view password, const std::string& hash);

  // How many calls wait or run now (for metrics and tests).
  std::size_t Pending() const;

 private:
  // Runs work on a pool thread and waits for it; false when the queue was full.
  bool Run(const std::function<void()>& work);
  void Loop();

  const std::size_t max_queued_;
  mutable std::mutex mutex_;  // guards queue_, pending_ and stopping_
  std::condition_variable wake_;
  std::deque<std::function<void()>> queue_;
  std::size_t pending_ = 0;
  bool stopping_ = false;
  std::vector<std::thread> threads_;
};

}  // namespace covalue::app::auth
