// Single-pass pairwise-complete moments: R's cov/cor(use = "pairwise") without holding the data.
#pragma once

#include <cstddef>
#include <span>
#include <vector>

#include "attune/stats/co_moments.h"
#include "attune/stats/dense_matrix.h"
#include "attune/stats/exact_pair_sums.h"
#include "attune/util/indirect.h"

namespace attune {

class ExactCoSums;
class ShiftedCoSums;

// Per variable and per variable pair, over the rows where both are present: n, means, sums of
// squared deviations and cross-products, updated one row at a time. Pairs of small whole numbers
// (Likert responses) are summed exactly (ExactCoSums); pairs involving any other value are summed
// about a shift in blocks (ShiftedCoSums); the two parts are combined when asked (Chan et al.
// 1979). Memory is O(variables^2) and does not depend on the number of rows.
class PairwiseMoments {
 public:
  explicit PairwiseMoments(std::size_t variables);
  ~PairwiseMoments();
  PairwiseMoments(const PairwiseMoments&);
  PairwiseMoments(PairwiseMoments&&) noexcept;
  PairwiseMoments& operator=(const PairwiseMoments&);
  PairwiseMoments& operator=(PairwiseMoments&&) noexcept;

  // Adds one row of `variables()` values; NaN is missing.
  void add(std::span<const double> row);
  // Adds `rows` further rows given as their exact sums (whole values, as stats/likert_moments
  // sums them): `upper` holds every pair's, i <= j in row order (the smaller index's as sx).
  // Integer sums add exactly, so the moments are those of the rows added one by one with add().
  void add_exact_sums(std::size_t rows, std::span<const ExactPairSums> upper);

  std::size_t variables() const { return k_; }
  // Rows added so far (including rows that are entirely missing).
  std::size_t rows() const { return rows_; }
  // Rows in which variable i is present.
  std::size_t n(std::size_t i) const { return n(i, i); }
  // Rows in which both i and j are present.
  std::size_t n(std::size_t i, std::size_t j) const;
  // Mean of variable i over the rows where it is present (R: mean(x, na.rm = TRUE)); NaN if n = 0.
  double mean(std::size_t i) const;
  // Standard deviation, n - 1 denominator (R: sd(x, na.rm = TRUE)); NaN if n < 2.
  double sd(std::size_t i) const;
  // Pairwise-complete covariance (R: cov(x, use = "pairwise")); NaN if fewer than 2 rows.
  double covariance(std::size_t i, std::size_t j) const;
  // Pairwise-complete Pearson correlation (R: cor(x, use = "pairwise")), using the pair's own
  // means and sds; NaN if fewer than 2 rows or a zero sd in the pair's rows.
  double correlation(std::size_t i, std::size_t j) const;

  // The moments of variables i and j (i's as mean_i, ss_i) over the rows where both are present.
  CoMoments moments(std::size_t i, std::size_t j) const;
  // The same with `more` (exact sums of whole values over further rows, i's as sx) added to
  // the exact part: the moments these rows' and the further rows' together give.
  CoMoments moments(std::size_t i, std::size_t j, const ExactPairSums& more) const;

  // The full matrices (R: cov(x, use = "pairwise"), cor(x, use = "pairwise")).
  DenseMatrix covariance_matrix() const;
  DenseMatrix correlation_matrix() const;

 private:
  // Both parts of pair (min(i, j), max(i, j)) combined, with (i, j) checked; `more` (exact
  // sums over further rows, the smaller index's as sx) joins the exact part.
  CoMoments pair(std::size_t i, std::size_t j, const ExactPairSums& more = {}) const;

  std::size_t k_;
  std::size_t rows_ = 0;
  Indirect<ExactCoSums> exact_;       // stats/exact_co_sums.h
  Indirect<ShiftedCoSums> shifted_;   // stats/shifted_co_sums.h
  std::vector<std::size_t> fractional_;  // the current row's present values that are not whole
  std::vector<ExactPairSums> added_;     // add_exact_sums()'s, upper triangle (empty: none)
};

}  // namespace attune
