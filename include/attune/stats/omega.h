// McDonald's omega from a Schmid-Leiman transformation, as psych::omega computes it.
#pragma once

#include <cstddef>
#include <vector>

#include "attune/stats/dense_matrix.h"
#include "attune/stats/factor_extraction.h"

namespace attune {

// psych::omega's result (psych's names in the comments). Factors are psych's: the varimax
// solution aligned as psych::fa aligns it, then GPArotation::oblimin's, left unaligned.
struct OmegaResult {
  // $schmid$sl[, 1:(k+1)] after omega's flip: items x (1 + k), columns g, F1*, ..., Fk*.
  DenseMatrix sl_loadings;
  std::vector<double> h2;          // $schmid$sl[, "h2"]: communality of the k-factor solution
  std::vector<double> u2;          // $schmid$sl[, "u2"]: 1 - h2
  std::vector<double> p2;          // $schmid$sl[, "p2"]: g loading^2 / h2
  std::vector<int> key;            // $key: -1 for an item flipped because its g loading was negative
  DenseMatrix orthogonal;          // $schmid$orthog: varimax loadings, items x k
  DenseMatrix oblique;             // $schmid$oblique: oblimin pattern, items x k
  DenseMatrix phi;                 // $schmid$phi: oblimin factor correlations, k x k (1 x 1 for k = 1)
  std::vector<double> g_loadings;  // $schmid$gloading: the k factors' loadings on g
  double omega_h = 0;              // $omega_h: (sum of g loadings)^2 / sum(R)
  double omega_limit = 0;          // $omega.lim: omega_h / omega_total
  double alpha = 0;                // $alpha: Cronbach's alpha of the flipped items
  double omega_total = 0;          // $omega.tot: (sum(R) - sum(u2)) / sum(R)
  double g6 = 0;                   // $G6: Guttman's lambda 6
  double ecv = 0;                  // $ECV: g's share of the common variance in sl_loadings
  // $omega.group, rows g, F1*, ..., Fk* (items grouped by their largest group loading; NaN for
  // a factor with no items): omega total, omega of g (hierarchical), omega of the group factor.
  std::vector<double> group_total;
  std::vector<double> group_general;
  std::vector<double> group_group;
  bool converged = true;           // the extraction and the rotations converged
};

// psych::omega(r, nfactors, fm = fm, rotate = "oblimin", option = "equal", flip = TRUE) on a
// correlation matrix (Schmid & Leiman 1957; McDonald 1999; Zinbarg et al. 2005). With 2 factors
// g is not identified and psych's "equal" rule loads both on sqrt(|phi12|); with 1 factor
// omega_h is just omega total. Items are flipped as psych flips them (a negative g loading);
// items already keyed in the scoring direction are left alone. Throws attune::Error (data) for
// what extract_factors refuses.
OmegaResult omega(const DenseMatrix& correlations, std::size_t nfactors, FactorMethod fm = FactorMethod::minres);

}  // namespace attune
