#include "app/auth/login_throttle.h"

#include <gtest/gtest.h>

namespace covalue::app::auth {
namespace {

using std::chrono::minutes;
using std::chrono::seconds;

TEST(LoginThrottle, LetsFiveFailuresThroughThenLocksForAMinute) {
  LoginThrottle throttle;
  const auto t0 = LoginThrottle::Clock::time_point{} + std::chrono::hours(1);
  for (int i = 0; i < LoginThrottle::kFreeFailures - 1; ++i) {
    throttle.RecordFailure("anna", t0);
    EXPECT_EQ(throttle.RetryAfterSeconds("anna", t0), 0);
  }
  throttle.RecordFailure("anna", t0);
  EXPECT_EQ(throttle.RetryAfterSeconds("anna", t0), 60);
  EXPECT_EQ(throttle.RetryAfterSeconds("anna", t0 + seconds(59)), 1);
  EXPECT_EQ(throttle.RetryAfterSeconds("anna", t0 + minutes(1)), 0);
  EXPECT_EQ(throttle.RetryAfterSeconds("bert", t0), 0);
}

TEST(LoginThrottle, DoublesTheLockUpToFifteenMinutesAndForgetsOnSuccess) {
  LoginThrottle throttle;
  auto t = LoginThrottle::Clock::time_point{} + std::chrono::hours(1);
  for (int i = 0; i < LoginThrottle::kFreeFailures + 1; ++i) {
    throttle.RecordFailure("anna", t);
  }
  EXPECT_EQ(throttle.RetryAfterSeconds("anna", t), 120);
  for (int i = 0; i < 10; ++i) {
    throttle.RecordFailure("anna", t);
  }
  EXPECT_EQ(throttle.RetryAfterSeconds("anna", t), 15 * 60);
  throttle.RecordSuccess("anna");
  EXPECT_EQ(throttle.RetryAfterSeconds("anna", t), 0);
}

}  // namespace
}  // namespace covalue::app::auth
