// Private to src/stats: the bootstrap resampling loop bootstrap_alpha and bootstrap_omega_total share.
#pragma once

#include <functional>
#include <vector>

#include "attune/stats/bootstrap_alpha.h"
#include "attune/stats/dense_matrix.h"
#include "attune/stats/pairwise_moments.h"

namespace attune {

// A statistic of one resample's pairwise moments (NaN when undefined).
using ResampleStatistic = std::function<double(const PairwiseMoments&)>;

// Efron 1979 nonparametric bootstrap, percentile interval: each of `statistics` of the pairwise
// moments of each resample of x's rows (psych::alpha(n.iter)'s resampling), every resample's
// moments computed once for all; on options.threads workers, the same bytes for any number.
// `what` names the statistic in errors.
std::vector<BootstrapAlpha> bootstrap_statistics(const DenseMatrix& x, const BootstrapOptions& options,
                                                 const char* what, const std::vector<ResampleStatistic>& statistics);

// bootstrap_statistics of one statistic.
BootstrapAlpha bootstrap_statistic(const DenseMatrix& x, const BootstrapOptions& options, const char* what,
                                   const ResampleStatistic& statistic);

// psych alpha.1's raw_alpha of a resample (Cronbach 1951); NaN when a covariance is undefined.
double resample_raw_alpha(const PairwiseMoments& moments);

}  // namespace attune
