// The reliability of a weighted composite of scales (a computed score such as the ECR-RS
// global anxiety, the mean of the domain scales) from its items' covariance matrix.
#pragma once

#include <cstddef>
#include <span>

#include "attune/stats/dense_matrix.h"

namespace attune {

// Stratified alpha (Cronbach, Schoenemann & McKie 1965): 1 - sum_s (1 - alpha_s) var(part_s) /
// var(composite). `keyed_covariance` covers the composite's keyed items, stratum after stratum
// (`stratum_sizes` items each); `item_weights` gives each item's weight in the composite (a
// scale's weight over its item count for a mean). One stratum of equal weights is Cronbach's
// alpha (psych "raw_alpha"). NaN when a stratum has fewer than 2 items or a variance is 0 or NA.
double composite_alpha(const DenseMatrix& keyed_covariance, std::span<const double> item_weights,
                       std::span<const std::size_t> stratum_sizes);

}  // namespace attune
