// Bootstrap percentile confidence interval for alpha (psych::alpha(n.iter = B)$boot.ci).
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include "attune/stats/dense_matrix.h"

namespace attune {

// How to resample.
struct BootstrapOptions {
  std::size_t replicates = 2000;  // psych's n.iter
  std::uint64_t seed = 1;         // std::mt19937_64 seed
  double level = 0.95;            // two-sided coverage of the percentile interval
  unsigned threads = 1;           // worker threads for the replicates (1: the calling thread); same bytes for any
};

// The bootstrap distribution of raw alpha and its percentile interval.
struct BootstrapAlpha {
  double lower = 0, median = 0, upper = 0;  // quantile(boot, c(.025, .5, .975)), type 7
  double mean = 0;                          // mean of the replicates
  std::vector<double> replicates;           // raw_alpha of each resample, in draw order
};

// Resamples whole rows of the keyed items with replacement, as psych::alpha does
// (x[sample.int(nsub, replace = TRUE), ]), and recomputes raw_alpha from the pairwise covariance.
// Scheme: one std::mt19937_64(seed) engine; replicate b draws rows 0..n-1 in order, each index
// by random_index(engine, n) (rejection then modulo). Same seed, same data: same result on every
// platform. R's random stream is not reproduced. Replicates whose alpha is undefined (e.g. a
// resample where an item is constant) are NaN and excluded from the interval and mean.
BootstrapAlpha bootstrap_alpha(const DenseMatrix& keyed_items, const BootstrapOptions& options = {});

}  // namespace attune
