// Whether a correlation matrix is worth factoring: the Kaiser-Meyer-Olkin measure of sampling
// adequacy and Bartlett's test that it is an identity matrix, as psych computes them.
#pragma once

#include <vector>

#include "attune/stats/dense_matrix.h"

namespace attune {

// psych::KMO: the overall MSA and one MSAi per item.
struct SamplingAdequacy {
  double msa = 0;              // MSA: sum r^2 / (sum r^2 + sum q^2) over the off-diagonal cells
  std::vector<double> msa_i;   // MSAi: the same over each item's column
};

// psych::KMO(r) on a correlation matrix (q: the partial correlations, cov2cor of solve(r)).
// A matrix that is not positive definite gives NaN (NA) where psych's square roots do; a
// singular one gives NaN throughout (psych then uses r as the image, with a message). Throws a
// data Error when r is not square or has an NA cell.
SamplingAdequacy kaiser_meyer_olkin(const DenseMatrix& correlations);

// psych::cortest.bartlett: the chi-square, its degrees of freedom and p value.
struct BartlettTest {
  double chisq = 0;
  double df = 0;
  double p_value = 0;
};

// psych::cortest.bartlett(r, n): -log(det r) * (n - 1 - (2p + 5) / 6) on p (p - 1) / 2 df.
// chisq and p.value are NaN when det r is not positive (psych: log of a negative number).
// Throws a data Error when r is not square or has an NA cell.
BartlettTest bartlett_sphericity(const DenseMatrix& correlations, double n_obs);

}  // namespace attune
