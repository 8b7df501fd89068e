// Correlations between scales, observed and disattenuated (psych::scoreItems $cor, $corrected).
#pragma once

#include <cstddef>
#include <vector>

#include "attune/stats/dense_matrix.h"
#include "attune/stats/item_analysis_moments.h"

namespace attune {

// psych::scoreItems(keys, items, impute = "none") between-scale results.
struct ScaleCorrelations {
  DenseMatrix observed;      // "cor": cov2cor(t(keys) %*% C %*% keys), C the pairwise item covariance
  DenseMatrix corrected;     // "corrected": below the diagonal observed r, on it alpha, above it
                             // r / sqrt(alpha_i alpha_j) (Spearman 1904), psych's layout
  std::vector<double> alpha; // "alpha" of each scale from the same covariances
};

// Between-scale correlations of all scales in `moments`. Items with zero variance are deleted
// from the data and the keys, as scoreItems does. Throws a data Error if an item has no answer
// or two items were never answered together.
ScaleCorrelations scale_correlations(const ItemAnalysisMoments& moments);

}  // namespace attune
