// Private to src/stats: independent computations on worker threads, each result kept at its index.
#pragma once

#include <cstddef>
#include <vector>

#include "attune/util/ordered_pool.h"

namespace attune {

// result[i] = task(i) for every i < n, on `threads` workers of an OrderedPool (1 or fewer: on
// the calling thread alone). Each task's value is placed by its index, so the result is the same
// bytes for any number of threads; `task` must be safe to call from several threads at once.
template <typename Task>
std::vector<double> indexed_results(std::size_t n, unsigned threads, const Task& task) {
  struct Batch {
    std::size_t index = 0;
    double value = 0;
    void clear() {}
  };
  std::vector<double> out(n);
  const unsigned workers = threads > 1 ? threads : 0;
  OrderedPool<Batch> pool(
      workers, [&task](unsigned, Batch& batch) { batch.value = task(batch.index); },
      [&out](Batch& batch) { out[batch.index] = batch.value; }, 2 * static_cast<std::size_t>(workers) + 2);
  for (std::size_t i = 0; i < n; ++i) {
    pool.next_batch().index = i;
    pool.submit();
  }
  pool.finish();
  return out;
}

}  // namespace attune
