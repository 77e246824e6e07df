#include "app/accounts/password_pool.h"

#include <algorithm>
#include <future>

#include "app/kernel/crypto.h"

namespace covalue::app::auth {

std::size_t PasswordPool::DefaultThreads() {
  return std::max<std::size_t>(1, std::thread::hardware_concurrency());
}

PasswordPool::PasswordPool(std::size_t threads, std::size_t max_queued, std::size_t per_caller)
    : threads_count_(std::max<std::size_t>(1, threads)),
      max_queued_(max_queued > 0 ? max_queued : 4 * threads_count_),
      per_caller_(per_caller > 0 ? per_caller : threads_count_) {
  threads_.reserve(threads_count_);
  for (std::size_t i = 0; i < threads_count_; ++i) {
    threads_.emplace_back([this] { Loop(); });
  }
}

PasswordPool::~PasswordPool() {
  {
    const std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  for (std::thread& thread : threads_) {
    thread.join();
  }
}

void PasswordPool::Loop() {
  for (;;) {
    std::function<void()> work;
    {
      std::unique_lock lock(mutex_);
      wake_.wait(lock, [&] { return stopping_ || !turns_.empty(); });
      if (turns_.empty()) {
        return;  // stopping, with nothing left to do
      }
      // Take turns: the caller at the front gives one job, then goes to the back.
      const std::string caller = std::move(turns_.front());
      turns_.pop_front();
      std::deque<std::function<void()>>& queue = queues_[caller];
      work = std::move(queue.front());
      queue.pop_front();
      if (queue.empty()) {
        queues_.erase(caller);
      } else {
        turns_.push_back(caller);
      }
    }
    work();
  }
}

bool PasswordPool::Run(const std::function<void()>& work, const std::string& caller) {
  std::promise<void> done;
  {
    const std::lock_guard lock(mutex_);
    std::size_t& mine = pending_by_caller_[caller];
    if (pending_ >= max_queued_ + threads_count_ || mine >= per_caller_) {
      if (mine == 0) {
        pending_by_caller_.erase(caller);
      }
      return false;
    }
    ++pending_;
    ++mine;
    std::deque<std::function<void()>>& queue = queues_[caller];
    if (queue.empty()) {
      turns_.push_back(caller);
    }
    queue.emplace_back([&, caller] {
      work();
      {
        const std::lock_guard inner(mutex_);
        --pending_;
        if (--pending_by_caller_[caller] == 0) {
          pending_by_caller_.erase(caller);
        }
      }
      done.set_value();
    });
  }
  wake_.notify_one();
  done.get_future().wait();
  return true;
}

std::size_t PasswordPool::Pending() const {
  const std::lock_guard lock(mutex_);
  return pending_;
}

namespace {

Error Busy() {
  return Error{ErrorCode::kUnavailable,
               "too many sign-ins are being checked at once; try again in a moment", ""};
}

}  // namespace

Result<std::string> PasswordPool::Hash(std::string_view password, const std::string& caller) {
  Result<std::string> hash = Fail(Busy());
  if (!Run([&] { hash = crypto::HashPassword(password); }, caller)) {
    return Fail(Busy());
  }
  return hash;
}

Result<bool> PasswordPool::Verify(std::string_view password, const std::string& hash,
                                  const std::string& caller) {
  bool matches = false;
  if (!Run([&] { matches = crypto::VerifyPassword(password, hash); }, caller)) {
    return Fail(Busy());
  }
  return matches;
}

}  // namespace covalue::app::auth
