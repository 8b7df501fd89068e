#include "progress.h"

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <string>

#include <fmt/format.h>

#include "common.h"

namespace attune::cli {

namespace {

// How long a run works before the bar appears: a second, or ATTUNE_PROGRESS_DELAY_MS (a knob for
// tests, which cannot afford a second's input; it also lifts the tenth of a second between redraws).
std::chrono::milliseconds delay_before_bar() {
  const char* asked = std::getenv("ATTUNE_PROGRESS_DELAY_MS");
  if (!asked || !*asked) return std::chrono::seconds(1);
  char* end = nullptr;
  const long milliseconds = std::strtol(asked, &end, 10);
  return *end == '\0' && milliseconds >= 0 ? std::chrono::milliseconds(milliseconds) : std::chrono::seconds(1);
}

}  // namespace

ProgressBar::ProgressBar(bool enabled)
    : enabled_(enabled && stderr_is_tty()), delay_(delay_before_bar()), start_(std::chrono::steady_clock::now()),
      last_(start_ - std::chrono::seconds(1)) {}

ProgressBar::~ProgressBar() { finish(); }

void ProgressBar::update(std::uint64_t done, std::uint64_t total) {
  if (!enabled_ || total == 0) return;
  auto now = std::chrono::steady_clock::now();
  if (now - start_ < delay_ || now - last_ < std::min<std::chrono::milliseconds>(delay_, std::chrono::milliseconds(100))) {
    return;
  }
  last_ = now;
  double fraction = std::min(1.0, static_cast<double>(done) / static_cast<double>(total));
  double seconds = std::chrono::duration<double>(now - start_).count();
  int width = 30, filled = static_cast<int>(fraction * width);
  write_stderr(fmt::format("\r[{}{}] {:3.0f}%  {:.0f} MB/s ", std::string(static_cast<std::size_t>(filled), '='),
             std::string(static_cast<std::size_t>(width - filled), ' '), fraction * 100,
             static_cast<double>(done) / 1e6 / seconds));
  drawn_ = true;
}

void ProgressBar::finish() {
  if (!drawn_) return;
  write_stderr("\r\x1b[2K");
  drawn_ = false;
}

}  // namespace attune::cli
