// Worker threads that work on batches the calling thread fills, handed back in order.
#pragma once

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <exception>
#include <functional>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

namespace attune {

// The calling thread fills batches (next_batch, submit); `threads` worker threads each take
// the oldest waiting one and call work(worker, batch) on it; the calling thread then calls
// collect(batch) on each, strictly in the order they were submitted, so the result is that of
// doing it all on one thread. At most `depth` batches exist (made as needed, then reused;
// Batch needs clear()), so memory does not grow with the input. With no threads, submit()
// works on the batch and collects it on the calling thread, with no thread or lock involved.
// An exception from work() is rethrown when its batch would have been collected (so an earlier
// batch's comes first); one from collect() goes straight to the caller.
template <typename Batch>
class OrderedPool {
 public:
  using Work = std::function<void(unsigned worker, Batch& batch)>;
  using Collect = std::function<void(Batch& batch)>;

  // Starts `threads` workers (0: none, see above), worker i calling work(i, batch).
  OrderedPool(unsigned threads, Work work, Collect collect, std::size_t depth)
      : work_(std::move(work)), collect_(std::move(collect)), depth_(depth < 1 ? 1 : depth) {
    for (unsigned i = 0; i < threads; ++i) threads_.emplace_back([this, i] { run(i); });
  }
  // Stops the workers; batches not yet collected are dropped (e.g. when reading failed).
  ~OrderedPool() {
    {
      std::lock_guard lock(mutex_);
      stopping_ = true;
    }
    work_ready_.notify_all();
    for (auto& thread : threads_) thread.join();
  }
  OrderedPool(const OrderedPool&) = delete;
  OrderedPool& operator=(const OrderedPool&) = delete;

  // A free, cleared batch to fill; while `depth` batches are submitted, collects the oldest
  // first. The same one until submit().
  Batch& next_batch() {
    if (!filling_) {
      while (in_flight_.size() >= depth_) collect_oldest();
      if (free_.empty()) {
        slots_.push_back(std::make_unique<Slot>());
        free_.push_back(slots_.back().get());
      }
      filling_ = free_.back();
      free_.pop_back();
      filling_->batch.clear();
      filling_->error = nullptr;
      filling_->done = false;
    }
    return filling_->batch;
  }

  // Hands the batch from next_batch() to the workers (with none: works on it and collects it).
  void submit() {
    Slot* slot = filling_;
    if (!slot) return;
    filling_ = nullptr;
    if (threads_.empty()) {
      free_.push_back(slot);   // reusable whether work() or collect() returns or throws
      work_(0, slot->batch);
      collect_(slot->batch);
      return;
    }
    in_flight_.push_back(slot);
    {
      std::lock_guard lock(mutex_);
      queue_.push_back(slot);
    }
    work_ready_.notify_one();
  }

  // Collects every submitted batch, in order.
  void finish() {
    while (!in_flight_.empty()) collect_oldest();
  }

 private:
  // Each batch on cache lines of its own: threads write neighbouring batches all the time.
  struct alignas(64) Slot {
    Batch batch;
    std::exception_ptr error;
    bool done = false;   // guarded by mutex_ while workers run
  };

  void collect_oldest() {
    Slot* slot = in_flight_.front();
    if (!threads_.empty()) {
      std::unique_lock lock(mutex_);
      batch_done_.wait(lock, [slot] { return slot->done; });
    }
    in_flight_.pop_front();
    free_.push_back(slot);   // reusable whether collect() returns or throws
    if (slot->error) std::rethrow_exception(slot->error);
    collect_(slot->batch);
  }

  void run(unsigned worker) {
    for (;;) {
      Slot* slot;
      {
        std::unique_lock lock(mutex_);
        work_ready_.wait(lock, [this] { return stopping_ || !queue_.empty(); });
        if (stopping_) return;
        slot = queue_.front();
        queue_.pop_front();
      }
      try {
        work_(worker, slot->batch);
      } catch (...) {
        slot->error = std::current_exception();
      }
      {
        std::lock_guard lock(mutex_);
        slot->done = true;
      }
      batch_done_.notify_all();
    }
  }

  Work work_;
  Collect collect_;
  const std::size_t depth_;
  std::vector<std::unique_ptr<Slot>> slots_;
  std::vector<Slot*> free_;
  std::deque<Slot*> in_flight_;   // submitted, not yet collected, in order (the calling thread's)
  Slot* filling_ = nullptr;

  std::mutex mutex_;               // guards queue_, stopping_ and each slot's `done`
  std::condition_variable work_ready_, batch_done_;
  std::deque<Slot*> queue_;        // submitted, not yet taken by a worker
  bool stopping_ = false;
  std::vector<std::thread> threads_;
};

}  // namespace attune
