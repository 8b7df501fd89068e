// Unrotated common factor extraction from a correlation matrix: psych::fa(fm = minres / ml / pa).
#pragma once

#include <cstddef>
#include <vector>

#include "attune/stats/dense_matrix.h"

namespace attune {

// psych::fa's fm: minimum residual (default), maximum likelihood, iterated principal axis.
enum class FactorMethod { minres, ml, pa };

// The unrotated solution, as psych::fa(r, nfactors, fm = method, rotate = "none") returns it.
struct FactorExtraction {
  DenseMatrix loadings;                // items x factors, unrotated, psych's column order and signs
  std::vector<double> communalities;   // h2
  std::vector<double> uniquenesses;    // u2 = 1 - h2
  std::vector<double> values;          // eigenvalues of the reduced matrix (psych fa()$values)
  std::vector<double> e_values;        // eigenvalues of the correlation matrix (fa()$e.values)
  int iterations = 0;
  bool converged = false;
  // Heywood cases, reported rather than hidden: items whose uniqueness the fit drove to its floor
  // (0.005 for minres / ml, psych's lower bound) or whose communality reached or passed 1 (pa).
  std::vector<std::size_t> heywood_items;
};

// psych::fa(r, nfactors, fm = method, rotate = "none") on a correlation matrix.
// Throws attune::Error (data) when the matrix is not square and symmetric with a unit diagonal,
// has missing values, or nfactors is 0 or too large for the number of items.
FactorExtraction extract_factors(const DenseMatrix& correlations, std::size_t nfactors, FactorMethod method);

}  // namespace attune
