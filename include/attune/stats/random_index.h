// A portable, unbiased random index from std::mt19937_64 (std::uniform_int_distribution is
// implementation-defined, so results would differ between standard libraries).
#pragma once

#include <cstdint>
#include <random>

namespace attune {

// Uniform integer in [0, n): rejection of the engine's top partial block, then modulo. n > 0.
inline std::uint64_t random_index(std::mt19937_64& engine, std::uint64_t n) {
  const std::uint64_t limit = UINT64_MAX - UINT64_MAX % n;  // a multiple of n
  std::uint64_t draw = engine();
  while (draw >= limit) draw = engine();
  return draw % n;
}

}  // namespace attune
