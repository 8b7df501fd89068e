// Private to src/run: reports a run's reading progress (bytes read of the total) to the caller's
// callback every 65,536 rows, as the scoring run's row loop does; costs one increment and one
// test per row when nobody listens.
#pragma once

#include <cstdint>
#include <functional>

#include "attune/io/record_source.h"

namespace attune {

class ProgressTick {
 public:
  // `report` may be empty (nothing reported).
  ProgressTick(const RecordSource& source, const std::function<void(std::uint64_t, std::uint64_t)>& report)
      : source_(source), report_(report) {}
  // One more row read.
  void row() {
    if ((++rows_ & 0xFFFF) == 0 && report_) report_(source_.bytes_read(), source_.total_bytes());
  }

 private:
  const RecordSource& source_;
  const std::function<void(std::uint64_t, std::uint64_t)>& report_;
  std::uint64_t rows_ = 0;
};

}  // namespace attune
