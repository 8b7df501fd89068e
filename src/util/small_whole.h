// Whole numbers small enough for the exact integer fast paths (scale sums, pair sums).
#pragma once

#include <cmath>
#include <cstdint>

namespace attune {

// Whether x is a whole number with |x| <= 2^20 (false for NaN and infinities): the values the
// integer fast paths take, exact when summed, squared or multiplied in 64 bits.
inline bool small_whole(double x) {
  return std::fabs(x) <= 1048576.0 && static_cast<double>(static_cast<std::int32_t>(x)) == x;
}

}  // namespace attune
