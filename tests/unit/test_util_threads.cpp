#include <doctest/doctest.h>

#include <algorithm>
#include <thread>

#include "attune/util/threads.h"

using namespace attune;

TEST_CASE("0 threads is one per core; a request within the cap is kept without a note") {
  CHECK(plan_threads(0, 8).count == 8);
  CHECK(plan_threads(0, 8).note.empty());
  CHECK(plan_threads(0, 0).count == 1);   // an unknown core count is one core
  CHECK(plan_threads(3, 2).count == 3);
  CHECK(plan_threads(8, 2).count == 8);
  CHECK(plan_threads(8, 2).note.empty());
}

TEST_CASE("a request past the cap is cut to kMaxThreadsPerCore per core, with a note") {
  const ThreadPlan plan = plan_threads(100000, 2);
  CHECK(plan.count == 2 * kMaxThreadsPerCore);
  CHECK(plan.note == "--threads 100000 is more than 4 per core: using 8 (2 cores)");
  CHECK(plan_threads(5, 1).note == "--threads 5 is more than 4 per core: using 4 (1 core)");
}

TEST_CASE("resolve_threads stays within the cap and starts what it plans") {
  const ThreadPlan plan = resolve_threads(100000);
  CHECK(plan.count >= 1);
  CHECK(plan.count <= kMaxThreadsPerCore * std::max(1u, std::thread::hardware_concurrency()));
  CHECK(!plan.note.empty());
  CHECK(resolve_threads(1).count == 1);
  CHECK(resolve_threads(1).note.empty());
}
