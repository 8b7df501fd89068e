// Handing batches from the calling thread to one worker thread, in order.
#pragma once

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <exception>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

namespace attune {

// One worker thread that consumes, strictly in the order given, the batches the calling thread
// fills: a two-stage pipeline whose result is that of doing both stages on one thread. At most
// `depth` batches exist (reused; Batch needs clear()), so memory does not grow with the input.
// The worker's first exception is rethrown to the calling thread by next_batch() or finish().
template <typename Batch>
class BatchHandoff {
 public:
  using Consume = std::function<void(const Batch&)>;

  // Starts the worker, which calls `consume` on each submitted batch.
  explicit BatchHandoff(Consume consume, std::size_t depth = 4)
      : consume_(std::move(consume)), slots_(depth < 2 ? 2 : depth) {
    for (auto& slot : slots_) free_.push_back(&slot.batch);
    thread_ = std::thread([this] { work(); });
  }
  // Stops the worker; batches not yet consumed are dropped (e.g. when reading failed).
  ~BatchHandoff() {
    {
      std::lock_guard lock(mutex_);
      stopping_ = true;
    }
    changed_.notify_all();
    thread_.join();
  }
  BatchHandoff(const BatchHandoff&) = delete;
  BatchHandoff& operator=(const BatchHandoff&) = delete;

  // The batch being filled: after submit() (or at first) a fresh, empty one, waiting while
  // all `depth` batches are submitted and unconsumed; else the same one as before.
  Batch& next_batch() {
    if (!filling_) {
      std::unique_lock lock(mutex_);
      changed_.wait(lock, [this] { return error_ || !free_.empty(); });
      if (error_) std::rethrow_exception(error_);
      filling_ = free_.front();
      free_.pop_front();
      filling_->clear();
    }
    return *filling_;
  }
  // Hands the batch from next_batch() to the worker.
  void submit() {
    if (!filling_) return;
    {
      std::lock_guard lock(mutex_);
      queued_.push_back(filling_);
    }
    filling_ = nullptr;
    changed_.notify_all();
  }
  // Waits until every submitted batch has been consumed; rethrows the worker's exception.
  void finish() {
    std::unique_lock lock(mutex_);
    changed_.wait(lock, [this] { return error_ || (queued_.empty() && !busy_); });
    if (error_) std::rethrow_exception(error_);
  }

 private:
  void work() {
    for (;;) {
      Batch* batch;
      {
        std::unique_lock lock(mutex_);
        changed_.wait(lock, [this] { return stopping_ || (!error_ && !queued_.empty()); });
        if (stopping_) return;
        batch = queued_.front();
        queued_.pop_front();
        busy_ = true;
      }
      std::exception_ptr error;
      try {
        consume_(*batch);
      } catch (...) {
        error = std::current_exception();
      }
      {
        std::lock_guard lock(mutex_);
        busy_ = false;
        if (error && !error_) error_ = error;
        free_.push_back(batch);
      }
      changed_.notify_all();
    }
  }

  // Each batch on cache lines of its own: the two threads write and read neighbouring batches
  // all the time (sharing a 64-byte line made the pipeline slower than one thread).
  struct alignas(64) Slot {
    Batch batch;
  };
  Consume consume_;
  std::vector<Slot> slots_;
  std::deque<Batch*> free_, queued_;
  Batch* filling_ = nullptr;
  bool busy_ = false;   // the worker holds a batch
  bool stopping_ = false;
  std::exception_ptr error_;
  std::mutex mutex_;
  std::condition_variable changed_;
  std::thread thread_;
};

}  // namespace attune
