// How many threads a run uses: --threads N, 0 meaning one per core, bounded by the cores and by
// the threads the process may start.
#pragma once

#include <string>

namespace attune {

// Threads a run asks for beyond this many per core are not started: past it they only cost
// memory and start-up time (--threads 100000 once took 1.6 GB and then aborted).
inline constexpr unsigned kMaxThreadsPerCore = 4;

// The threads to use, and a note for the user when that is not what was asked.
struct ThreadPlan {
  unsigned count = 1;
  std::string note;   // empty when `count` is what was asked (or one per core for 0)
};

// `requested` threads (0: one per core) for a machine of `cores` cores (0: unknown, taken as
// one), at most kMaxThreadsPerCore per core.
ThreadPlan plan_threads(unsigned requested, unsigned cores);

// plan_threads for this machine, then checked by starting the threads once (they exit at
// once): when one cannot start (a process or memory limit), one thread, with a note saying why.
ThreadPlan resolve_threads(unsigned requested);

}  // namespace attune
