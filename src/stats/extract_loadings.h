// Private to src/stats: the loadings of extract_factors alone, for callers that need nothing else.
#pragma once

#include <cstddef>

#include "attune/stats/dense_matrix.h"
#include "attune/stats/factor_extraction.h"

namespace attune {

// extract_factors(correlations, nfactors, method).loadings, the same bits, without the
// eigenvalues, communalities or Heywood list (omega fits 1 + items + replicates of these a scale).
// Throws as extract_factors.
DenseMatrix extract_loadings(const DenseMatrix& correlations, std::size_t nfactors, FactorMethod method);

}  // namespace attune
