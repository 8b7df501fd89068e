// Goodness of fit of a factor solution, as psych::fa reports it (psych::factor.stats).
#pragma once

#include <cmath>
#include <limits>

#include "attune/stats/dense_matrix.h"

namespace attune {

// psych's fit statistics; member names follow psych's (fit.off -> fit_off, null.dof -> null_dof).
// Statistics that need n_obs are NaN when n_obs is NaN (psych's NA without n.obs).
struct FactorFit {
  static constexpr double na = std::numeric_limits<double>::quiet_NaN();
  double n_obs = na;        // n.obs as given
  double dof = na;          // dof: p (p - 1) / 2 - p k + k (k - 1) / 2
  double objective = na;    // objective: the ML criterion of the solution
  double STATISTIC = na;    // STATISTIC: likelihood chi-square (Bartlett-corrected n), NA if dof <= 0
  double PVAL = na;         // PVAL: upper tail of STATISTIC on dof
  double chi = na;          // chi: empirical chi-square, sum of squared residuals times n.obs
  double EPVAL = na;        // EPVAL: upper tail of chi on dof
  double null_model = na;   // null.model: the ML criterion of the independence model
  double null_dof = na;     // null.dof: p (p - 1) / 2
  double null_chisq = na;   // null.chisq
  double TLI = na;          // TLI: Tucker Lewis index
  double RMSEA = na;        // RMSEA["RMSEA"]
  double RMSEA_lower = na;  // RMSEA["lower"]
  double RMSEA_upper = na;  // RMSEA["upper"]
  double RMSEA_confidence = 0.9;  // RMSEA["confidence"]
  double BIC = na;          // BIC: STATISTIC - dof log(n.obs)
  double SABIC = na;        // SABIC: sample size adjusted BIC
  double EBIC = na;         // EBIC: chi - dof log(n.obs)
  double ESABIC = na;       // ESABIC
  double rms = na;          // rms: root mean square of the off-diagonal residuals
  double crms = na;         // crms: rms corrected for degrees of freedom
  double fit = na;          // fit: 1 - sum(residual^2) / sum(r^2), all cells
  double fit_off = na;      // fit.off: the same over the off-diagonal cells
};

// psych::factor.stats(r, loadings, phi, n.obs) fit block; phi is factors x factors (identity
// for orthogonal solutions, or an empty matrix for identity). n_obs may be NaN (no sample size).
// Throws attune::Error (data) when dimensions disagree.
FactorFit factor_fit(const DenseMatrix& correlations, const DenseMatrix& loadings, const DenseMatrix& phi,
                     double n_obs);

// As above with psych's np.obs, the pairwise counts behind pairwise-complete correlations (what
// psych::fa(data) uses when given raw data): chi, rms, crms, fit.off, EPVAL, EBIC and ESABIC
// weight each residual by its pair's count and use their harmonic mean for n.
FactorFit factor_fit(const DenseMatrix& correlations, const DenseMatrix& loadings, const DenseMatrix& phi,
                     double n_obs, const DenseMatrix& pair_counts);

}  // namespace attune
