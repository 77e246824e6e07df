#include "app/auth/password_pool.h"

#include <algorithm>
#include <future>

#include "app/auth/crypto.h"

namespace covalue::app::auth {

std::size_t PasswordPool::DefaultThreads() {
  return std::max<std::size_t>(1, std::thread::hardware_concurrency());
}

PasswordPool::PasswordPool(std::size_t threads, std::size_t max_queued)
    : max_queued_(max_queued > 0 ? max_queued : 16 * std::max<std::size_t>(1, threads)) {
  threads = std::max<std::size_t>(1, threads);
  threads_.reserve(threads);
  for (std::size_t i = 0; i < threads; ++i) {
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
      wake_.wait(lock, [&] { return stopping_ || !queue_.empty(); });
      if (queue_.empty()) {
        return;  // stopping, with nothing left to do
      }
      work = std::move(queue_.front());
      queue_.pop_front();
    }
    work();
  }
}

bool PasswordPool::Run(const std::function<void()>& work) {
  std::promise<void> done;
  {
    const std::lock_guard lock(mutex_);
    if (pending_ >= max_queued_ + threads_.size()) {
      return false;
    }
    ++pending_;
    queue_.emplace_back([&] {
      work();
      {
        const std::lock_guard inner(mutex_);
        --pending_;
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

Result<std::string> PasswordPool::Hash(std::string_view password) {
  Result<std::string> hash = Fail(Busy());
  if (!Run([&] { hash = HashPassword(password); })) {
    return Fail(Busy());
  }
  return hash;
}

Result<bool> PasswordPool::Verify(std::string_view password, const std::string& hash) {
  bool matches = false;
  if (!Run([&] { matches = VerifyPassword(password, hash); })) {
    return Fail(Busy());
  }
  return matches;
}

}  // namespace covalue::app::auth
