// Private to src/io: the CsvReader buffer size shared by its record reading and block cutting.
#pragma once

#include <cstddef>

namespace attune {

// The read buffer when cutting blocks for worker threads (next_block), and the slack added to
// twice the field limit in the record-length limit.
inline constexpr std::size_t kBlockBytes = 1u << 20;

}  // namespace attune
