#pragma once

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <functional>
#include <map>
#include <mutex>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "domain/error.h"

namespace covalue::app::auth {

// Runs password hashing (argon2id, 64 MiB and most of a core for each) on a few threads of its
// own, so that a flood of sign-ins costs at most threads × 64 MiB and leaves the other cores to
// every other request. Callers are queued fairly by who they are (the client's address): the
// pool takes turns between them, and each may have only a few waiting, so one address cannot
// make another wait behind its flood. A call that finds its own or the whole queue full fails
// at once with kUnavailable instead of waiting. Thread-safe; callers block until their hash is
// done.
class PasswordPool {
 public:
  // Default: as many threads as cores (at least 1).
  static std::size_t DefaultThreads();
  // max_queued: calls waiting at most in all (Default: 0, four per thread); per_caller: calls
  // one caller may have waiting or running (Default: 0, as many as threads).
  explicit PasswordPool(std::size_t threads = DefaultThreads(), std::size_t max_queued = 0,
                        std::size_t per_caller = 0);
  PasswordPool(const PasswordPool&) = delete;
  PasswordPool& operator=(const PasswordPool&) = delete;
  ~PasswordPool();

  // crypto.h's HashPassword on the pool. kUnavailable when the queue is full.
  [[nodiscard]] Result<std::string> Hash(std::string_view password, const std::string& caller = "");
  // crypto.h's VerifyPassword on the pool. kUnavailable when the queue is full.
  [[nodiscard]] Result<bool> Verify(std::string_view password, const std::string& hash,
                                    const std::string& caller = "");

  // How many calls wait or run now (for metrics and tests).
  std::size_t Pending() const;

 private:
  // Runs work on a pool thread and waits for it; false when the queue was full.
  bool Run(const std::function<void()>& work, const std::string& caller);
  void Loop();

  const std::size_t threads_count_;
  const std::size_t max_queued_;
  const std::size_t per_caller_;
  mutable std::mutex mutex_;  // guards everything below but threads_
  std::condition_variable wake_;
  std::map<std::string, std::deque<std::function<void()>>> queues_;  // by caller
  std::deque<std::string> turns_;  // callers with work waiting, in the order they are served
  std::map<std::string, std::size_t> pending_by_caller_;
  std::size_t pending_ = 0;
  bool stopping_ = false;
  std::vector<std::thread> threads_;
};

}  // namespace covalue::app::auth
