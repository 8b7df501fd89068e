#include "attune/stats/ordinal_reliability.h"

#include <cmath>

#include "attune/stats/omega_total.h"
#include "attune/util/error.h"

namespace attune {

// Cronbach 1951 standardized alpha; psych::alpha given a correlation matrix (raw_alpha = std.alpha).
double alpha_of_correlations(const DenseMatrix& r) {
  const double k = static_cast<double>(r.rows);
  double sum = 0;
  for (double v : r.values) sum += v;
  return k / (k - 1) * (1 - k / sum);
}

// Zumbo, Gadermann & Zeisser 2007 ordinal alpha; omega total as psych::omega(rho, 1)$omega.tot.
OrdinalReliability ordinal_reliability(const ContingencyTables& keyed, const PolychoricOptions& options) {
  const PolychoricResult poly = polychoric(keyed, options);
  OrdinalReliability out;
  out.smoothed = poly.smoothed;
  out.tetrachoric = poly.tetrachoric;
  out.corrected_pairs = poly.corrected_pairs;
  out.pairs = poly.rho.rows * (poly.rho.rows - 1) / 2;
  for (double v : poly.rho.values) {
    if (std::isnan(v)) throw data_error({}, "a pair of items was never answered together: no polychoric correlation");
  }
  out.alpha = alpha_of_correlations(poly.rho);
  try {
    out.omega_total = omega_total(poly.rho);
  } catch (const Error& e) {
    out.omega_total = std::nan("");
    out.omega_note = e.message();
  }
  return out;
}

}  // namespace attune
