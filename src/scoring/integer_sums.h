// Private to src/scoring: the plan of Scorer's integer fast paths (score_whole, score_codes),
// and the keyed sum that score() shares with them.
#pragma once

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

namespace attune {

// Per scale, how score_whole() and score_codes() sum its items.
struct IntegerSums {
  struct Scale {
    std::size_t items = 0;   // the scale's keyed items
    // score_whole: when the items are consecutive (items[k] = items[0] + k), each keyed value
    // as offset + sign * x (reversed: min + max - x), summed two at a time.
    bool consecutive = false;
    std::vector<double> offsets, signs;
    // score_codes: per 16-byte chunk of the codes holding an item of the scale, its index and
    // which bytes are the scale's items as they are, and which reversed (0xFF).
    struct Chunk {
      std::size_t at;
      std::uint8_t plain[16], reversed[16];
    };
    std::vector<Chunk> chunks;
    // score_codes: the score of every keyed code sum (index: the sum less the answered count)
    // with all items answered ([0]) and with one unanswered ([1]), as Scorer::finish gives it;
    // the rows of other counts are finished one by one.
    std::vector<double> code_scores[2];
  };
  bool whole_flip = false;   // min + max is a whole number below 2^20 in magnitude
  std::vector<Scale> scales;
};

// The keyed sum of a scale's answered items in `Sum`, each item taken as a `Term` (reversed:
// flip - x); `used` counts them. score() sums doubles in long double, score_whole() integers.
template <typename Sum, typename Term>
Sum keyed_sum(const std::vector<std::uint32_t>& keys, const std::vector<std::uint8_t>& reversed,
              std::span<const double> items, Term flip, std::size_t& used) {
  Sum sum = 0;
  const std::uint32_t* index = keys.data();   // locals: the stores to `used` cannot move them
  const std::uint8_t* flipped = reversed.data();
  const std::size_t n = keys.size();
  for (std::size_t k = 0; k < n; ++k) {
    const double v = items[index[k]];
    if (std::isnan(v)) continue;
    const auto x = static_cast<Term>(v);
    sum += flipped[k] ? flip - x : x;
    ++used;
  }
  return sum;
}

}  // namespace attune
