#include "attune/util/background_sync.h"

#include <cerrno>
#include <system_error>

#include <unistd.h>

namespace attune {

BackgroundSync::~BackgroundSync() { finish(); }

void BackgroundSync::request() {
  {
    std::lock_guard lock(mutex_);
    requested_ = true;
    if (!thread_.joinable()) {
      try {
        thread_ = std::thread([this] { run(); });
      } catch (const std::system_error&) {   // no thread to be had: the caller's fsync does it all
        requested_ = false;
      }
    }
  }
  wake_.notify_one();
}

int BackgroundSync::finish() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;   // the thread serves a request still open, then ends
  }
  wake_.notify_one();
  if (thread_.joinable()) thread_.join();
  return error_;
}

void BackgroundSync::run() {
  std::unique_lock lock(mutex_);
  for (;;) {
    wake_.wait(lock, [this] { return requested_ || stopping_; });
    if (!requested_) return;   // stopping, nothing asked for
    requested_ = false;
    lock.unlock();
    int result = 0;
    while ((result = ::fdatasync(fd_)) != 0 && errno == EINTR) {
    }
    const int failure = result != 0 && errno != EINVAL ? errno : 0;
    lock.lock();
    if (failure != 0 && error_ == 0) error_ = failure;
  }
}

}  // namespace attune
