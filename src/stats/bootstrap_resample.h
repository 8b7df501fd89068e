// Private to src/stats: the bootstrap resampling loop bootstrap_alpha and bootstrap_omega_total share.
#pragma once

#include <functional>

#include "attune/stats/bootstrap_alpha.h"
#include "attune/stats/dense_matrix.h"
#include "attune/stats/pairwise_moments.h"

namespace attune {

// Efron 1979 nonparametric bootstrap, percentile interval: `statistic` of the pairwise moments
// of each resample of x's rows (psych::alpha(n.iter)'s resampling); `what` names it in errors.
BootstrapAlpha bootstrap_statistic(const DenseMatrix& x, const BootstrapOptions& options, const char* what,
                                   const std::function<double(const PairwiseMoments&)>& statistic);

}  // namespace attune
