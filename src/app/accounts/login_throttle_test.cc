#include "app/accounts/login_throttle.h"

#include <string>

#include <gtest/gtest.h>

namespace covalue::app::auth {
namespace {

using std::chrono::minutes;
using std::chrono::seconds;

const auto kT0 = LoginThrottle::Clock::time_point{} + std::chrono::hours(1);

TEST(LoginThrottle, LetsFiveFailuresThroughThenLocksThePairForAMinute) {
  LoginThrottle throttle;
  for (int i = 0; i < LoginThrottle::kFreeFailures - 1; ++i) {
    throttle.RecordFailure("anna", "10.0.0.9", kT0);
    EXPECT_EQ(throttle.RetryAfterSeconds("anna", "10.0.0.9", kT0), 0);
  }
  throttle.RecordFailure("anna", "10.0.0.9", kT0);
  EXPECT_EQ(throttle.RetryAfterSeconds("anna", "10.0.0.9", kT0), 60);
  EXPECT_EQ(throttle.RetryAfterSeconds("anna", "10.0.0.9", kT0 + seconds(59)), 1);
  EXPECT_EQ(throttle.RetryAfterSeconds("anna", "10.0.0.9", kT0 + minutes(1)), 0);
  // Anna from her own address, and another username from the attacker's, are not locked.
  EXPECT_EQ(throttle.RetryAfterSeconds("anna", "10.0.0.1", kT0), 0);
  EXPECT_EQ(throttle.RetryAfterSeconds("bert", "10.0.0.9", kT0), 0);
}

TEST(LoginThrottle, DoublesTheLockUpToFifteenMinutesAndForgetsThePairOnSuccess) {
  LoginThrottle throttle;
  for (int i = 0; i < LoginThrottle::kFreeFailures + 1; ++i) {
    throttle.RecordFailure("anna", "a", kT0);
  }
  EXPECT_EQ(throttle.RetryAfterSeconds("anna", "a", kT0), 120);
  for (int i = 0; i < 10; ++i) {
    throttle.RecordFailure("anna", "a", kT0);
  }
  EXPECT_EQ(throttle.RetryAfterSeconds("anna", "a", kT0), 15 * 60);
  throttle.RecordSuccess("anna", "a");
  EXPECT_EQ(throttle.RetryAfterSeconds("anna", "a", kT0), 0);
}

TEST(LoginThrottle, LocksAnAddressThatGuessesAcrossManyUsernames) {
  LoginThrottle throttle;
  for (int i = 0; i < LoginThrottle::kFreeAddressFailures - 1; ++i) {
    throttle.RecordFailure("user" + std::to_string(i), "10.6.6.6", kT0);
  }
  EXPECT_EQ(throttle.RetryAfterSeconds("someone-new", "10.6.6.6", kT0), 0);
  throttle.RecordFailure("user-last", "10.6.6.6", kT0);
  EXPECT_EQ(throttle.RetryAfterSeconds("someone-new", "10.6.6.6", kT0), 60);
  EXPECT_EQ(throttle.RetryAfterSeconds("someone-new", "10.0.0.1", kT0), 0);
}

TEST(LoginThrottle, PastTheGlobalBudgetOnlyAddressesWithRecentFailuresWait) {
  LoginThrottle throttle;
  // Many addresses, each under its own limits, together over the global budget.
  for (int i = 0; i < LoginThrottle::kGlobalFailuresPerMinute; ++i) {
    throttle.RecordFailure("u" + std::to_string(i), "10.1." + std::to_string(i % 200) + ".1",
                           kT0 + seconds(i % 50));
  }
  const auto now = kT0 + seconds(50);
  EXPECT_GT(throttle.RetryAfterSeconds("fresh-user", "10.1.7.1", now), 0);
  EXPECT_LE(throttle.RetryAfterSeconds("fresh-user", "10.1.7.1", now), 10);
  EXPECT_EQ(throttle.RetryAfterSeconds("anna", "192.168.1.20", now), 0);
  // The next minute starts a new budget.
  EXPECT_EQ(throttle.RetryAfterSeconds("fresh-user", "10.1.7.1", kT0 + seconds(61)), 0);
}

TEST(LoginThrottle, ForgetsFailuresAfterAQuietSpell) {
  LoginThrottle throttle;
  for (int i = 0; i < LoginThrottle::kFreeFailures - 1; ++i) {
    throttle.RecordFailure("anna", "a", kT0);
  }
  const auto later = kT0 + LoginThrottle::kMemory + seconds(1);
  throttle.RecordFailure("anna", "a", later);
  EXPECT_EQ(throttle.RetryAfterSeconds("anna", "a", later), 0);
}

}  // namespace
}  // namespace covalue::app::auth
