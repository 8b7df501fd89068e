// McDonald's omega total of one scale from a one-factor solution, exactly as psych::omega(r,
// nfactors = 1)$omega.tot, with omega if an item is dropped and a bootstrap interval.
#pragma once

#include <cstddef>
#include <vector>

#include "attune/stats/bootstrap_alpha.h"
#include "attune/stats/dense_matrix.h"

namespace attune {

// The name every report gives this statistic (which omega it is: JASP users asked).
inline constexpr const char* omega_total_name = "omega total (one factor, psych::omega nfactors = 1)";

// omega.tot with what it came from.
struct OmegaTotal {
  double omega_total = 0;           // psych omega.tot: (sum(R*) - sum(u2)) / sum(R*)
  std::vector<double> loadings;     // the minres factor's loadings (psych fa, summing positive)
  std::vector<bool> flipped;        // items psych's flip reverses (negative loading)
  std::vector<double> if_dropped;   // omega.tot of the other items; NaN when fewer than 2 remain
};

// psych::omega(r, nfactors = 1, fm = "minres") on a correlation matrix of 2 or more items:
// loadings l of fa(r, 1, minres); items with l < 0 flipped (R* = D r D, D = sign(l)); u2 = 1 - l^2.
// Throws attune::Error when the matrix cannot be factored (missing correlations, fewer than 2 items).
double omega_total(const DenseMatrix& correlations);

// omega_total with the loadings, the flipped items and omega.tot if each item is dropped (NaN
// for a drop that leaves fewer than 2 items or cannot be factored); the drops are fitted on
// `threads` worker threads (1: the calling thread), the same bytes for any number.
OmegaTotal omega_total_analysis(const DenseMatrix& correlations, unsigned threads = 1);

// The bootstrap distribution of omega.tot: rows resampled exactly as bootstrap_alpha resamples
// them (same engine, seed and draws, so alpha's and omega's replicates come from the same
// resamples), pairwise-complete correlations, omega_total of each; replicates that cannot be
// factored are NaN and left out of the interval and mean.
BootstrapAlpha bootstrap_omega_total(const DenseMatrix& keyed_items, const BootstrapOptions& options = {});

// bootstrap_alpha and bootstrap_omega_total of the same resamples.
struct BootstrapAlphaOmega {
  BootstrapAlpha alpha, omega;
};

// {bootstrap_alpha(x), bootstrap_omega_total(x)}, the same bytes, each resample's pairwise moments
// formed once for both (they are the same resamples); errors as bootstrap_alpha's.
BootstrapAlphaOmega bootstrap_alpha_and_omega(const DenseMatrix& keyed_items, const BootstrapOptions& options = {});

}  // namespace attune
