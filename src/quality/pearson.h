// Internal: Pearson correlation of two equal-length vectors, for the within-person indices.
#pragma once

#include <vector>

namespace attune::detail {

// Pearson r, two-pass (means, then centred cross-products) as R's cor(); NaN when either
// vector has zero variance or fewer than 2 values.
double pearson(const std::vector<double>& x, const std::vector<double>& y);

}  // namespace attune::detail
