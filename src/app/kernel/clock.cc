#include "app/kernel/clock.h"

#include <chrono>

namespace covalue::app {
namespace {

class WallClock final : public Clock {
 public:
  std::int64_t NowMs() const override {
    return std::chrono::duration_cast<std::chrono::milliseconds>(
               std::chrono::system_clock::now().time_since_epoch())
        .count();
  }
};

}  // namespace

const Clock& SystemClock() {
  static const WallClock kClock;
  return kClock;
}

}  // namespace covalue::app
