// Private to src/stats: std::mt19937_64's exact sequence (Matsumoto & Nishimura 1998; Nishimura
// 2000 for the 64-bit parameters, as the C++ standard fixes them), generated 312 words at a time
// in loops the compiler vectorises: the draws of parallel analysis, where the library's
// word-at-a-time engine was a third of the time.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <random>
#include <sstream>

namespace attune {

class Mt19937_64Batch {
 public:
  using result_type = std::uint64_t;
  static constexpr std::size_t kWords = 312, kShift = 156;

  // The state std::mt19937_64 has after `seeded` was constructed (read through its standard
  // text form, whose first 312 numbers are the state words), so the outputs equal its outputs.
  explicit Mt19937_64Batch(const std::mt19937_64& seeded) {
    std::stringstream text;
    text << seeded;
    for (auto& word : state_) text >> word;
    next_ = kWords;
  }

  std::uint64_t operator()() {
    if (next_ == kWords) refill();
    return out_[next_++];
  }

 private:
  static constexpr std::uint64_t kMatrix = 0xB5026F5AA96619E9ULL, kUpper = 0xFFFFFFFF80000000ULL,
                                 kLower = 0x7FFFFFFFULL;
  static std::uint64_t twist(std::uint64_t here, std::uint64_t next, std::uint64_t far) {
    const std::uint64_t y = (here & kUpper) | (next & kLower);
    return far ^ (y >> 1) ^ ((y & 1) * kMatrix);
  }
  void refill() {
    for (std::size_t i = 0; i < kWords - kShift; ++i) state_[i] = twist(state_[i], state_[i + 1], state_[i + kShift]);
    for (std::size_t i = kWords - kShift; i < kWords - 1; ++i)
      state_[i] = twist(state_[i], state_[i + 1], state_[i + kShift - kWords]);
    state_[kWords - 1] = twist(state_[kWords - 1], state_[0], state_[kShift - 1]);
    for (std::size_t i = 0; i < kWords; ++i) {   // tempering
      std::uint64_t z = state_[i];
      z ^= (z >> 29) & 0x5555555555555555ULL;
      z ^= (z << 17) & 0x71D67FFFEDA60000ULL;
      z ^= (z << 37) & 0xFFF7EEE000000000ULL;
      z ^= z >> 43;
      out_[i] = z;
    }
    next_ = 0;
  }
  std::array<std::uint64_t, kWords> state_{}, out_{};
  std::size_t next_ = kWords;
};

}  // namespace attune
