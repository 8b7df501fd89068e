// A progress bar on stderr for long reads (score, analyze, quality): only on a terminal, only
// after a second's work (ATTUNE_PROGRESS_DELAY_MS for tests), redrawn at most ten times a
// second, erased when done.
#pragma once

#include <chrono>
#include <cstdint>

namespace attune::cli {

class ProgressBar {
 public:
  // Draws nothing unless `enabled` and stderr is a terminal.
  explicit ProgressBar(bool enabled);
  ~ProgressBar();

  // Reports `done` of `total` bytes (total 0: unknown size, no bar).
  void update(std::uint64_t done, std::uint64_t total);
  // Erases the bar.
  void finish();

 private:
  bool enabled_;
  bool drawn_ = false;
  std::chrono::milliseconds delay_;
  std::chrono::steady_clock::time_point start_, last_;
};

}  // namespace attune::cli
