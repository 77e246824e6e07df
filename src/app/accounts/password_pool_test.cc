#include "app/accounts/password_pool.h"

#include <future>

#include <gtest/gtest.h>

#include "app/kernel/crypto.h"

namespace covalue::app::auth {
namespace {

TEST(PasswordPool, HashesAndVerifiesOnItsThreads) {
  crypto::InitCrypto();
  PasswordPool pool(1);
  auto hash = pool.Hash("a long password", "10.0.0.1");
  ASSERT_TRUE(hash.has_value());
  EXPECT_TRUE(*pool.Verify("a long password", *hash, "10.0.0.1"));
  EXPECT_FALSE(*pool.Verify("another password", *hash, "10.0.0.1"));
  EXPECT_EQ(pool.Pending(), 0U);
}

// One address's flood cannot hold up another: each caller may have one job waiting or running
// here, and the pool takes turns between callers.
TEST(PasswordPool, TurnsAwayACallersSecondJobButServesAnotherCaller) {
  crypto::InitCrypto();
  const std::string hash = crypto::HashPassword("a long password").value();
  PasswordPool pool(1, 8, 1);
  auto first = std::async(std::launch::async, [&] { return pool.Verify("x", hash, "attacker"); });
  while (pool.Pending() == 0) {
    std::this_thread::yield();
  }
  auto refused = pool.Verify("y", hash, "attacker");
  ASSERT_FALSE(refused.has_value());
  EXPECT_EQ(refused.error().code, ErrorCode::kUnavailable);
  auto other = pool.Verify("a long password", hash, "nurse");
  ASSERT_TRUE(other.has_value());
  EXPECT_TRUE(*other);
  EXPECT_TRUE(first.get().has_value());
}

TEST(PasswordPool, TurnsAwayEveryoneWhenTheWholeQueueIsFull) {
  crypto::InitCrypto();
  const std::string hash = crypto::HashPassword("a long password").value();
  PasswordPool pool(1, 1, 4);  // one running, one waiting
  std::vector<std::future<Result<bool>>> running;
  for (const char* caller : {"a", "b"}) {
    running.push_back(
        std::async(std::launch::async, [&, caller] { return pool.Verify("x", hash, caller); }));
  }
  while (pool.Pending() < 2) {
    std::this_thread::yield();
  }
  EXPECT_FALSE(pool.Verify("x", hash, "c").has_value());
  for (auto& r : running) {
    EXPECT_TRUE(r.get().has_value());
  }
}

}  // namespace
}  // namespace covalue::app::auth
