// Exact pairwise-complete sums of small whole numbers: the fast path of PairwiseMoments.
#pragma once

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

#include "attune/stats/co_moments.h"
#include "attune/stats/exact_pair_sums.h"
#include "util/small_whole.h"

namespace attune {

// Per variable pair, over the rows where both values are whole numbers of magnitude at most
// 2^20: n and the sums of x_i, x_j, x_i^2, x_j^2 and x_i x_j, exactly. Each row costs one dense
// pass over the pairs (x_i x_j with 0 standing for a value that is not whole) and, per variable
// j that is not whole in the row, one pass over the variables (what to take off i's totals for
// pair i, j); the loops vectorise. Running sums are doubles, exact integers while below 2^53,
// moved into 128-bit integers before any could exceed it. Rows whose whole values are all
// within ±63 (Likert answers) are held as 16-bit values in blocks of sixteen rows, whose pair
// products are summed a block at a time into 32-bit sums (SSE2 pmaddwd: eight products per
// instruction); their per-variable and off sums are 32-bit too; all are moved into the doubles
// with the other running sums.
class ExactCoSums {
 public:
  explicit ExactCoSums(std::size_t variables);

  // Whether x takes this path: a whole number with |x| <= 2^20 (false for NaN).
  static bool whole(double x) { return small_whole(x); }

  // Adds one row (NaN is missing); appends to `fractional` the present values that are not
  // whole, ascending, for the caller's other path.
  void add(std::span<const double> row, std::vector<std::size_t>& fractional);

  // Pair (i, j)'s exact sums over the rows where both are whole (the smaller index's as sx, sxx).
  ExactPairSums pair_sums(std::size_t i, std::size_t j) const;
  // Pair (i, j) over the rows where both are whole: moments_of(pair_sums(i, j)), the smaller
  // index first.
  CoMoments moments(std::size_t i, std::size_t j) const { return moments_of(pair_sums(i, j)); }

 private:
  // One array of sums: the running doubles and the 128-bit totals they are moved into.
  struct Sums {
    std::vector<double> run;
    std::vector<Int128> total;
    explicit Sums(std::size_t size) : run(size), total(size) {}
    Int128 at(std::size_t i) const { return total[i] + static_cast<Int128>(run[i]); }
    void flush();
  };
  void flush();
  void move_small();
  void multiply_block();
  void activate(std::size_t j);
  static void add_small_sums(double* n, double* sum, double* sq, const std::int32_t* small, std::size_t size);

  std::size_t k_;
  std::size_t rows_since_flush_ = 0;   // rows in the running sums
  std::size_t activated_ = 0;          // variables with active_ set
  Sums cross_;                         // upper triangle incl. the diagonal: sum x_i x_j
  Sums n_, sum_, sq_;                  // per variable: whole rows, sum x, sum x^2
  Sums off_n_, off_sum_, off_sq_;      // [j * k + i]: the same over rows where i is whole, j not
  std::vector<unsigned char> active_;  // j has been whole in a row (its off_ sums are kept)
  std::vector<double> value_, present_, square_;  // a row beyond the 16-bit path, 0 where not whole
  std::vector<std::size_t> others_;    // the current row's variables that are not whole
  // The 16-bit path: the current row's values; a block of up to 16 rows, variable i of row
  // b at [16 i + b] (0 where no row yet); per pair (upper-triangle order) four 32-bit sums of
  // the blocks' products.
  std::vector<std::int16_t> small_value_, small_present_, small_square_, block_;
  std::size_t block_rows_ = 0;
  std::vector<std::int32_t> block_sums_;
  // The 16-bit path's rows' n_, sum_, sq_ ([field * k + i]) and off_n_, off_sum_, off_sq_
  // ([field * k * k + j * k + i]) in 32 bits, moved into the running doubles with the blocks.
  std::vector<std::int32_t> small_sums_, small_off_sums_;
};

}  // namespace attune
