// fdatasync on a thread of its own, so that a file's data reaches the disk
// while the program goes on writing it.
//
// A file sink asks for a sync after each few MiB it writes; the sync runs beside the writing,
// and the fsync that commits the file then waits only for what came after the last one. (On
// this project's VM, the fsync at the end of a 37 MB output took 30-57 ms with writeback only
// started along the way, and 3-4 ms after a sync every 4 MiB.)
#pragma once

#include <condition_variable>
#include <mutex>
#include <thread>

namespace attune {

class BackgroundSync {
 public:
  explicit BackgroundSync(int fd) : fd_(fd) {}
  BackgroundSync(const BackgroundSync&) = delete;
  BackgroundSync& operator=(const BackgroundSync&) = delete;
  // Waits for the syncs under way or asked for (finish() without its result).
  ~BackgroundSync();

  // Asks for an fdatasync of everything written to the descriptor so far; does not wait. The
  // thread starts at the first request (when no thread can be started, nothing is synced: the
  // caller's own fsync then does it all). A request made while a sync runs is served by the next.
  void request();
  // Waits for the sync under way and the one asked for, if any, and ends the thread (a later
  // request starts it again, for one sync); returns the errno of the first sync that failed
  // (EINVAL, a descriptor that cannot sync, is not a failure), or 0. A failed sync's error may
  // not be reported again by a later fsync, so the caller must report this one.
  int finish();

 private:
  void run();

  int fd_;
  std::mutex mutex_;
  std::condition_variable wake_;
  bool requested_ = false, stopping_ = false;
  int error_ = 0;
  std::thread thread_;
};

}  // namespace attune
