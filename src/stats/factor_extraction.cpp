#include "attune/stats/factor_extraction.h"

#include <Eigen/Dense>
#include <algorithm>
#include <cfloat>
#include <cmath>
#include <numeric>
#include <string>

#include "attune/util/error.h"
#include "bounded_minimizer.h"
#include "extract_loadings.h"
#include "factor_linear_algebra.h"

namespace attune {

namespace {

constexpr double uniqueness_floor = 0.005;  // psych fa's lower bound for the uniquenesses

// The eigen decomposition of r with 1 - psi on its diagonal (r's diagonal is 1), kept between the
// minres objective's calls so that none allocates, and reused for the fit's final loadings when
// the minimizer ends where it evaluated last. The same solver, so the same bits, as descending_eigen.
class ReducedEigen {
 public:
  explicit ReducedEigen(const Eigen::MatrixXd& r) : s_(r), solver_(r.rows()), scratch_(r.rows()) {}
  // Factors r with 1 - psi on the diagonal, unless that psi is the one held.
  void factor(const std::vector<double>& psi) {
    if (held_ && psi == psi_) return;
    for (Eigen::Index i = 0; i < s_.rows(); ++i) s_(i, i) = 1 - psi[static_cast<std::size_t>(i)];
    solver_.compute(s_);
    psi_ = psi;
    held_ = true;
  }
  const Eigen::MatrixXd& reduced() const { return s_; }
  // The j-th largest eigenvalue and its vector (R's order).
  double value(Eigen::Index j) const { return solver_.eigenvalues()[s_.rows() - 1 - j]; }
  auto vector(Eigen::Index j) const { return solver_.eigenvectors().col(s_.rows() - 1 - j); }
  // Room for one value per item.
  Eigen::VectorXd& scratch() { return scratch_; }

