// psych::omega: the Schmid-Leiman transformation and the omegas of its loadings.
#include "attune/stats/omega.h"

#include <algorithm>
#include <cmath>
#include <utility>

#include <fmt/format.h>

#include "attune/stats/correlation.h"
#include "attune/stats/factor_rotation.h"
#include "attune/util/error.h"
#include "stats/rotation_internal.h"
#include "stats/schmid_leiman.h"

namespace attune {

namespace schmid_leiman {

namespace {

double r_sign(double v) { return v > 0 ? 1.0 : (v < 0 ? -1.0 : 0.0); }

// The factors' loadings on g (psych::schmid): 1 for one factor; for two, psych's
// option = "equal": sqrt(|phi12|) and sign(phi12) * sqrt(|phi12|); else from phi.
std::vector<double> loadings_on_g(const DenseMatrix& phi, const GeneralFactor& general_factor, bool& converged) {
  if (phi.cols == 1) return {1.0};
  if (phi.cols == 2) {
    const double root = std::sqrt(std::fabs(phi(0, 1)));
    return {root, r_sign(phi(0, 1)) * root};
  }
  std::vector<double> g = general_factor(phi, converged);
  if (g.size() != phi.cols)
    throw data_error({}, fmt::format("the general factor has {} loadings for {} factors", g.size(), phi.cols));
  return g;
}

// psych::schmid's transformation (Schmid & Leiman 1957): g = oblique %*% gload, each group
// factor sign(oblique) * sqrt(oblique^2 - (oblique * gload)^2) (negative values set to 0),
// h2 from the orthogonal solution, u2 = diag(R) - h2, p2 = g^2 / h2.
void transform(const DenseMatrix& correlations, OmegaResult& out) {
  const std::size_t p = out.oblique.rows;
  const std::size_t k = out.oblique.cols;
  out.sl_loadings = DenseMatrix(p, k + 1);
  out.h2.assign(p, 0.0);
  out.u2.assign(p, 0.0);
  out.p2.assign(p, 0.0);
  for (std::size_t i = 0; i < p; ++i) {
    const double diag = correlations(i, i);
    double g = 0;
    for (std::size_t c = 0; c < k; ++c) {
      const double f = out.oblique(i, c);
      g += f * out.g_loadings[c];
      const double uniq = diag - f * f;
      const double prime = f * out.g_loadings[c];
      const double uniq2 = std::max(0.0, diag - uniq - prime * prime);
      out.sl_loadings(i, c + 1) = r_sign(f) * std::sqrt(uniq2);
      out.h2[i] += out.orthogonal(i, c) * out.orthogonal(i, c);
    }
    out.sl_loadings(i, 0) = g;
    out.u2[i] = diag - out.h2[i];
    out.p2[i] = g * g / out.h2[i];
  }
}

// psych::omegah's statistics (McDonald 1999; Zinbarg et al. 2005; Guttman 1945 for G6), after
// flipping the items whose g loading is negative (in the loadings and in R).
void omega_statistics(DenseMatrix r, OmegaResult& out) {
  const std::size_t p = r.rows;
  const std::size_t k = out.oblique.cols;
  out.key.assign(p, 1);
  for (std::size_t i = 0; i < p; ++i)
    if (out.sl_loadings(i, 0) < 0) out.key[i] = -1;
  for (std::size_t i = 0; i < p; ++i) {
    if (out.key[i] > 0) continue;
    for (std::size_t c = 0; c <= k; ++c) out.sl_loadings(i, c) = -out.sl_loadings(i, c);
    for (std::size_t j = 0; j < p; ++j) {
      r(i, j) = -r(i, j);
      r(j, i) = -r(j, i);
    }
  }
  const double vt = sum_of_cells(r);
  double v_item = 0, g_sum = 0, u_sum = 0;
  for (std::size_t i = 0; i < p; ++i) {
    v_item += r(i, i);
    g_sum += out.sl_loadings(i, 0);
    u_sum += out.u2[i];
  }
  const double gsq = g_sum * g_sum;
  const double n = static_cast<double>(p);
  out.omega_h = gsq / vt;
  out.omega_total = (vt - u_sum) / vt;
  out.omega_limit = gsq / (vt - u_sum);
  out.alpha = ((vt - v_item) / vt) * (n / (n - 1));
  double smc_sum = 0;
  for (double s : squared_multiple_correlations(r)) smc_sum += s;
  out.g6 = (vt + smc_sum - v_item) / vt;
  std::vector<double> ev(k + 1, 0.0);
  for (std::size_t i = 0; i < p; ++i)
    for (std::size_t c = 0; c <= k; ++c) ev[c] += out.sl_loadings(i, c) * out.sl_loadings(i, c);
  double ev_sum = 0;
  for (double e : ev) ev_sum += e;
  out.ecv = ev[0] / ev_sum;
  // Subscale omegas: each item in the group factor with its largest |loading| (first on ties).
  std::vector<std::size_t> group_of(p, 0);
  for (std::size_t i = 0; i < p; ++i)
    for (std::size_t c = 1; c < k; ++c)
      if (std::fabs(out.sl_loadings(i, c + 1)) > std::fabs(out.sl_loadings(i, group_of[i] + 1))) group_of[i] = c;
  out.group_total.assign(k + 1, NAN);
  out.group_general.assign(k + 1, NAN);
  out.group_group.assign(k + 1, NAN);
  double grs = 0;
  for (std::size_t c = 0; c < k; ++c) {
    double v_group = 0, group_sum = 0, general_sum = 0;
    bool any = false;
    for (std::size_t i = 0; i < p; ++i) {
      if (group_of[i] != c) continue;
      any = true;
      group_sum += out.sl_loadings(i, c + 1);
      general_sum += out.sl_loadings(i, 0);
      for (std::size_t j = 0; j < p; ++j)
        if (group_of[j] == c) v_group += r(i, j);
    }
    if (!any) continue;
    grs += group_sum * group_sum;
    out.group_group[c + 1] = group_sum * group_sum / v_group;
    out.group_general[c + 1] = general_sum * general_sum / v_group;
    out.group_total[c + 1] = (group_sum * group_sum + general_sum * general_sum) / v_group;
  }
  out.group_general[0] = gsq / vt;
  out.group_group[0] = grs / vt;
  out.group_total[0] = out.omega_total;
}

}  // namespace

// psych::omega -> omegah -> schmid (psych 2.2.9), from fa(r, k, rotate = "none")'s loadings.
OmegaResult omega_from_unrotated(const DenseMatrix& correlations, const DenseMatrix& unrotated,
                                 const GeneralFactor& general_factor) {
  if (correlations.rows != correlations.cols || correlations.rows != unrotated.rows)
    throw data_error({}, fmt::format("omega needs a square correlation matrix with one row per item ({} x {} for {} items)",
                                     correlations.rows, correlations.cols, unrotated.rows));
  OmegaResult out;
  const RotatedLoadings orthogonal = rotate_loadings(unrotated, RotationMethod::varimax);  // schmid: fa(rotate = "varimax")
  out.orthogonal = orthogonal.loadings;
  out.converged = orthogonal.converged;
  if (unrotated.cols == 1) {
    out.oblique = out.orthogonal;
    out.phi = DenseMatrix(1, 1, 1.0);
  } else {
    rotation::RawRotation oblimin = rotation::gpf_oblique(out.orthogonal, rotation::ObliqueCriterion::oblimin);
    for (double v : oblimin.loadings.values)  // psych would fall back to Promax here; attune says so
      if (!std::isfinite(v))
        throw data_error({}, "the oblimin rotation inside omega broke down (a factor collapsed onto another)",
                         "ask for fewer factors");
    out.oblique = std::move(oblimin.loadings);
    out.phi = std::move(oblimin.phi);
    out.converged = out.converged && oblimin.converged;
  }
  out.g_loadings = loadings_on_g(out.phi, general_factor, out.converged);
  transform(correlations, out);
  omega_statistics(correlations, out);
  return out;
}

}  // namespace schmid_leiman

// psych::omega(m, nfactors, fm) on a correlation matrix (Schmid & Leiman 1957; McDonald 1999;
// Zinbarg et al. 2005): extraction by extract_factors, the rest by omega_from_unrotated.
OmegaResult omega(const DenseMatrix& correlations, std::size_t nfactors, FactorMethod fm) {
  const FactorExtraction extraction = extract_factors(correlations, nfactors, fm);
  const auto general_factor = [fm](const DenseMatrix& phi, bool& converged) {
    const FactorExtraction g = extract_factors(phi, 1, fm);
    converged = converged && g.converged;
    return g.loadings.values;
  };
  OmegaResult out = schmid_leiman::omega_from_unrotated(correlations, extraction.loadings, general_factor);
  out.converged = out.converged && extraction.converged;
  return out;
}

}  // namespace attune
