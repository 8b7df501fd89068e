#include "attune/stats/factor_fit.h"

#include <Eigen/Dense>
#include <boost/math/distributions/chi_squared.hpp>
#include <boost/math/distributions/non_central_chi_squared.hpp>
#include <cfloat>
#include <cmath>
#include <functional>
#include <optional>
#include <string>

#include "attune/util/error.h"
#include "stats/eigen_copy.h"
#include "factor_linear_algebra.h"

namespace attune {

namespace {

// R pchisq(q, df, ncp, lower.tail = TRUE).
double chisq_cdf(double q, double df, double ncp = 0) {
  if (q <= 0) return 0;
  if (ncp == 0) return boost::math::cdf(boost::math::chi_squared_distribution<double>(df), q);
  return boost::math::cdf(boost::math::non_central_chi_squared_distribution<double>(df, ncp), q);
}

double chisq_upper(double q, double df) {
  if (q <= 0) return 1;
  return boost::math::cdf(boost::math::complement(boost::math::chi_squared_distribution<double>(df), q));
}

// R uniroot(f, c(lower, upper)) with its default tol = eps^0.25: Brent's (1973) zeroin, as R's
// R_zeroin2 runs it; nothing when f has the same sign at both ends (uniroot's error).
std::optional<double> brent_root(const std::function<double(double)>& f, double lower, double upper) {
  const double tol = std::pow(DBL_EPSILON, 0.25);
  double a = lower, b = upper, fa = f(a), fb = f(b);
  if (!(fa * fb <= 0)) return std::nullopt;
  if (fa == 0) return a;
  if (fb == 0) return b;
  double c = a, fc = fa;
  for (int iteration = 0; iteration < 1000; ++iteration) {
    const double prev_step = b - a;
    if (std::fabs(fc) < std::fabs(fb)) {
      a = b; b = c; c = a;
      fa = fb; fb = fc; fc = fa;
    }
    const double tol_act = 2 * DBL_EPSILON * std::fabs(b) + tol / 2;
    double new_step = (c - b) / 2;
    if (std::fabs(new_step) <= tol_act || fb == 0) return b;
    if (std::fabs(prev_step) >= tol_act && std::fabs(fa) > std::fabs(fb)) {
      double p, q;
      const double cb = c - b;
      if (a == c) {  // secant
        const double t1 = fb / fa;
        p = cb * t1;
        q = 1 - t1;
      } else {  // inverse quadratic interpolation
        q = fa / fc;
        const double t1 = fb / fc, t2 = fb / fa;
        p = t2 * (cb * q * (q - t1) - (b - a) * (t1 - 1));
        q = (q - 1) * (t1 - 1) * (t2 - 1);
      }
      if (p > 0) q = -q;
      else p = -p;
      if (p < (0.75 * cb * q - std::fabs(tol_act * q) / 2) && p < std::fabs(prev_step * q / 2)) new_step = p / q;
    }
    if (std::fabs(new_step) < tol_act) new_step = new_step > 0 ? tol_act : -tol_act;
    a = b; fa = fb;
    b += new_step;
    fb = f(b);
    if ((fb > 0 && fc > 0) || (fb < 0 && fc < 0)) { c = a; fc = fa; }
  }
  return b;
}

// psych::cor.smooth: when the smallest eigenvalue is below eps, eigenvalues under 1e-12 become
// 1e-10, are rescaled to sum to p, and the matrix is rebuilt and made a correlation matrix.
Eigen::MatrixXd smooth(const Eigen::MatrixXd& x) {
  DescendingEigen e = descending_eigen(x);
  if (!(e.values.minCoeff() < DBL_EPSILON)) return x;
  for (Eigen::Index i = 0; i < e.values.size(); ++i)
    if (e.values[i] < 1e-12) e.values[i] = 100 * 1e-12;
  e.values *= static_cast<double>(x.rows()) / e.values.sum();
  Eigen::MatrixXd y = e.vectors * e.values.asDiagonal() * e.vectors.transpose();
  const Eigen::VectorXd inv_sd = y.diagonal().cwiseSqrt().cwiseInverse();
  y = (inv_sd.asDiagonal() * y * inv_sd.asDiagonal()).eval();
  return y;
}

// tr(x) - log det(x) - p, the ML discrepancy of a matrix against the identity.
double ml_discrepancy(const Eigen::MatrixXd& x) {
  return x.trace() - std::log(x.partialPivLu().determinant()) - static_cast<double>(x.rows());
}

}  // namespace

// psych::factor.stats (fa.stats, psych 2.2.9) with np.obs = NULL and alpha = .1, smooth = TRUE:
// residual fit (Harman), ML chi-square with Bartlett's correction, Tucker & Lewis (1973) TLI,
// Steiger & Lind RMSEA with its 90% interval by uniroot on the noncentral chi-square, BIC.
FactorFit factor_fit(const DenseMatrix& correlations, const DenseMatrix& loadings, const DenseMatrix& phi_in,
                     double n_obs) {
  return factor_fit(correlations, loadings, phi_in, n_obs, DenseMatrix());
}

// psych::factor.stats as above; with np.obs the residual statistics weight by the pair counts.
FactorFit factor_fit(const DenseMatrix& correlations, const DenseMatrix& loadings, const DenseMatrix& phi_in,
                     double n_obs, const DenseMatrix& pair_counts) {
  const std::size_t p = correlations.rows, k = loadings.cols;
  if (correlations.cols != p || loadings.rows != p || k == 0)
    throw data_error({}, "factor fit: the loadings must have one row per item of the correlation matrix");
  const bool has_phi = phi_in.rows != 0;
  if (has_phi && (phi_in.rows != k || phi_in.cols != k))
    throw data_error({}, "factor fit: phi must be factors x factors (" + std::to_string(k) + " x " + std::to_string(k) + ")");
  Eigen::MatrixXd r = to_eigen(correlations);
  const Eigen::MatrixXd f = to_eigen(loadings);
  const Eigen::MatrixXd phi = has_phi ? to_eigen(phi_in) : Eigen::MatrixXd::Identity(static_cast<Eigen::Index>(k), static_cast<Eigen::Index>(k));
  Eigen::MatrixXd model = f * phi * f.transpose();
  Eigen::MatrixXd residual = r - model;
  const double pd = static_cast<double>(p), kd = static_cast<double>(k);
  const double r2 = r.squaredNorm(), rstar2 = residual.squaredNorm();
  FactorFit out;
  out.n_obs = n_obs;
  out.dof = pd * (pd - 1) / 2 - pd * kd + kd * (kd - 1) / 2;
  double r2_off = r2 - r.trace();
  residual.diagonal().setZero();
  double rstar_off = residual.squaredNorm();
  double nh = n_obs;  // psych's nh: n.obs, or the harmonic mean of the pair counts
  if (pair_counts.rows != 0) {
    if (pair_counts.rows != p || pair_counts.cols != p)
      throw data_error({}, "factor fit: the pair counts must be items x items");
    const Eigen::MatrixXd np = to_eigen(pair_counts);
    rstar_off = residual.cwiseAbs2().cwiseProduct(np).sum();
    const Eigen::MatrixXd weighted = r.cwiseAbs2().cwiseProduct(np);
    r2_off = weighted.sum() - weighted.trace();
    nh = static_cast<double>(np.size()) / np.cwiseInverse().sum();
    out.chi = rstar_off;
    out.rms = std::sqrt(rstar_off / (nh * pd * (pd - 1)));
  } else {
    out.chi = rstar_off * n_obs;
    out.rms = std::sqrt(rstar_off / (pd * (pd - 1)));
  }
  if (out.dof > 0) {
    out.EPVAL = std::isnan(out.chi) ? FactorFit::na : chisq_upper(out.chi, out.dof);
    out.crms = std::sqrt(rstar_off / (2 * (pair_counts.rows != 0 ? nh : 1) * out.dof));
    out.EBIC = out.chi - out.dof * std::log(nh);
    out.ESABIC = out.chi - out.dof * std::log((nh + 2) / 24);
  }
  out.fit = 1 - rstar2 / r2;
  out.fit_off = 1 - rstar_off / r2_off;
  model.diagonal() = r.diagonal();
  model = smooth(model);
  r = smooth(r);
  const Eigen::MatrixXd m_inv_r = model.partialPivLu().solve(r);
  out.objective = ml_discrepancy(m_inv_r);
  if (std::isinf(out.objective)) out.objective = rstar2;  // psych: chi square from the residuals
  double chisq = FactorFit::na;
  if (!std::isnan(n_obs)) {
    chisq = out.objective * ((n_obs - 1) - (2 * pd + 5) / 6 - (2 * kd) / 3);
    out.STATISTIC = chisq < 0 ? 0 : chisq;
    if (out.dof > 0) out.PVAL = chisq_upper(out.STATISTIC, out.dof);
  }
  double f0 = ml_discrepancy(r);
  if (std::isinf(f0)) f0 = r2;
  const double mm = out.objective / out.dof, m0 = f0 * 2 / (pd * (pd - 1));
  const double nm = (n_obs - 1) - (2 * pd + 5) / 6 - (2 * kd) / 3;
  out.null_model = f0;
  out.null_dof = pd * (pd - 1) / 2;
  if (std::isnan(n_obs)) return out;
  out.null_chisq = f0 * ((n_obs - 1) - (2 * pd + 5) / 6);
  // With 0 degrees of freedom mm is 0 / 0: psych prints -Inf, Inf or NaN by the objective's
  // rounding (a just-identified model has no TLI), so it is NA here.
  if (out.dof > 0) out.TLI = (m0 - mm) / (m0 - 1 / nm);
  if (!(out.dof > 0) || std::isnan(out.objective)) return out;
  const double df = out.dof, stat = out.STATISTIC;
  out.RMSEA = std::sqrt(std::max(chisq / (df * n_obs) - 1 / (n_obs - 1), 0.0));
  const double tail = 0.1 / 2;
  const double upper_end = std::max(n_obs, chisq) + 2 * n_obs;
  const double p_stat = chisq_cdf(stat, df);
  out.RMSEA_upper = 0;
  if (p_stat > tail) {
    const auto root = brent_root([&](double x) { return chisq_cdf(stat, df, x) - tail; }, 0, upper_end);
    if (root) out.RMSEA_upper = std::sqrt(*root / (n_obs - 1) / df);
    else out.RMSEA_upper = out.RMSEA <= 0 ? 0 : FactorFit::na;
  }
  out.RMSEA_lower = 0;
  if (p_stat > 1 - tail) {
    const auto root = brent_root([&](double x) { return chisq_cdf(stat, df, x) - 1 + tail; }, 0, upper_end);
    out.RMSEA_lower = root ? std::sqrt(*root / (n_obs - 1) / df) : FactorFit::na;
  }
  if (!std::isnan(out.RMSEA_upper) && out.RMSEA_upper < out.RMSEA) out.RMSEA_upper = FactorFit::na;
  if (!std::isnan(out.RMSEA_lower) && out.RMSEA_lower > out.RMSEA) out.RMSEA_lower = FactorFit::na;
  out.BIC = chisq - df * std::log(n_obs);
  out.SABIC = chisq - df * std::log((n_obs + 2) / 24);
  return out;
}

}  // namespace attune
