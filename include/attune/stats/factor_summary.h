// What psych prints beside a factor solution's loadings (item complexity, variance accounted
// for, fa.sort's order), and the check of a solution against an instrument's scales.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "attune/stats/dense_matrix.h"

namespace attune {

// psych::fa's complexity: per item (sum l^2)^2 / sum l^4 over its loadings (Hofmann 1978).
std::vector<double> item_complexity(const DenseMatrix& loadings);

// psych::fa's Vaccounted "SS loadings": colSums(L^2), or diag(Phi L'L) for an oblique solution
// (`phi` empty or the identity: orthogonal).
std::vector<double> ss_loadings(const DenseMatrix& loadings, const DenseMatrix& phi);

// The item order print.psych(sort = TRUE) and psych::fa.sort show: items grouped by the factor
// of their largest absolute loading (factor order, ties to the first), within a group by that
// loading's absolute value, largest first; ties keep the items' order (R's stable radix sort).
std::vector<std::size_t> fa_sort_order(const DenseMatrix& loadings);

// One scale's keyed items: the rows of the loadings matrix and whether each is reversed.
struct KeyedRows {
  std::string scale;
  std::vector<std::size_t> items;
  std::vector<bool> reversed;
};

// Matches factors to scales: the (scale, factor) pair with the largest |sum of the scale's
// keyed loadings| (a reversed item's loading counted negative) is matched first, both are
// taken out, and so on until scales or factors run out (ties: the earlier scale, then the
// earlier factor). Returns per factor the index of its scale in `scales`, or scales.size().
std::vector<std::size_t> match_factors_to_scales(const DenseMatrix& loadings, const std::vector<KeyedRows>& scales);

}  // namespace attune
