#pragma once

#include <chrono>
#include <cstddef>
#include <string>

namespace covalue::cli {

// Progress of a long command on stderr (stdout stays the command's output). On a terminal, one
// line redrawn in place: "Writing  [#########           ]  45%  120,000 of 266,000"; otherwise
// (a log, a pipe) a line at every tenth of the way, so logs stay short.
class ProgressBar {
 public:
  explicit ProgressBar(std::string label);
  // Shows done of total (total 0: nothing to show). Redraws at most 10 times a second.
  void Update(std::size_t done, std::size_t total);
  // Ends the line on a terminal.
  void Finish();

 private:
  std::string label_;
  bool terminal_;
  bool drawn_ = false;
  int last_tenth_ = -1;
  std::chrono::steady_clock::time_point last_draw_{};
};

}  // namespace covalue::cli
