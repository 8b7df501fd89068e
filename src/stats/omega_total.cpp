#include "attune/stats/omega_total.h"

#include <cmath>
#include <random>

#include "attune/stats/factor_extraction.h"
#include "attune/stats/order_statistics.h"
#include "attune/stats/pairwise_moments.h"
#include "attune/stats/random_index.h"
#include "attune/util/error.h"

namespace attune {

namespace {

DenseMatrix without(const DenseMatrix& r, std::size_t drop) {
  DenseMatrix out(r.rows - 1, r.cols - 1);
  for (std::size_t i = 0, a = 0; i < r.rows; ++i) {
    if (i == drop) continue;
    for (std::size_t j = 0, b = 0; j < r.cols; ++j) {
      if (j == drop) continue;
      out(a, b++) = r(i, j);
    }
    ++a;
  }
  return out;
}

// omega.tot, or NaN when the matrix cannot be factored.
double omega_or_nan(const DenseMatrix& r) {
  if (r.rows < 2) return std::nan("");
  try {
    return omega_total(r);
  } catch (const Error&) {
    return std::nan("");
  }
}

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

}  // namespace

// McDonald 1999 omega total; psych::omegah with nfactors = 1 (schmid's one-factor fa, then flip).
OmegaTotal omega_total_analysis(const DenseMatrix& r) {
  if (r.rows < 2) throw data_error({}, "omega needs at least 2 items");
  const FactorExtraction fa = extract_factors(r, 1, FactorMethod::minres);
  OmegaTotal out;
  out.omega_total = omega_of(r, fa.loadings);
  for (std::size_t i = 0; i < r.rows; ++i) {
    out.loadings.push_back(fa.loadings(i, 0));
    out.flipped.push_back(fa.loadings(i, 0) < 0);
    out.if_dropped.push_back(omega_or_nan(without(r, i)));
  }
  return out;
}

// McDonald 1999 omega total, as psych::omega(nfactors = 1)$omega.tot.
double omega_total(const DenseMatrix& r) {
  if (r.rows < 2) throw data_error({}, "omega needs at least 2 items");
  return omega_of(r, extract_factors(r, 1, FactorMethod::minres).loadings);
}

// Efron 1979 nonparametric bootstrap, percentile interval, resampling as bootstrap_alpha.
BootstrapAlpha bootstrap_omega_total(const DenseMatrix& x, const BootstrapOptions& options) {
  if (x.cols < 2) throw data_error({}, "the bootstrap of omega needs at least 2 items");
  if (x.rows < 2) throw data_error({}, "the bootstrap of omega needs at least 2 rows");
  if (options.replicates < 1) throw usage_error("the bootstrap needs at least 1 replicate");
  if (!(options.level > 0 && options.level < 1)) throw usage_error("the bootstrap level must be between 0 and 1");
  std::mt19937_64 engine(options.seed);
  BootstrapAlpha out;
  out.replicates.reserve(options.replicates);
  for (std::size_t b = 0; b < options.replicates; ++b) {
    PairwiseMoments moments(x.cols);
    for (std::size_t r = 0; r < x.rows; ++r) moments.add({x.row(random_index(engine, x.rows)), x.cols});
    out.replicates.push_back(omega_or_nan(moments.correlation_matrix()));
  }
  const double tail = (1 - options.level) / 2;
  out.lower = quantile_type7(out.replicates, tail);
  out.median = quantile_type7(out.replicates, 0.5);
  out.upper = quantile_type7(out.replicates, 1 - tail);
  double sum = 0;
  std::size_t n = 0;
  for (double v : out.replicates)
    if (!std::isnan(v)) { sum += v; ++n; }
  out.mean = n ? sum / static_cast<double>(n) : std::nan("");
  return out;
}

}  // namespace attune
