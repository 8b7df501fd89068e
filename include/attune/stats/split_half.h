// Split-half reliabilities of a keyed scale (psych::splitHalf).
#pragma once

#include <cstdint>
#include <cstddef>
#include <vector>

#include "attune/stats/dense_matrix.h"

namespace attune {

// How splits are chosen.
struct SplitHalfOptions {
  // Enumerate every split when psych's count round(choose(n, n/2)) / 2 is at most this
  // (psych's n.sample); otherwise draw `samples` random splits.
  double enumerate_up_to = 10000;
  bool always_enumerate = false;   // psych's brute = TRUE
  std::size_t samples = 10000;     // psych's n.sample, used when sampling
  std::uint64_t seed = 1;          // std::mt19937_64 seed for sampling
};

// psych::splitHalf(r, check.keys = FALSE) results.
struct SplitHalfResult {
  double max_split = 0;   // "maxrb": largest split-half reliability
  double mean_split = 0;  // "meanr": psych's average split (see splits_evaluated)
  double min_split = 0;   // "minrb": smallest split
  std::vector<std::size_t> max_half;  // item positions of one half of the best split ("maxAB" A)
  std::vector<std::size_t> min_half;  // same for the worst split
  double alpha = 0;       // "alpha" (standardized: of the correlation matrix)
  double lambda2 = 0;     // "lambda2": Guttman's lambda 2
  double lambda6 = 0;     // "lambda6": Guttman's lambda 6
  double average_r = 0;   // "av.r"
  double median_r = 0;    // "med.r"
  bool enumerated = true;        // false when splits were sampled
  std::size_t splits_evaluated = 0;
};

// psych::splitHalf on the keyed covariance matrix (the splits use its correlations; each split's
// reliability is 4 r_AB / sum(R), Guttman 1945 / Revelle). Enumeration visits the first
// round(choose(n, floor(n/2)))/2 combinations of floor(n/2) items in lexicographic order, as psych
// does; for odd n that count ends in .5, psych then evaluates ceiling(count) splits but divides
// their sum by count (reproduced on purpose). Sampling draws floor(n/2) distinct items uniformly
// per split (partial Fisher-Yates with std::mt19937_64, unbiased rejection for indices), so it is
// reproducible in attune but cannot match R's random stream.
SplitHalfResult split_half(const DenseMatrix& keyed_covariance, const SplitHalfOptions& options = {});

}  // namespace attune
