// Correlation-matrix helpers as R and psych compute them: cov2cor, pseudo-inverse, smc.
#pragma once

#include <vector>

#include "attune/stats/dense_matrix.h"

namespace attune {

// R stats::cov2cor: C[i,j] / sqrt(C[i,i] * C[j,j]), diagonal set to exactly 1.
DenseMatrix cov_to_cor(const DenseMatrix& covariance);

// psych::Pinv: Moore-Penrose inverse by SVD, dropping singular values <= sqrt(eps) * largest.
DenseMatrix pseudo_inverse(const DenseMatrix& m);
// The diagonal of pseudo_inverse(r) for a symmetric r, from its eigendecomposition (faster).
std::vector<double> pseudo_inverse_diagonal(const DenseMatrix& r);

// psych::smc: squared multiple correlations 1 - 1/diag(Pinv(R)) of a correlation (or, with
// `covariance_scaled`, a covariance matrix, as smc(C, covar = TRUE): the smc times the variance).
// Values above 1 are set to 1 and below 0 to 0 as psych does. Throws a data Error if the matrix
// has an NA (psych would then estimate from the non-NA part; attune refuses instead).
std::vector<double> squared_multiple_correlations(const DenseMatrix& m, bool covariance_scaled = false);

// The values below the diagonal, column by column (R: m[lower.tri(m)]).
std::vector<double> lower_triangle(const DenseMatrix& m);

// Sum of all cells (R: sum(m)).
double sum_of_cells(const DenseMatrix& m);

// The matrix with row and column `drop` removed (R: m[-drop, -drop]).
DenseMatrix without(const DenseMatrix& m, std::size_t drop);

}  // namespace attune
