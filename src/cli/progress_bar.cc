#include "cli/progress_bar.h"

#include <algorithm>
#include <cstdio>
#include <unistd.h>

#include <fmt/format.h>

namespace covalue::cli {
namespace {

constexpr std::size_t kWidth = 30;

// 1234567 → "1,234,567".
std::string Grouped(std::size_t n) {
  std::string digits = std::to_string(n);
  for (int i = static_cast<int>(digits.size()) - 3; i > 0; i -= 3) {
    digits.insert(static_cast<std::size_t>(i), ",");
  }
  return digits;
}

}  // namespace

ProgressBar::ProgressBar(std::string label)
    : label_(std::move(label)), terminal_(isatty(STDERR_FILENO) == 1) {}

void ProgressBar::Update(std::size_t done, std::size_t total) {
  if (total == 0) {
    return;
  }
  done = std::min(done, total);
  const double fraction = static_cast<double>(done) / static_cast<double>(total);
  if (!terminal_) {
    const int tenth = static_cast<int>(fraction * 10);
    if (tenth != last_tenth_) {
      last_tenth_ = tenth;
      fmt::print(stderr, "{}: {:3.0f}% ({} of {})\n", label_, fraction * 100, Grouped(done),
                 Grouped(total));
    }
    return;
  }
  const auto now = std::chrono::steady_clock::now();
  if (drawn_ && done != total && now - last_draw_ < std::chrono::milliseconds(100)) {
    return;
  }
  last_draw_ = now;
  drawn_ = true;
  const auto filled = static_cast<std::size_t>(fraction * static_cast<double>(kWidth));
  fmt::print(stderr, "\r{} [{}{}] {:3.0f}%  {} of {}", label_, std::string(filled, '#'),
             std::string(kWidth - filled, ' '), fraction * 100, Grouped(done), Grouped(total));
  std::fflush(stderr);
}

void ProgressBar::Finish() {
  if (terminal_ && drawn_) {
    fmt::print(stderr, "\n");
  }
  drawn_ = false;
}

}  // namespace covalue::cli
