#include "attune/stats/omega_total.h"

#include <cmath>
#include <utility>

#include "attune/stats/correlation.h"
#include "attune/stats/factor_extraction.h"
#include "attune/stats/pairwise_moments.h"
#include "attune/util/error.h"
#include "stats/bootstrap_resample.h"
#include "stats/extract_loadings.h"
#include "stats/indexed_results.h"

namespace attune {

namespace {

// omega.tot, or NaN when the matrix cannot be factored.
double omega_or_nan(const DenseMatrix& r) {
  if (r.rows < 2) return std::nan("");
  try {
    return omega_total(r);
  } catch (const Error&) {
    return std::nan("");
  }
}

// omega(r, 1)'s omega.tot alone, without its G6 inverse: analyze calls it 1 + items + --boot times a scale.
// McDonald 1999 omega total from psych fa's one-factor loadings l: psych::omegah flips the items
// with l < 0, then omega.tot = (sum of the flipped correlations - sum of u2 = 1 - l^2) / that sum.
double omega_of(const DenseMatrix& r, const DenseMatrix& loadings) {
  double vt = 0, uniq = 0;
  for (std::size_t i = 0; i < r.rows; ++i) {
    const double li = loadings(i, 0);
    uniq += 1 - li * li;
    for (std::size_t j = 0; j < r.cols; ++j) {
      const double sign = (li < 0) != (loadings(j, 0) < 0) ? -1.0 : 1.0;
      vt += sign * (i == j ? 1.0 : r(i, j) / std::sqrt(r(i, i) * r(j, j)));
    }
  }
  return (vt - uniq) / vt;
}

// omega.tot of a resample's pairwise-complete correlations, NaN when they cannot be factored.
double resample_omega(const PairwiseMoments& moments) { return omega_or_nan(moments.correlation_matrix()); }

}  // namespace

// McDonald 1999 omega total; psych::omegah with nfactors = 1 (schmid's one-factor fa, then flip).
OmegaTotal omega_total_analysis(const DenseMatrix& r, unsigned threads) {
  if (r.rows < 2) throw data_error({}, "omega needs at least 2 items");
  const DenseMatrix loadings = extract_loadings(r, 1, FactorMethod::minres);
  OmegaTotal out;
  out.omega_total = omega_of(r, loadings);
  for (std::size_t i = 0; i < r.rows; ++i) {
    out.loadings.push_back(loadings(i, 0));
    out.flipped.push_back(loadings(i, 0) < 0);
  }
  out.if_dropped = indexed_results(r.rows, threads, [&r](std::size_t i) { return omega_or_nan(without(r, i)); });
  return out;
}

// McDonald 1999 omega total, as psych::omega(nfactors = 1)$omega.tot.
double omega_total(const DenseMatrix& r) {
  if (r.rows < 2) throw data_error({}, "omega needs at least 2 items");
  return omega_of(r, extract_loadings(r, 1, FactorMethod::minres));
}

// Efron 1979 nonparametric bootstrap, percentile interval, resampling as bootstrap_alpha.
BootstrapAlpha bootstrap_omega_total(const DenseMatrix& x, const BootstrapOptions& options) {
  return bootstrap_statistic(x, options, "omega", resample_omega);
}

// Efron 1979, as bootstrap_alpha and bootstrap_omega_total, each resample's moments formed once.
BootstrapAlphaOmega bootstrap_alpha_and_omega(const DenseMatrix& x, const BootstrapOptions& options) {
  std::vector<BootstrapAlpha> both = bootstrap_statistics(x, options, "alpha", {resample_raw_alpha, resample_omega});
  return {std::move(both[0]), std::move(both[1])};
}

}  // namespace attune
