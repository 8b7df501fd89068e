#include "attune/util/threads.h"

#include <algorithm>
#include <system_error>
#include <thread>
#include <vector>

#include <fmt/format.h>

namespace attune {

ThreadPlan plan_threads(unsigned requested, unsigned cores) {
  cores = std::max(1u, cores);
  if (requested == 0) return {cores, {}};
  const unsigned most = cores * kMaxThreadsPerCore;
  if (requested <= most) return {requested, {}};
  return {most, fmt::format("--threads {} is more than {} per core: using {} ({} core{})", requested,
                            kMaxThreadsPerCore, most, cores, cores == 1 ? "" : "s")};
}

ThreadPlan resolve_threads(unsigned requested) {
  ThreadPlan plan = plan_threads(requested, std::thread::hardware_concurrency());
  if (plan.count <= 1) return plan;
  std::vector<std::thread> started;
  std::string failure;
  try {
    for (unsigned i = 0; i < plan.count; ++i) started.emplace_back([] {});
  } catch (const std::system_error& e) {
    failure = e.code().message();
  }
  for (auto& thread : started) thread.join();
  if (failure.empty()) return plan;
  return {1, fmt::format("cannot start {} threads ({}): using one{}", plan.count, failure,
                         plan.note.empty() ? "" : "; " + plan.note)};
}

}  // namespace attune