 private:
  Eigen::MatrixXd s_;
  Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd> solver_;
  Eigen::VectorXd scratch_;
  std::vector<double> psi_;
  bool held_ = false;
};

// psych fac's "fit.residuals" for fm = "minres": the sum of squared off-diagonal residuals of
// r (communalities 1 - psi on the diagonal) from its first nf principal axes, with the gradient
// psych passes to optim (FAgr.minres: communality of the axes + psi - 1). One factor: the
// residual s_ij - l_i l_j is formed pair by pair (the product Eigen's outer product rounds the same).
double minres_objective(ReducedEigen& e, std::size_t nf, const std::vector<double>& psi,
                        std::vector<double>& gradient) {
  e.factor(psi);
  const Eigen::MatrixXd& s = e.reduced();
  const Eigen::Index p = s.rows();
  const auto k = static_cast<Eigen::Index>(nf);
  double sum = 0;
  if (k == 1) {
    const double v = e.value(0);
    const double root = std::sqrt(v < DBL_EPSILON ? 100 * DBL_EPSILON : v), grad_root = std::sqrt(std::max(v, 0.0));
    const auto vec = e.vector(0);
    Eigen::VectorXd& load = e.scratch();
    for (Eigen::Index i = 0; i < p; ++i) load[i] = vec[i] * root;
    for (Eigen::Index j = 0; j < p; ++j)
      for (Eigen::Index i = j + 1; i < p; ++i) {
        const double residual = s(i, j) - load[i] * load[j];
        sum += residual * residual;
      }
    for (Eigen::Index i = 0; i < p; ++i) {
      const double g = vec[i] * grad_root;
      gradient[static_cast<std::size_t>(i)] = g * g + psi[static_cast<std::size_t>(i)] - 1;
    }
    return sum;
  }
  Eigen::MatrixXd load(p, k), grad_load(p, k);
  for (Eigen::Index j = 0; j < k; ++j) {
    const double v = e.value(j);
    load.col(j) = e.vector(j) * std::sqrt(v < DBL_EPSILON ? 100 * DBL_EPSILON : v);
    grad_load.col(j) = e.vector(j) * std::sqrt(std::max(v, 0.0));
  }
  const Eigen::MatrixXd residual = s - load * load.transpose();
  for (Eigen::Index j = 0; j < p; ++j)
    for (Eigen::Index i = j + 1; i < p; ++i) sum += residual(i, j) * residual(i, j);
  for (Eigen::Index i = 0; i < p; ++i)
    gradient[static_cast<std::size_t>(i)] = grad_load.row(i).squaredNorm() + psi[static_cast<std::size_t>(i)] - 1;
  return sum;
}

// The loadings of r scaled by psi^-1/2 (psych fac's FAout / FAgr): sqrt(psi) V sqrt(max(lambda - 1, 0)).
Eigen::MatrixXd ml_loadings(const Eigen::MatrixXd& r, std::size_t nf, const std::vector<double>& psi,
                            DescendingEigen* eigen_out = nullptr) {
  const Eigen::Index p = r.rows();
  Eigen::VectorXd sc(p);
  for (Eigen::Index i = 0; i < p; ++i) sc[i] = 1 / std::sqrt(psi[static_cast<std::size_t>(i)]);
  const Eigen::MatrixXd scaled = sc.asDiagonal() * r * sc.asDiagonal();
  DescendingEigen e = descending_eigen(scaled);
  const auto k = static_cast<Eigen::Index>(nf);
  Eigen::MatrixXd load(p, k);
  for (Eigen::Index j = 0; j < k; ++j) load.col(j) = e.vectors.col(j) * std::sqrt(std::max(e.values[j] - 1, 0.0));
  for (Eigen::Index i = 0; i < p; ++i) load.row(i) *= std::sqrt(psi[static_cast<std::size_t>(i)]);
  if (eigen_out) *eigen_out = std::move(e);
  return load;
}

// psych fac's FAfn / FAgr (Joreskog 1967 ML criterion): -(sum(log e - e) - nf + p) over the
// p - nf smallest eigenvalues e of psi^-1/2 r psi^-1/2, and its gradient diag(LL' + psi - r) / psi^2.
double ml_objective(const Eigen::MatrixXd& r, std::size_t nf, const std::vector<double>& psi,
                    std::vector<double>& gradient) {
  DescendingEigen e;
  const Eigen::MatrixXd load = ml_loadings(r, nf, psi, &e);
  const Eigen::Index p = r.rows();
  double sum = 0;
  for (Eigen::Index j = static_cast<Eigen::Index>(nf); j < p; ++j) sum += std::log(e.values[j]) - e.values[j];
  for (Eigen::Index i = 0; i < p; ++i) {
    const double ps = psi[static_cast<std::size_t>(i)];
    gradient[static_cast<std::size_t>(i)] = (load.row(i).squaredNorm() + ps - r(i, i)) / (ps * ps);
  }
  return -(sum - static_cast<double>(nf) + static_cast<double>(p));
}

// psych fac's FAout.wls: the first nf principal axes of r with 1 - psi on the diagonal.
Eigen::MatrixXd minres_loadings(ReducedEigen& e, std::size_t nf, const std::vector<double>& psi) {
  e.factor(psi);
  Eigen::MatrixXd load(e.reduced().rows(), static_cast<Eigen::Index>(nf));
  for (Eigen::Index j = 0; j < load.cols(); ++j) load.col(j) = e.vector(j) * std::sqrt(std::max(e.value(j), 0.0));
  return load;
}

struct Fitted {
  Eigen::MatrixXd loadings;
  Eigen::VectorXd values;  // eigenvalues of the reduced matrix
  int iterations = 0;
  bool converged = false;
};

// psych fa fm = "minres" / "ml": optim(1 - smc, fn, gr, "L-BFGS-B", lower = .005, upper = 1,
// parscale = .01) from the squared multiple correlations; the reduced matrix's eigenvalues
// only when `with_values`.
Fitted optimise(const Eigen::MatrixXd& r, std::size_t nf, FactorMethod method, bool with_values) {
  const Eigen::VectorXd smc = squared_multiple_correlations(r);
  const auto p = static_cast<std::size_t>(r.rows());
  std::vector<double> start(p), lower(p, uniqueness_floor), upper(p, std::max(smc.maxCoeff(), 1.0));
  for (std::size_t i = 0; i < p; ++i) start[i] = r(static_cast<Eigen::Index>(i), static_cast<Eigen::Index>(i)) - smc[static_cast<Eigen::Index>(i)];
  BoundedMinimizerOptions options;
  options.parscale.assign(p, 0.01);
  ReducedEigen reduced_eigen(r);
  const BoundedObjective objective = [&](const std::vector<double>& psi, std::vector<double>& g) {
    return method == FactorMethod::ml ? ml_objective(r, nf, psi, g) : minres_objective(reduced_eigen, nf, psi, g);
  };
  const BoundedMinimum best = minimize_bounded(objective, start, lower, upper, options);
  if (!std::isfinite(best.value))
    throw data_error({}, "the maximum likelihood fit met a matrix that is not positive definite",
                     "fit it by minimum residual (minres) instead, or with fewer factors");
  Fitted out;
  out.loadings = method == FactorMethod::ml ? ml_loadings(r, nf, best.x) : minres_loadings(reduced_eigen, nf, best.x);
  out.iterations = best.iterations;
  out.converged = best.code == 0;
  if (!with_values) return out;
  Eigen::MatrixXd reduced = r;
  const Eigen::MatrixXd model = out.loadings * out.loadings.transpose();
  for (Eigen::Index i = 0; i < reduced.rows(); ++i) reduced(i, i) = model(i, i);
  out.values = descending_eigenvalues(reduced);
  return out;
}

// psych fa fm = "pa": principal axes iterated from the squared multiple correlations until the
// sum of communalities changes by at most min.err = .001, at most max.iter = 50 times.
Fitted principal_axes(const Eigen::MatrixXd& r, std::size_t nf) {
  Eigen::MatrixXd reduced = r;
  const Eigen::VectorXd smc = squared_multiple_correlations(r);
  for (Eigen::Index i = 0; i < r.rows(); ++i) reduced(i, i) = smc[i];
  double comm = reduced.trace(), err = comm;
  Fitted out;
  int i = 1;
  out.converged = true;
  const auto k = static_cast<Eigen::Index>(nf);
  while (err > 0.001) {
    const DescendingEigen e = descending_eigen(reduced);
    out.loadings.resize(r.rows(), k);
    for (Eigen::Index j = 0; j < k; ++j) out.loadings.col(j) = e.vectors.col(j) * std::sqrt(e.values[j]);
    out.values = e.values;
    const Eigen::VectorXd h2 = out.loadings.rowwise().squaredNorm();
    if (!h2.allFinite())
      throw data_error({}, "principal axis factoring met a negative eigenvalue (psych: imaginary loadings)",
                       "use fewer factors, or the minres method");
    const double comm1 = h2.sum();
    for (Eigen::Index j = 0; j < r.rows(); ++j) reduced(j, j) = h2[j];
    err = std::fabs(comm - comm1);
    comm = comm1;
    out.iterations = i;
    ++i;
    if (i > 50) {
      out.converged = err <= 0.001;
      err = 0;
    }
  }
  return out;
}

void check_input(const DenseMatrix& m, std::size_t nfactors) {
  if (m.rows != m.cols || m.rows == 0)
    throw data_error({}, "factor extraction needs a square correlation matrix, got " + std::to_string(m.rows) + " x " +
                             std::to_string(m.cols));
  for (std::size_t i = 0; i < m.rows; ++i)
    for (std::size_t j = 0; j < m.cols; ++j) {
      if (!std::isfinite(m(i, j)))
        throw data_error({}, "the correlation matrix has a missing value at item " + std::to_string(i + 1) + " x " +
                                 std::to_string(j + 1),
                         "drop items without enough pairwise answers (psych: NAs do not allow me to continue)");
      if (std::fabs(m(i, j) - m(j, i)) > 1e-8 * (1 + std::fabs(m(i, j))))
        throw data_error({}, "the correlation matrix is not symmetric at item " + std::to_string(i + 1) + " x " +
                                 std::to_string(j + 1));
    }
  if (nfactors == 0) throw data_error({}, "the number of factors must be at least 1");
  if (nfactors >= m.rows)
    throw data_error({}, std::to_string(nfactors) + " factors cannot be extracted from " + std::to_string(m.rows) +
                             " items",
                     "ask for at most " + std::to_string(m.rows > 1 ? m.rows - 1 : 0) +
                         " factors (and for fewer, so that the model has non-negative degrees of freedom)");
}

// cov2cor of a checked correlation matrix, as an Eigen matrix with an exact unit diagonal.
Eigen::MatrixXd unit_diagonal(const DenseMatrix& correlations, std::size_t nfactors) {
  check_input(correlations, nfactors);
  const auto p = static_cast<Eigen::Index>(correlations.rows);
  Eigen::MatrixXd r(p, p);
  for (Eigen::Index i = 0; i < p; ++i)
    for (Eigen::Index j = 0; j < p; ++j) r(i, j) = correlations(static_cast<std::size_t>(i), static_cast<std::size_t>(j));
  for (Eigen::Index i = 0; i < p; ++i)
    if (!(r(i, i) > 0)) throw data_error({}, "item " + std::to_string(i + 1) + " has no variance on the diagonal");
  const Eigen::VectorXd sd = r.diagonal().cwiseSqrt();
  r = (sd.cwiseInverse().asDiagonal() * r * sd.cwiseInverse().asDiagonal()).eval();  // cov2cor
  for (Eigen::Index i = 0; i < p; ++i) r(i, i) = 1;
  return r;
}

// psych fa's signs (each factor's loadings sum positive; exact zeros become 1e-15) and its
// factor order (by sum of squares, decreasing), written as a DenseMatrix.
DenseMatrix psych_loadings(Eigen::MatrixXd& load) {
  for (Eigen::Index j = 0; j < load.cols(); ++j)
    if (load.col(j).sum() < 0) load.col(j) = -load.col(j);
  for (Eigen::Index i = 0; i < load.rows(); ++i)
    for (Eigen::Index j = 0; j < load.cols(); ++j)
      if (load(i, j) == 0) load(i, j) = 1e-15;
  std::vector<Eigen::Index> order(static_cast<std::size_t>(load.cols()));
  std::iota(order.begin(), order.end(), Eigen::Index{0});
  const Eigen::VectorXd ss = load.colwise().squaredNorm();
  std::stable_sort(order.begin(), order.end(), [&](Eigen::Index a, Eigen::Index b) { return ss[a] > ss[b]; });
  DenseMatrix out(static_cast<std::size_t>(load.rows()), order.size());
  for (Eigen::Index i = 0; i < load.rows(); ++i)
    for (std::size_t j = 0; j < order.size(); ++j) out(static_cast<std::size_t>(i), j) = load(i, order[j]);
  return out;
}

}  // namespace

// psych::fa(r, nfactors, fm, rotate = "none") (Revelle, psych 2.2.9 fac): extraction, then
// signs so that each factor's loadings sum positive, then factors ordered by sum of squares.
FactorExtraction extract_factors(const DenseMatrix& correlations, std::size_t nfactors, FactorMethod method) {
  const Eigen::MatrixXd r = unit_diagonal(correlations, nfactors);
  const Eigen::Index p = r.rows();
  Fitted fit = method == FactorMethod::pa ? principal_axes(r, nfactors) : optimise(r, nfactors, method, true);
  FactorExtraction out;
  out.loadings = psych_loadings(fit.loadings);
  const Eigen::VectorXd h2 = fit.loadings.rowwise().squaredNorm();
  for (Eigen::Index i = 0; i < p; ++i) {
    out.communalities.push_back(h2[i]);
    out.uniquenesses.push_back(1 - h2[i]);
    if (h2[i] >= 1 - uniqueness_floor - 1e-9) out.heywood_items.push_back(static_cast<std::size_t>(i));
  }
  out.values.assign(fit.values.data(), fit.values.data() + fit.values.size());
  const Eigen::VectorXd ev = descending_eigenvalues(r);
  out.e_values.assign(ev.data(), ev.data() + ev.size());
  out.iterations = fit.iterations;
  out.converged = fit.converged;
  return out;
}

// psych::fa(r, nfactors, fm)$loadings as extract_factors computes them, without the rest.
DenseMatrix extract_loadings(const DenseMatrix& correlations, std::size_t nfactors, FactorMethod method) {
  const Eigen::MatrixXd r = unit_diagonal(correlations, nfactors);
  Fitted fit = method == FactorMethod::pa ? principal_axes(r, nfactors) : optimise(r, nfactors, method, false);
  return psych_loadings(fit.loadings);
}

}  // namespace attune
