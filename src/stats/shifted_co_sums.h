// Pairwise-complete moments of the values ExactCoSums does not take, from sums about a shift.
#pragma once

#include <cstddef>
#include <span>
#include <vector>

#include "attune/stats/co_moments.h"

namespace attune {

// Per variable pair, over the rows where both are present and at least one is not a small whole
// number: n, means and centred sums. Within a block of rows the sums of (x - shift) are
// accumulated in doubles by dense loops, with shifts of the pair's own (its first row's values,
// then its means so far); at the end of a block they are turned into centred moments and
// combined (Chan et al. 1979) into the totals. Blocks start at 16 rows and grow to 1024, which
// bounds the rounding error of the sums by the block size, not the number of rows. Values whose
// squared deviations overflow a double (beyond about 1e154) are outside its range.
class ShiftedCoSums {
 public:
  explicit ShiftedCoSums(std::size_t variables);

  // Adds the pairs of one row (NaN is missing) that involve a variable listed in `fractional`
  // (present values that are not small whole numbers, ascending) and a present value.
  void add(std::span<const double> row, std::span<const std::size_t> fractional);

  // Pair (i, j) over its rows taken here.
  CoMoments moments(std::size_t i, std::size_t j) const;

 private:
  enum Field : std::size_t { kN, kSumF, kSqF, kSumJ, kSqJ, kCross, kFields };
  double* block(std::size_t f, Field field) { return block_.data() + (f * kFields + field) * k_; }
  double block_at(std::size_t f, Field field, std::size_t j) const {
    return block_[(f * kFields + field) * k_ + j];
  }
  // The current block's sums for f (listed in the row) with j, as moments of pair (f, j).
  CoMoments block_moments(std::size_t f, std::size_t j) const;
  void flush();
  std::size_t index(std::size_t i, std::size_t j) const;

  std::size_t k_;
  std::size_t block_rows_ = 0, flushed_rows_ = 0;
  std::vector<double> shift_f_, shift_j_;   // [f][j]: the shifts of f and of j for block row f
  std::vector<unsigned char> seeded_;       // [f][j]: the pair has had a row (its shifts are set)
  std::vector<std::size_t> unseeded_;       // [f]: pairs (f, j) not yet seeded (0: skip the check)
  std::vector<double> block_;           // [f][field][j], allocated at the first row
  std::vector<unsigned char> touched_;  // f was listed in a row of this block
  std::vector<CoMoments> totals_;       // upper triangle incl. the diagonal
  std::vector<double> w_, x_;           // the current row: present (0/1), value (0 where missing)
};

}  // namespace attune
